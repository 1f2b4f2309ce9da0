#!/usr/bin/env bash
# make bench, big data: start-up time and peak RSS (VmHWM) of `serve` seeded with generated fixtures of 100k
# and 1M update logs, and the VmHWM and time of one `GET /__admin/state` on the 1M-log server (its body is
# checked to load back: its size and SHA-256 are printed, so two builds can be compared byte for byte).
# Served with --deterministic 1, so the export's digest is comparable between builds. A report: exits 0
# whether or not a figure is good; non-zero only when the benchmark itself cannot run.
#
# Usage: Tests/Bench/bigdata.sh [path/to/scim-mock]   (from anywhere; writes <repo>/bench-out/bigdata.md)
# Knobs: BENCH_BIG_LOGS ("100000 1000000"), BENCH_BIG_USERS (10000). Fixtures are generated once into
# bench-out/ (about 400 MB for 1M logs) and reused. About 3 minutes on the 2-core reference machine.
set -euo pipefail

BIN=${1:-.build/release/scim-mock}
[[ $BIN == /* ]] || BIN="$PWD/$BIN"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

LOG_COUNTS=${BENCH_BIG_LOGS:-100000 1000000}
USERS=${BENCH_BIG_USERS:-10000}
OUT=bench-out
REPORT=$OUT/bigdata.md
FIFO=$OUT/.bigdata.fifo

die() { echo "bench: error: $*" >&2; exit 1; }
[[ -x $BIN ]] || die "no executable scim-mock at $BIN (make release builds it)"
command -v curl >/dev/null 2>&1 || die "curl is not installed (make bench-deps installs it)"
mkdir -p "$OUT"

SERVER_PID=""
SERVER_URL=""
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

hwm_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
# CPU seconds (user + system) the server has used: steadier than wall time on a shared machine.
TICKS=$(getconf CLK_TCK)
cpu_s() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$SERVER_PID/stat"; }

# start FIXTURE: serves it on port 0; sets SERVER_PID, SERVER_URL and STARTUP_S (exec to listening line).
start() {
    local line t0 t1
    rm -f "$FIFO"
    mkfifo "$FIFO"
    t0=$EPOCHREALTIME
    "$BIN" serve --port 0 --quiet --deterministic 1 --seed "$1" >"$FIFO" 2>"$OUT/bigdata-server.log" &
    SERVER_PID=$!
    exec 3<"$FIFO"
    IFS= read -r -t 600 -u 3 line || die "no listening line within 600 s for $1 (see $OUT/bigdata-server.log)"
    t1=$EPOCHREALTIME
    [[ $line == "scim-mock listening on "* ]] || die "unexpected first stdout line: $line"
    SERVER_URL=${line#scim-mock listening on }
    STARTUP_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
}

rows=()
export_row=""
for logs in $LOG_COUNTS; do
    fixture=$OUT/bigdata-$logs.json
    if [[ ! -s $fixture ]]; then
        echo "bench: generating $fixture ($logs logs, $USERS users)"
        "$BIN" generate --logs "$logs" --users "$USERS" -o "$fixture.part"
        mv "$fixture.part" "$fixture"
    fi
    echo "bench: starting on $fixture"
    start "$fixture"
    rows+=("| start-up, $logs logs | $STARTUP_S s | $(cpu_s) s | $(hwm_mb) MB |")
    if [[ $logs == "${LOG_COUNTS##* }" ]]; then
        echo "bench: GET /__admin/state on $logs logs"
        cpu0=$(cpu_s)
        t0=$EPOCHREALTIME
        curl -sS --fail -o "$OUT/bigdata-state.json" "$SERVER_URL/__admin/state" || die "GET /__admin/state failed"
        t1=$EPOCHREALTIME
        took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
        bytes=$(stat -c %s "$OUT/bigdata-state.json")
        digest=$(sha256sum "$OUT/bigdata-state.json" | cut -c1-16)
        cpu=$(awk -v a="$cpu0" -v b="$(cpu_s)" 'BEGIN { printf "%.1f", b - a }')
        export_row="| GET /__admin/state, $logs logs ($bytes bytes, sha256 $digest…) | $took s | $cpu s | $(hwm_mb) MB |"
        rm -f "$OUT/bigdata-state.json"
    fi
    stop_server
done

{
    echo "## Big data ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg))"
    echo
    echo "| what | wall time | server CPU | peak RSS (VmHWM) after it |"
    echo "|---|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    [[ -n $export_row ]] && echo "$export_row"
} | tee "$REPORT"
