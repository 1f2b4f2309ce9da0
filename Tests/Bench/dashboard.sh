#!/usr/bin/env bash
# make bench, dashboard part: server time of each dashboard page (/__ui) over the bench fixture of
# Tests/Bench/run.sh (10 IdPs, 10,000 users, 100 groups, 100,000 update logs; generated if missing).
# Server time = curl's time to first byte less its time to the request's send (loopback, keep-alive), over
# REQUESTS requests per page; the target is p95 <= 20 ms for every page. A report: exits 0 whether the
# target is met or missed; non-zero only when the benchmark cannot run.
#
# Usage: Tests/Bench/dashboard.sh [path/to/scim-mock]   (writes <repo>/bench-out/dashboard.md)
set -euo pipefail

BIN=${1:-.build/release/scim-mock}
[[ $BIN == /* ]] || BIN="$PWD/$BIN"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
OUT=bench-out
FIXTURE=$OUT/fixture.json
REQUESTS=${BENCH_DASHBOARD_REQUESTS:-40}
MAX_MS=20
ACC=023e105f4ecef8ad9ca31a8372d0c353
IDP1=00000000-0000-4000-8000-000000000001

die() { echo "bench: error: $*" >&2; exit 1; }
[[ -x $BIN ]] || die "no executable scim-mock at $BIN (make release builds it)"
command -v curl >/dev/null || die "curl is not installed (make bench-deps installs it)"
mkdir -p "$OUT"
if [[ ! -f $FIXTURE ]]; then
    "$BIN" generate --users 10000 --logs 100000 --idps 10 --groups 100 -o "$FIXTURE"
fi

FIFO=$OUT/.dashboard.fifo
rm -f "$FIFO"
mkfifo "$FIFO"
"$BIN" serve --port 0 --quiet --seed "$FIXTURE" >"$FIFO" 2>"$OUT/dashboard-server.log" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$FIFO"' EXIT
exec 3<"$FIFO"
IFS= read -r -t 60 -u 3 line || die "scim-mock did not start (see $OUT/dashboard-server.log)"
URL=${line#scim-mock listening on }
cat <&3 >/dev/null &

api() { curl -sf -H "Authorization: Bearer bench" "$URL/client/v4/accounts/$ACC/access/identity_providers/$IDP1/scim/$1"; }
USER_ID=$(api "users?per_page=1&page=37" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
GROUP_ID=$(api "groups?per_page=1&page=7" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
[[ -n $USER_ID && -n $GROUP_ID ]] || die "no user or group in the fixture's IdP $IDP1"

PAGES=(
    "logs page, all IdPs|/__ui/logs?account_id=$ACC"
    "logs page, filtered|/__ui/logs?idp_id=$IDP1&status=FAILURE&resource_type=USER&since=2025-01-01T00:00:00Z"
    "logs page 500 of one IdP|/__ui/logs?idp_id=$IDP1&page=500"
    "log detail|/__ui/logs/50000"
    "live-tail poll|/__ui/logs/poll?idp_id=$IDP1"
    "users page|/__ui/users?idp_id=$IDP1"
    "groups page|/__ui/groups?idp_id=$IDP1"
    "user page (identity, groups, history)|/__ui/users/$USER_ID?idp_id=$IDP1"
    "group page (identity, members, history)|/__ui/groups/$GROUP_ID?idp_id=$IDP1"
)

{
    echo "| Dashboard page (100k-log fixture) | p50 | p95 | max | target p95 <= ${MAX_MS} ms |"
    echo "|---|---:|---:|---:|---|"
} >"$OUT/dashboard.md"
for entry in "${PAGES[@]}"; do
    name=${entry%%|*}
    path=${entry#*|}
    args=()
    for _ in $(seq "$REQUESTS"); do args+=(-o /dev/null "$URL$path"); done
    times=$(curl -s -w '%{http_code} %{time_pretransfer} %{time_starttransfer}\n' "${args[@]}")
    grep -qv '^200 ' <<<"$times" && die "$path answered $(grep -v '^200 ' <<<"$times" | head -1 | cut -d' ' -f1)"
    row=$(awk '{ print ($3 - $2) * 1000 }' <<<"$times" | sort -n | awk -v max="$MAX_MS" -v name="$name" '
        { v[NR] = $1 }
        END {
            p50 = v[int((NR + 1) / 2)]; p95 = v[int(NR * 0.95 + 0.999)]
            printf "| %s | %.1f ms | %.1f ms | %.1f ms | %s |\n", name, p50, p95, v[NR], (p95 <= max) ? "PASS" : "MISS"
        }')
    echo "$row" | tee -a "$OUT/dashboard.md"
done
echo "bench: dashboard results in $OUT/dashboard.md"
