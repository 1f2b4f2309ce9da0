/// The dashboard's one script, served from `/__ui/assets/dashboard.js` (so the Content-Security-Policy
/// holds `script-src 'self'` with no inline code): copy buttons, and the logs page's live tail. The tail
/// follows `/__ui/logs/events` (Server-Sent Events with the page's filters, resuming after the newest
/// row shown), adds rows with DOM text nodes only, announces the count politely, pauses and resumes,
/// reloads on a `reload` event, and polls `/__ui/logs/poll` when a stream cannot be had. The other pages
/// that show the store (log, users, groups, a user, a group) name the account's stream on `<main>`
/// (`data-reload-events`) and follow it only to reload after a reset or fixture load; `data-reload-ready`
/// says the stream is open.
enum DashboardScript {
    static let js: StaticString = """
        "use strict";
        (function () {
          function say(element, message) { if (element) { element.textContent = message; } }

          function selectText(node) {
            var range = document.createRange();
            range.selectNodeContents(node);
            var selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
          }

          function wireCopyButtons() {
            Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
              button.addEventListener("click", function () {
                var id = button.getAttribute("data-copy");
                var source = document.getElementById(id);
                var status = document.getElementById(id + "-status");
                if (!source) { return; }
                var fallback = function () { selectText(source); say(status, "Selected: press Ctrl+C to copy."); };
                if (navigator.clipboard && navigator.clipboard.writeText) {
                  navigator.clipboard.writeText(source.textContent).then(function () { say(status, "Copied."); }, fallback);
                } else {
                  fallback();
                }
              });
            });
          }

          function shownTime(loggedAt) {
            var fraction = loggedAt.slice(20, 26);
            var text = loggedAt.slice(0, 10) + " " + loggedAt.slice(11, 19);
            if (fraction && fraction !== "000000") { text += "." + fraction.slice(0, 3); }
            return text + " UTC";
          }

          function cell(row, text, className) {
            var td = document.createElement("td");
            if (className) { td.className = className; }
            td.appendChild(document.createTextNode(text || ""));
            row.appendChild(td);
            return td;
          }

          function LiveTail(box) {
            this.box = box;
            this.rows = document.getElementById("log-rows");
            this.status = document.getElementById("live-status");
            this.toggle = document.getElementById("live-toggle");
            this.lastID = parseInt(box.getAttribute("data-last-id"), 10) || 0;
            this.perPage = parseInt(box.getAttribute("data-per-page"), 10) || 20;
            this.account = box.getAttribute("data-account") || "";
            this.names = JSON.parse(box.getAttribute("data-idp-names") || "{}");
            this.paused = false;
            this.pending = [];
            this.arrived = 0;
            this.source = null;
            this.timer = null;
          }

          LiveTail.prototype.start = function () {
            var tail = this;
            this.toggle.hidden = false;
            this.toggle.addEventListener("click", function () { tail.setPaused(!tail.paused); });
            if (window.EventSource) { this.stream(); } else { this.poll(); }
          };

          LiveTail.prototype.url = function (attribute, name) {
            var base = this.box.getAttribute(attribute);
            return base + (base.indexOf("?") < 0 ? "?" : "&") + name + "=" + this.lastID;
          };

          LiveTail.prototype.stream = function () {
            var tail = this;
            var source = new EventSource(this.url("data-events", "last_event_id"));
            this.source = source;
            say(this.status, "Live: connecting.");
            source.addEventListener("open", function () { tail.report("Live: following new logs."); });
            source.addEventListener("log", function (event) {
              tail.receive(parseInt(event.lastEventId, 10), JSON.parse(event.data));
            });
            source.addEventListener("reload", function () { window.location.reload(); });
            source.addEventListener("error", function () {
              if (source.readyState === EventSource.CLOSED) {
                source.close();
                tail.source = null;
                tail.poll();
              } else {
                tail.report("Live: reconnecting.");
              }
            });
          };

          LiveTail.prototype.poll = function () {
            var tail = this;
            this.report("Live: checking for new logs every 2 seconds.");
            var check = function () {
              fetch(tail.box.getAttribute("data-poll"), { credentials: "same-origin", headers: { Accept: "application/json" } })
                .then(function (response) {
                  if (!response.ok) { throw new Error("status " + response.status); }
                  return response.json();
                })
                .then(function (body) {
                  body.logs.slice().reverse().forEach(function (item) { tail.receive(item.id, item.log); });
                })
                .catch(function () { tail.report("Live: the server does not answer; trying again."); });
            };
            this.timer = window.setInterval(check, 2000);
          };

          LiveTail.prototype.receive = function (id, log) {
            if (!(id > this.lastID)) { return; }
            this.lastID = id;
            if (this.paused) {
              this.pending.push({ id: id, log: log });
            } else {
              this.insert(id, log);
              this.arrived += 1;
            }
            this.report();
          };

          LiveTail.prototype.report = function (connection) {
            if (connection) { this.connection = connection; }
            var parts = [this.connection || "Live."];
            if (this.arrived > 0) { parts.push(this.arrived + (this.arrived === 1 ? " new log." : " new logs.")); }
            if (this.paused) {
              parts.push("Paused: " + this.pending.length + (this.pending.length === 1 ? " log waits." : " logs wait."));
            }
            say(this.status, parts.join(" "));
          };

          LiveTail.prototype.setPaused = function (paused) {
            this.paused = paused;
            this.toggle.setAttribute("aria-pressed", paused ? "true" : "false");
            this.toggle.textContent = paused ? "Resume live updates" : "Pause live updates";
            if (!paused) {
              var waiting = this.pending;
              this.pending = [];
              for (var i = 0; i < waiting.length; i += 1) { this.insert(waiting[i].id, waiting[i].log); }
              this.arrived += waiting.length;
            }
            this.report();
          };

          LiveTail.prototype.insert = function (id, log) {
            var row = document.createElement("tr");
            row.className = "new";
            row.setAttribute("data-id", String(id));
            cell(row, this.names[log.idp_id] || log.idp_id);
            var when = cell(row, "");
            var link = document.createElement("a");
            link.href = "/__ui/logs/" + id + (this.account ? "?account_id=" + encodeURIComponent(this.account) : "");
            var time = document.createElement("time");
            time.setAttribute("datetime", log.logged_at);
            time.textContent = shownTime(log.logged_at);
            link.appendChild(time);
            when.appendChild(link);
            cell(row, log.request_method);
            cell(row, log.resource_user_email);
            cell(row, log.resource_group_name);
            cell(row, log.resource_type);
            cell(row, log.cf_resource_id, "id");
            cell(row, log.idp_resource_id, "id");
            var outcome = document.createElement("span");
            outcome.className = log.status === "SUCCESS" ? "outcome success" : "outcome error";
            outcome.textContent = log.status === "SUCCESS" ? "SUCCESS" : "ERROR";
            cell(row, "").appendChild(outcome);
            this.rows.insertBefore(row, this.rows.firstChild);
            while (this.rows.children.length > this.perPage) { this.rows.removeChild(this.rows.lastElementChild); }
            var empty = document.getElementById("no-logs");
            if (empty) { empty.hidden = true; }
          };

          function reloadOnReset(main) {
            var url = main && main.getAttribute("data-reload-events");
            if (!url || !window.EventSource) { return; }
            var source = new EventSource(url);
            source.addEventListener("open", function () { main.setAttribute("data-reload-ready", ""); });
            source.addEventListener("reload", function () { window.location.reload(); });
            source.addEventListener("error", function () {
              main.removeAttribute("data-reload-ready");
              if (source.readyState === EventSource.CLOSED) { source.close(); }
            });
          }

          document.addEventListener("DOMContentLoaded", function () {
            wireCopyButtons();
            var box = document.getElementById("live");
            if (box) {
              var tail = new LiveTail(box);
              window.scimMockLiveTail = tail;
              tail.start();
            } else {
              reloadOnReset(document.getElementById("main"));
            }
          });
        })();
        """
}
