#!/usr/bin/env bash
# make bench: load-test the Cloudflare list endpoints and the inbound SCIM endpoint of scim-mock with
# wrk on a generated fixture (10 IdPs, 10,000 users, 100 groups, 100,000 update logs) and report req/s,
# p50/p99 latency, peak RSS and start-up times against the targets. SCIM paging, a full import and a
# mixed read/write load run on a second server that also holds one IdP of 10,000 users. A report: exits 0
# whether targets are met or missed; exits non-zero only when the benchmark itself cannot run (no server,
# a request that is not 2xx, ...).
#
# Usage: Tests/Bench/run.sh [path/to/scim-mock]   (from anywhere; writes <repo>/bench-out/)
# Knobs: BENCH_DURATION (10s), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_STARTUP_RUNS (3).
set -euo pipefail

BIN=${1:-.build/release/scim-mock}
[[ $BIN == /* ]] || BIN="$PWD/$BIN"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

DURATION=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-3}
OUT=bench-out
FIXTURE=$OUT/fixture.json
ACC=023e105f4ecef8ad9ca31a8372d0c353
IDP1=00000000-0000-4000-8000-000000000001
AUTH="Authorization: Bearer bench"

# Targets.
LOGS_RPS_MIN=4000
RESOURCES_RPS_MIN=8000
SCIM_WRITES_MIN=5000
SCIM_LOOKUP_MIN=8000
SCIM_PAGE_RPS_MIN=3000
SCIM_ACTIVE_RPS_MIN=2000
SCIM_IMPORT_MAX_S=1
MIXED_READS_MIN=4000
MIXED_WRITES_MIN=500
MIXED_READ_CONNECTIONS=28
MIXED_WRITE_CONNECTIONS=4
P99_MAX_MS=20
RSS_MAX_MB=100
STARTUP_DEFAULT_MAX_S=0.5

die() { echo "bench: error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed (make bench-deps installs it)"; }

[[ -x $BIN ]] || die "no executable scim-mock at $BIN (make release builds it)"
need wrk
need curl
mkdir -p "$OUT"

SERVER_PID=""
SERVER_URL=""
# Extra `serve` options for the next start_server (the journal-off server sets --journal-size 0).
SERVE_ARGS=()
STARTUP_S=""
FIFO="$OUT/.stdout.fifo"

stop_server() {
    if [[ -n $SERVER_PID ]]; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
    exec 3<&- 2>/dev/null || true
    rm -f "$FIFO"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# start_server SEED LOG [SEED...]: starts `serve --port 0 --quiet --seed SEED...` and waits for the listening
# line; sets SERVER_PID, SERVER_URL and STARTUP_S (exec to listening line, in seconds).
start_server() {
    local log=$2 line="" seeds=(--seed "$1") extra
    for extra in "${@:3}"; do seeds+=(--seed "$extra"); done
    rm -f "$FIFO"
    mkfifo "$FIFO"
    local t0
    t0=$(now)
    "$BIN" serve --port 0 --quiet "${seeds[@]}" ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"} >"$FIFO" 2>"$log" &
    SERVER_PID=$!
    exec 3<"$FIFO"
    if ! IFS= read -r -t 60 -u 3 line; then
        echo "--- server stderr ($log) ---" >&2
        cat "$log" >&2 || true
        die "scim-mock did not print its listening line within 60 s (${seeds[*]})"
    fi
    local t1
    t1=$(now)
    [[ $line == "scim-mock listening on "* ]] || die "unexpected first stdout line: $line"
    SERVER_URL=${line#scim-mock listening on }
    STARTUP_S=$(elapsed "$t0" "$t1")
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# wrk's latency figures come as 812.00us, 1.23ms or 1.02s: to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u != "ms") n = -1
        printf "%.2f", n
    }'
}

# pass_if VALUE ge|le|lt LIMIT: PASS or MISS.
pass_if() {
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
        ok = (op == "ge") ? (v + 0 >= l + 0) : (op == "lt") ? (v + 0 < l + 0) : (v + 0 <= l + 0); exit !ok
    }' && echo PASS || echo MISS
}

report_of() { echo "$OUT/wrk-${1//[^A-Za-z0-9]/-}.txt"; }

# run_wrk NAME URL AUTH LUA CONNECTIONS THREADS: one wrk run into report_of NAME; fails on any non-2xx answer.
run_wrk() {
    local name=$1 url=$2 auth=$3 lua=$4 connections=$5 threads=$6
    local script=() report
    report=$(report_of "$name")
    [[ -n $lua ]] && script=(-s "$lua")
    echo "bench: wrk -t$threads -c$connections -d$DURATION --latency  [$name]"
    wrk -t"$threads" -c"$connections" -d"$DURATION" --latency -H "$auth" "${script[@]}" "$url" >"$report" 2>&1 \
        || { cat "$report" >&2; die "wrk failed on $name"; }
    if grep -q "Non-2xx or 3xx responses" "$report"; then
        cat "$report" >&2
        die "$name: wrk saw non-2xx responses ($(grep 'Non-2xx or 3xx responses' "$report" | xargs)); see $report and $OUT/server*.log"
    fi
    if grep -q "Socket errors" "$report"; then
        echo "bench: warning: $name: $(grep 'Socket errors' "$report" | xargs)" >&2
    fi
}

# measure NAME URL MINIMUM AUTH [LUA]: one wrk run at the default threads and connections, recorded.
measure() {
    run_wrk "$1" "$2" "$4" "${5:-}" "$CONNECTIONS" "$THREADS"
    record "$1" "$3"
}

# record NAME MINIMUM: reads NAME's wrk report; appends "name|rps|p50|p99|min" to ROWS.
record() {
    local name=$1 min=$2 report rps p50 p99
    report=$(report_of "$name")
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$report")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$report")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")
    [[ -n $rps && -n $p50 && -n $p99 ]] || { cat "$report" >&2; die "could not read wrk's figures for $name"; }
    # wrk leaves requests past its 2 s timeout out of its latencies: with 1% (50%) of them timed out, p99
    # (p50) is at least 2 s whatever the figures say, and the row says so.
    local requests timeouts
    requests=$(awk '/ requests in / { print $1 }' "$report")
    timeouts=$(awk '/Socket errors/ { for (i = 1; i < NF; i++) if ($i == "timeout") print $(i + 1) + 0 }' "$report")
    if (( ${timeouts:-0} > 0 && timeouts * 100 >= requests )); then
        p99=2000.00
        (( timeouts * 2 >= requests )) && p50=2000.00
        name+=" ($timeouts of $requests timed out, latency >= 2 s)"
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during $name; see $OUT/server.log"
    ROWS+=("$name|$rps|$p50|$p99|$min")
}

# --- 1. fixture -----------------------------------------------------------------------------------
echo "bench: generating $FIXTURE (10 IdPs, 10,000 users, 100 groups, 100,000 logs)"
t0=$(now)
"$BIN" generate --users 10000 --logs 100000 --idps 10 --groups 100 -o "$FIXTURE"
echo "bench: generated in $(elapsed "$t0" "$(now)") s ($(du -h "$FIXTURE" | cut -f1))"
# One IdP of 10,000 users for SCIM paging, in an account of its own; the generator numbers IdPs from 1,
# so its id and secret are renamed, and another random seed keeps its user ids apart from the first fixture's.
BIG_FIXTURE=$OUT/fixture-10k-users.json
BIG_IDP=00000000-0000-4000-8000-0000000b1000
BIG_AUTH="Authorization: Bearer big-idp-secret"
"$BIN" generate --users 10000 --logs 0 --idps 1 --groups 0 --account bench-10k-users --random-seed 2 \
    | sed "s/$IDP1/$BIG_IDP/; s/load-secret-1/big-idp-secret/" >"$BIG_FIXTURE"

# --- 2. start-up with the default fixture (median of a few runs) ----------------------------------
startups=()
for _ in $(seq "$STARTUP_RUNS"); do
    start_server seed-data/default.json "$OUT/server-default.log"
    startups+=("$STARTUP_S")
    stop_server
done
STARTUP_DEFAULT=$(printf '%s\n' "${startups[@]}" | median)
echo "bench: start-up with seed-data/default.json: ${STARTUP_DEFAULT} s (median of ${startups[*]})"

# --- 3. the server under test -----------------------------------------------------------------------
start_server "$FIXTURE" "$OUT/server.log"
STARTUP_BENCH=$STARTUP_S
echo "bench: start-up with $FIXTURE: ${STARTUP_BENCH} s; serving at $SERVER_URL (pid $SERVER_PID)"

API="$SERVER_URL/client/v4/accounts/$ACC"
NAMES=("logs page" "filtered logs page" "users page" "groups page")
PATHS=(
    "$API/access/logs/scim/updates?idp_id=$IDP1&per_page=20"
    "$API/access/logs/scim/updates?idp_id=$IDP1&per_page=20&status=SUCCESS&resource_type=USER&since=2025-01-01T10:00:00Z"
    "$API/access/identity_providers/$IDP1/scim/users?per_page=20"
    "$API/access/identity_providers/$IDP1/scim/groups?per_page=20"
)
MINIMA=("$LOGS_RPS_MIN" "$LOGS_RPS_MIN" "$RESOURCES_RPS_MIN" "$RESOURCES_RPS_MIN")

# Each URL must answer 200 with a non-empty page before it is worth measuring.
for i in "${!PATHS[@]}"; do
    body=$(curl -sS -H "$AUTH" -w '\n%{http_code}' "${PATHS[$i]}") || die "curl failed on ${NAMES[$i]}: ${PATHS[$i]}"
    code=${body##*$'\n'}
    body=${body%$'\n'*}
    [[ $code == 200 ]] || die "${NAMES[$i]}: HTTP $code from ${PATHS[$i]}: ${body:0:400}"
    [[ $body == *'"result":[{'* ]] || die "${NAMES[$i]}: empty page from ${PATHS[$i]}: ${body:0:400}"
done

ROWS=()
for i in "${!PATHS[@]}"; do
    measure "${NAMES[$i]}" "${PATHS[$i]}" "${MINIMA[$i]}" "$AUTH"
done

RSS_MB=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")
RSS_NOW_MB=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")

# --- 3b. inbound SCIM: index-served lookup, creates, and group membership PATCHes ---------------------
# The generator gives IdP 1 the secret load-secret-1 and the users user0, user10, user20, ...
SCIM="$SERVER_URL/scim/v2"
SCIM_AUTH="Authorization: Bearer load-secret-1"
scim_get() { curl -sS -H "$SCIM_AUTH" "$SCIM/$1"; }
first_id() { sed -n 's/.*"Resources":\[{"schemas":\[[^]]*\],"id":"\([^"]*\)".*/\1/p'; }
GROUP_ID=$(scim_get 'Groups?count=1&excludedAttributes=members' | first_id)
USER_ID=$(scim_get 'Users?count=1' | first_id)
[[ -n $GROUP_ID && -n $USER_ID ]] || die "could not find a SCIM group and user of IdP 1 at $SCIM"
LOOKUP="$SCIM/Users?filter=userName%20eq%20%22user10%40example.com%22"
[[ $(scim_get 'Users?filter=userName%20eq%20%22user10%40example.com%22') == *'"totalResults":1'* ]] \
    || die "SCIM lookup of user10@example.com did not find exactly one user"

# create_lua FILE PREFIX: a wrk script creating one user of IdP 1 per request, PREFIX-<thread>-<n>@example.com.
create_lua() {
    cat >"$1" <<LUA
local count = 0
function setup(thread) count = count + 1; thread:set("tid", count) end
function init(args) n = 0 end
function request()
    n = n + 1
    local body = string.format('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"$2-%d-%d@example.com","externalId":"$2-%d-%d","emails":[{"value":"$2-%d-%d@example.com","primary":true}]}', tid, n, tid, n, tid, n)
    return wrk.format("POST", nil, {["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer load-secret-1"}, body)
end
LUA
}
create_lua "$OUT/scim-create.lua" bench
cat >"$OUT/scim-patch.lua" <<LUA
function init(args) n = 0 end
function request()
    n = n + 1
    local op = (n % 2 == 1) and '{"op":"add","path":"members","value":[{"value":"$USER_ID"}]}'
                             or '{"op":"remove","path":"members[value eq \\\\"$USER_ID\\\\"]"}'
    local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[' .. op .. ']}'
    return wrk.format("PATCH", nil, {["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer load-secret-1"}, body)
end
LUA

SCIM_NAMES=("SCIM GET /Users?filter=userName eq" "SCIM POST /Users" "SCIM PATCH group members")
SCIM_URLS=("$LOOKUP" "$SCIM/Users" "$SCIM/Groups/$GROUP_ID")
SCIM_SCRIPTS=("" "$OUT/scim-create.lua" "$OUT/scim-patch.lua")
SCIM_MINIMA=("$SCIM_LOOKUP_MIN" "$SCIM_WRITES_MIN" "$SCIM_WRITES_MIN")
for i in "${!SCIM_NAMES[@]}"; do
    measure "${SCIM_NAMES[$i]}" "${SCIM_URLS[$i]}" "${SCIM_MINIMA[$i]}" "$SCIM_AUTH" "${SCIM_SCRIPTS[$i]}"
done
LOGGED=$(curl -sS -H "$AUTH" "$API/access/logs/scim/updates?idp_id=$IDP1&per_page=1&since=2026-01-01T00:00:00Z" \
    | sed -n 's/.*"total_count":\([0-9]*\).*/\1/p')
echo "bench: update logs written by the SCIM runs: ${LOGGED:-?}"

# --- 3b'. the cost of fault matching: one rule every request is checked against and none matches ---------
NEVER_RULE='{"id":"bench-never","match":{"header":{"name":"x-bench-never","value":"1"}},"close":true}'
curl -sS -f -X POST -d "$NEVER_RULE" "$SERVER_URL/__admin/faults" >/dev/null || die "could not add the bench fault rule"
measure "logs page, a fault rule that matches nothing" "${PATHS[0]}" "$LOGS_RPS_MIN" "$AUTH"
measure "SCIM GET /Users?filter=userName eq, a fault rule that matches nothing" "$LOOKUP" "$SCIM_LOOKUP_MIN" "$SCIM_AUTH"
curl -sS -f -X DELETE "$SERVER_URL/__admin/faults/bench-never" >/dev/null || die "could not remove the bench fault rule"
stop_server

# --- 3b''. the request journal's cost: the same rows on a server that keeps none ----------------------------
SERVE_ARGS=(--journal-size 0)
start_server "$FIXTURE" "$OUT/server-no-journal.log"
SERVE_ARGS=()
SCIM="$SERVER_URL/scim/v2"
API="$SERVER_URL/client/v4/accounts/$ACC"
LOOKUP="$SCIM/Users?filter=userName%20eq%20%22user10%40example.com%22"
measure "logs page, journal off (--journal-size 0)" "$API/access/logs/scim/updates?idp_id=$IDP1&per_page=20" \
    "$LOGS_RPS_MIN" "$AUTH"
measure "SCIM GET /Users?filter=userName eq, journal off" "$LOOKUP" "$SCIM_LOOKUP_MIN" "$SCIM_AUTH"
stop_server

# --- 3c. SCIM paging over 10,000 users, and reads during writes, on a second server --------------------
# Same fixture plus the 10,000-user IdP, so the mixed run starts from exactly 100,000 logs.
start_server "$FIXTURE" "$OUT/server-scim.log" "$BIG_FIXTURE"
SCIM="$SERVER_URL/scim/v2"
echo "bench: start-up with $FIXTURE and $BIG_FIXTURE: ${STARTUP_S} s; serving at $SERVER_URL (pid $SERVER_PID)"
[[ $(curl -sS -H "$BIG_AUTH" "$SCIM/Users?count=0") == *'"totalResults":10000'* ]] \
    || die "the IdP of $BIG_FIXTURE does not hold 10,000 users"

# Each wrk thread has its own seed, so the threads walk different pages (and the same ones every run).
cat >"$OUT/scim-page.lua" <<'LUA'
local count = 0
function setup(thread) count = count + 1; thread:set("tid", count) end
function init(args) math.randomseed(tid * 7919) end
function request() return wrk.format(nil, "/scim/v2/Users?startIndex=" .. math.random(1, 9901) .. "&count=100") end
LUA
cat >"$OUT/logs-random.lua" <<LUA
local count = 0
function setup(thread) count = count + 1; thread:set("tid", count) end
function init(args) math.randomseed(tid * 7919) end
function request()
    local idp = string.format("00000000-0000-4000-8000-%012d", math.random(1, 10))
    local page = math.random(1, 50)
    return wrk.format(nil, "/client/v4/accounts/$ACC/access/logs/scim/updates?idp_id=" .. idp .. "&per_page=20&page=" .. page)
end
LUA
create_lua "$OUT/scim-create-mixed.lua" mixed

measure "SCIM GET /Users page of 100, random startIndex" "$SCIM/Users" "$SCIM_PAGE_RPS_MIN" "$BIG_AUTH" "$OUT/scim-page.lua"
measure "SCIM GET /Users?filter=active eq true, count=100" "$SCIM/Users?filter=active%20eq%20true&count=100" \
    "$SCIM_ACTIVE_RPS_MIN" "$BIG_AUTH"

# A client importing every user: 100 pages of 100, one after the other on one connection.
import_urls=()
for start in $(seq 1 100 9901); do import_urls+=("$SCIM/Users?startIndex=$start&count=100"); done
t0=$(now)
curl -sS -H "$BIG_AUTH" "${import_urls[@]}" >"$OUT/import.json" || die "curl failed during the full import"
IMPORT_S=$(elapsed "$t0" "$(now)")
imported=$(grep -o '"itemsPerPage":[0-9]*' "$OUT/import.json" | awk -F: '{ n += $2 } END { print n + 0 }')
[[ $imported == 10000 ]] || die "the full import read $imported users, not 10000; see $OUT/import.json"
echo "bench: full import of 10,000 users in 100 pages: $IMPORT_S s"

MIXED_READS="mixed: logs page, random IdP and page, $MIXED_READ_CONNECTIONS conns"
MIXED_WRITES="mixed: SCIM POST /Users at the same time, $MIXED_WRITE_CONNECTIONS conns"
run_wrk "$MIXED_READS" "$SERVER_URL" "$AUTH" "$OUT/logs-random.lua" "$MIXED_READ_CONNECTIONS" "$THREADS" &
reads_pid=$!
run_wrk "$MIXED_WRITES" "$SCIM/Users" "$SCIM_AUTH" "$OUT/scim-create-mixed.lua" "$MIXED_WRITE_CONNECTIONS" 1 &
writes_pid=$!
wait "$reads_pid" || die "the mixed run's reads failed"
wait "$writes_pid" || die "the mixed run's writes failed"
record "$MIXED_READS" "$MIXED_READS_MIN"
record "$MIXED_WRITES" "$MIXED_WRITES_MIN"
stop_server

# --- 4. report --------------------------------------------------------------------------------------
{
    echo "# scim-mock bench"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, fixture: 10 IdPs, 10,000 users, 100 groups, 100,000 update logs; endpoints under IdP $IDP1, per_page=20."
    echo "SCIM GET /Users rows: an IdP of 10,000 users on a second server; mixed rows: two wrk runs at once on it"
    echo "($MIXED_READ_CONNECTIONS + $MIXED_WRITE_CONNECTIONS connections), reads spread over the 10 IdPs of 10,000 logs each."
    echo
    echo "| name | req/s | p50 ms | p99 ms | target | req/s | p99 |"
    echo "|---|---:|---:|---:|---|---|---|"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r name rps p50 p99 min <<<"$row"
        echo "| $name | $rps | $p50 | $p99 | >= $min req/s, p99 <= $P99_MAX_MS ms | $(pass_if "$rps" ge "$min") | $(pass_if "$p99" le "$P99_MAX_MS") |"
    done
    echo
    echo "| figure | value | target | result |"
    echo "|---|---:|---|---|"
    echo "| peak RSS (VmHWM) under load, 100k-log fixture | $RSS_MB MB | <= $RSS_MAX_MB MB | $(pass_if "$RSS_MB" le "$RSS_MAX_MB") |"
    echo "| RSS at the end (VmRSS), for comparison | $RSS_NOW_MB MB | | - |"
    echo "| start-up, default fixture (median of $STARTUP_RUNS) | $STARTUP_DEFAULT s | <= $STARTUP_DEFAULT_MAX_S s | $(pass_if "$STARTUP_DEFAULT" le "$STARTUP_DEFAULT_MAX_S") |"
    echo "| start-up, 100k-log fixture | $STARTUP_BENCH s | (none) | - |"
    echo "| update logs written by the SCIM write runs (one per request) | ${LOGGED:-?} | | - |"
    echo "| full SCIM import of 10,000 users, 100 pages of count=100, one client | $IMPORT_S s |" \
        "< $SCIM_IMPORT_MAX_S s | $(pass_if "$IMPORT_S" lt "$SCIM_IMPORT_MAX_S") |"
} >"$OUT/results.md"

echo
cat "$OUT/results.md"
echo
echo "bench: written to $OUT/results.md (wrk output in $OUT/wrk-*.txt)"
