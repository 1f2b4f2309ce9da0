#!/usr/bin/env bash
# make bench: load-test the Cloudflare list endpoints and the inbound SCIM endpoint of scim-mock with
# wrk on a generated fixture (10 IdPs, 10,000 users, 100 groups, 100,000 update logs) and report req/s,
# p50/p99 latency, peak RSS and start-up times against the targets. A report: exits 0 whether targets are met or missed; exits
# non-zero only when the benchmark itself cannot run (no server, a request that is not 2xx, ...).
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

# start_server SEED LOG: starts `serve --port 0 --quiet --seed SEED` and waits for the listening line;
# sets SERVER_PID, SERVER_URL and STARTUP_S (exec to listening line, in seconds).
start_server() {
    local seed=$1 log=$2 line=""
    rm -f "$FIFO"
    mkfifo "$FIFO"
    local t0
    t0=$(now)
    "$BIN" serve --port 0 --quiet --seed "$seed" >"$FIFO" 2>"$log" &
    SERVER_PID=$!
    exec 3<"$FIFO"
    if ! IFS= read -r -t 60 -u 3 line; then
        echo "--- server stderr ($log) ---" >&2
        cat "$log" >&2 || true
        die "scim-mock did not print its listening line within 60 s (seed $seed)"
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

# pass_if VALUE ge|le LIMIT: PASS or MISS.
pass_if() {
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { ok = (op == "ge") ? (v + 0 >= l + 0) : (v + 0 <= l + 0); exit !ok }' \
        && echo PASS || echo MISS
}

# measure NAME URL MINIMUM AUTH [LUA]: one wrk run; appends "name|rps|p50|p99|min" to ROWS.
measure() {
    local name=$1 url=$2 min=$3 auth=$4 lua=${5:-}
    local slug=${name//[^A-Za-z0-9]/-}
    local script=()
    [[ -n $lua ]] && script=(-s "$lua")
    echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency  [$name]"
    local report=$OUT/wrk-$slug.txt
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$auth" "${script[@]}" "$url" >"$report" 2>&1 \
        || { cat "$report" >&2; die "wrk failed on $name"; }
    if grep -q "Non-2xx or 3xx responses" "$report"; then
        cat "$report" >&2
        die "$name: wrk saw non-2xx responses ($(grep 'Non-2xx or 3xx responses' "$report" | xargs)); see $report and $OUT/server.log"
    fi
    if grep -q "Socket errors" "$report"; then
        echo "bench: warning: $name: $(grep 'Socket errors' "$report" | xargs)" >&2
    fi
    local rps p50 p99
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$report")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$report")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")
    [[ -n $rps && -n $p50 && -n $p99 ]] || { cat "$report" >&2; die "could not read wrk's figures for $name"; }
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during $name; see $OUT/server.log"
    ROWS+=("$name|$rps|$p50|$p99|$min")
}

# --- 1. fixture -----------------------------------------------------------------------------------
echo "bench: generating $FIXTURE (10 IdPs, 10,000 users, 100 groups, 100,000 logs)"
t0=$(now)
"$BIN" generate --users 10000 --logs 100000 --idps 10 --groups 100 -o "$FIXTURE"
echo "bench: generated in $(elapsed "$t0" "$(now)") s ($(du -h "$FIXTURE" | cut -f1))"

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

cat >"$OUT/scim-create.lua" <<'LUA'
local count = 0
function setup(thread) count = count + 1; thread:set("tid", count) end
function init(args) n = 0 end
function request()
    n = n + 1
    local body = string.format('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bench-%d-%d@example.com","externalId":"b%d-%d","emails":[{"value":"bench-%d-%d@example.com","primary":true}]}', tid, n, tid, n, tid, n)
    return wrk.format("POST", nil, {["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer load-secret-1"}, body)
end
LUA
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
stop_server

# --- 4. report --------------------------------------------------------------------------------------
{
    echo "# scim-mock bench"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, fixture: 10 IdPs, 10,000 users, 100 groups, 100,000 update logs; endpoints under IdP $IDP1, per_page=20."
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
} >"$OUT/results.md"

echo
cat "$OUT/results.md"
echo
echo "bench: written to $OUT/results.md (wrk output in $OUT/wrk-*.txt)"
