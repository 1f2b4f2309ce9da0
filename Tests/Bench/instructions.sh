#!/usr/bin/env bash
# What the request journal and a fault rule that matches nothing cost, in CPU instructions per request:
# deterministic where wrk's req/s on a shared machine is not. Each configuration runs the server under
# valgrind's callgrind (it counts instructions, whatever else the machine runs) twice with the default
# fixture: once answering BENCH_REQUESTS cheap requests over one keep-alive connection, once answering none;
# the difference over BENCH_REQUESTS is the whole server's cost of one request (transport included), and
# the inclusive count of MockApplication.handle over BENCH_REQUESTS is the application's share of it.
#
# Usage: Tests/Bench/instructions.sh [path/to/scim-mock]   (a release build; writes <repo>/bench-out/)
# Swift's hashing is made deterministic (SWIFT_DETERMINISTIC_HASHING) so that two runs hash alike.
# Knobs: BENCH_REQUESTS (2000), BENCH_OUT (bench-out/instructions). Needs valgrind and curl (make bench-deps
# installs them). About 4 minutes.
set -euo pipefail

BIN=${1:-.build/release/scim-mock}
[[ $BIN == /* ]] || BIN="$PWD/$BIN"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

REQUESTS=${BENCH_REQUESTS:-2000}
OUT=${BENCH_OUT:-bench-out/instructions}
ACC=023e105f4ecef8ad9ca31a8372d0c353
IDP=f174e90a-fafe-4643-bbbc-4a0ed4fc8415
USER_ID=bd97ef8d-7986-43e3-9ee0-c25dda33e4b0
NEVER_RULE='{"id":"bench-never","match":{"header":{"name":"x-bench-never","value":"1"}},"close":true}'

die() { echo "bench: error: $*" >&2; exit 1; }
for tool in valgrind callgrind_annotate curl; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (make bench-deps installs it)"
done
[[ -x $BIN ]] || die "no executable scim-mock at $BIN (make release builds it)"
mkdir -p "$OUT"

SERVER_PID=""
stop_server() {
    [[ -z $SERVER_PID ]] && return
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
trap stop_server EXIT

# run NAME COUNT URL AUTH [SERVE OPTION...]: COUNT requests to URL on a server under callgrind; leaves
# $OUT/NAME-COUNT.callgrind.
run() {
    local name=${1//[^A-Za-z0-9]/-} count=$2 path=$3 auth=$4 line="" url
    local profile="$OUT/$name-$count.callgrind"
    local stdout="$OUT/$name-$count.stdout"
    rm -f "$profile" "$stdout"
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$profile" "$BIN" serve --port 0 --quiet \
        "${@:5}" >"$stdout" 2>"$OUT/$name-$count.log" &
    SERVER_PID=$!
    for ((tries = 0; tries < 600; tries++)); do
        line=$(head -n 1 "$stdout" 2>/dev/null || true)
        [[ -n $line ]] && break
        sleep 0.2
    done
    [[ $line == "scim-mock listening on "* ]] || die "the server under callgrind did not start (see $OUT/$name-$count.log)"
    url=${line#scim-mock listening on }
    if ((count > 0)); then
        local config="$OUT/.curl-config"
        : >"$config"
        for ((i = 0; i < count; i++)); do printf 'url = "%s%s"\noutput = /dev/null\n' "$url" "$path" >>"$config"; done
        curl -sS -f -H "$auth" -K "$config" || die "$name: a request failed"
    fi
    stop_server
    for ((tries = 0; tries < 600; tries++)); do
        grep -q '^totals:' "$profile" 2>/dev/null && return
        sleep 0.1
    done
    die "callgrind wrote no complete profile for $name (see $OUT/$name-$count.log)"
}

total() { sed -n 's/^totals: \([0-9]*\).*/\1/p' "$1"; }

# Inclusive instructions of MockApplication.handle(_:) (the application's whole answer to a request).
handled() {
    callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null \
        | awk '/MockApplicationV6handley/ && !found { gsub(",", "", $1); print $1; found = 1 }' || true
}

REPORT="$OUT/report.md"
{
    echo "| request | configuration | instructions / request (server) | vs journal off | in MockApplication.handle | vs journal off |"
    echo "|---|---|---:|---:|---:|---:|"
} >"$REPORT"

measure() {
    local label=$1 config=$2 path=$3 auth=$4
    shift 4
    run "$label $config" 0 "$path" "$auth" "$@"
    run "$label $config" "$REQUESTS" "$path" "$auth" "$@"
    local base busy app
    local name="$label $config"
    name=${name//[^A-Za-z0-9]/-}
    base=$(total "$OUT/$name-0.callgrind")
    busy=$(total "$OUT/$name-$REQUESTS.callgrind")
    app=$(handled "$OUT/$name-$REQUESTS.callgrind")
    local per=$(((busy - base) / REQUESTS)) per_app=$((${app:-0} / REQUESTS))
    if [[ $config == "journal off" ]]; then BASE_SERVER=$per BASE_APP=$per_app; fi
    local vs_server vs_app
    vs_server=$(awk -v a="$per" -v b="$BASE_SERVER" 'BEGIN { printf "%+.1f %%", (a - b) * 100 / b }')
    vs_app=$(awk -v a="$per_app" -v b="$BASE_APP" 'BEGIN { printf "%+.1f %%", (a - b) * 100 / b }')
    echo "bench: $label, $config: $per instructions per request ($vs_server), $per_app in MockApplication.handle ($vs_app)"
    echo "| $label | $config | $per | $vs_server | $per_app | $vs_app |" >>"$REPORT"
}

for request in "SCIM GET /Users/{id}" "logs page"; do
    if [[ $request == SCIM* ]]; then
        path="/scim/v2/Users/$USER_ID" auth="Authorization: Bearer okta-scim-secret"
    else
        path="/client/v4/accounts/$ACC/access/logs/scim/updates?idp_id=$IDP&per_page=20" auth="Authorization: Bearer bench"
    fi
    measure "$request" "journal off" "$path" "$auth" --journal-size 0
    measure "$request" "journal on" "$path" "$auth"
    measure "$request" "journal on, a rule that matches nothing" "$path" "$auth" --fault "$NEVER_RULE"
done
echo
cat "$REPORT"
