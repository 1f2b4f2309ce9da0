#!/usr/bin/env bash
# Runs built fuzz targets one after another (two cores: one libFuzzer process at a time keeps the
# figures honest), each for SECONDS, and exits non-zero if any of them crashed.
#
# usage: Fuzz/run.sh SECONDS TARGET...
#   FUZZ_BIN     folder with the built targets (required)
#   FUZZ_WORK    ignored folder for what runs produce: corpus/TARGET (new inputs), artifacts/TARGET
#                (crashes, timeouts, leaks), logs/TARGET*.log (required)
#   FUZZ_FLAGS   extra libFuzzer flags
#   FUZZ_LEN_CONTROL  libFuzzer's -len_control (20: lengths grow from the seeds' five times as fast as
#                by default, so long inputs are reached within a run, short ones still first)
#
# Before fuzzing, a target replays the saved reproducers in Fuzz/Reproducers/TARGET (crashes found
# earlier): a bug that is still there fails the run at once, and a fixed one stays fixed. The seeds
# in Fuzz/Corpus/TARGET are read, never written; new inputs go to FUZZ_WORK.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:?usage: run.sh SECONDS TARGET...}
shift
bin=${FUZZ_BIN:?set FUZZ_BIN}
work=${FUZZ_WORK:?set FUZZ_WORK}
failed=()

# The crash report of a log, short: the error line, the frames of the code (libFuzzer's and libc's left
# out, a recursion's repeats counted), the summary and the artifact's name; Swift names demangled.
report() {
  awk '
    function flush() { if (repeats) print "        ... the frame above " repeats " more times"; repeats = 0 }
    /ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Fatal error|fuzz property failed|^Direct leak/ { flush(); print; next }
    /^    #[0-9]+ / {
      if ($0 ~ /compiler-rt\/lib|libc\.so|csu\/|libc_start|in _start /) next
      frame = $0; sub(/^ *#[0-9]+ 0x[0-9a-f]+ /, "", frame)
      if (frame == last) { repeats++; next }
      flush(); last = frame
      if (++frames <= 16) print
      next
    }
    /^SUMMARY:|Test unit written to/ { flush(); print }
  ' "$1" | { "${SWIFT:-swift}" demangle --simplified 2>/dev/null || cat; }
}

# Swift's own crash backtracer reads memory behind ASan's back and aborts before libFuzzer can save
# the input; libFuzzer's handler prints a symbolized stack instead.
export SWIFT_BACKTRACE=enable=no

for target in "$@"; do
  binary="$bin/$target"
  if [ ! -x "$binary" ]; then
    echo "fuzz: $target: no binary at $binary (build first)" >&2
    failed+=("$target")
    continue
  fi
  mkdir -p "$work/corpus/$target" "$work/artifacts/$target" "$work/logs"
  log="$work/logs/$target.log"
  crashed=0
  for reproducer in "$here/Reproducers/$target"/*; do
    [ -f "$reproducer" ] || continue
    replay_log="$work/logs/$target.$(basename "$reproducer").log"
    if ! "$binary" -rss_limit_mb=4096 "$reproducer" >"$replay_log" 2>&1; then
      echo "fuzz: $target: FAILED: the saved reproducer ${reproducer#"$here"/} still crashes (log: $replay_log):"
      report "$replay_log" | head -n 12
      crashed=1
    fi
  done
  if [ "$crashed" -eq 1 ]; then
    failed+=("$target")
    continue
  fi
  dict=()
  [ -f "$here/Dictionaries/$target.dict" ] && dict=(-dict="$here/Dictionaries/$target.dict")
  start=$(date +%s)
  # shellcheck disable=SC2086  # FUZZ_FLAGS is a list of flags
  "$binary" -max_total_time="$seconds" -max_len=1048576 -len_control="${FUZZ_LEN_CONTROL:-20}" -timeout=30 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/$target/" "${dict[@]}" ${FUZZ_FLAGS:-} \
    "$work/corpus/$target" "$here/Corpus/$target" >>"$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - start ))
  stats=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -n 1 | sed -E 's/^#([0-9]+)[[:space:]]+[A-Z]+[[:space:]]+/\1 runs, /')
  # libFuzzer's own warning: no input raised coverage, so the modules were built without coverage
  # instrumentation (swiftc keeps only the last -sanitize= flag it is given).
  if grep -q 'Is the code instrumented for coverage' "$log"; then
    echo "fuzz: $target: FAILED: the binary has no coverage instrumentation (see Fuzz/README.md, Building)"
    failed+=("$target")
  elif [ "$status" -eq 0 ]; then
    echo "fuzz: $target: ok after ${elapsed}s: $stats"
  else
    echo "fuzz: $target: FAILED (exit $status) after ${elapsed}s: $stats (log: $log)"
    report "$log"
    failed+=("$target")
  fi
done

# A closing line CI can read as a test count: one target is one test.
echo "fuzz: $(( $# - ${#failed[@]} )) passed, ${#failed[@]} failed"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}"
  exit 1
fi
