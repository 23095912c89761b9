#!/bin/bash
# Times OSTEP's scheduler.py (python3) and `schedlab ostep scheduler` on the same large
# problems, checks their outputs are byte-identical, and prints CPU seconds (user + sys,
# best of 3) and the ratio script / schedlab measured in this run (docs/performance.md).
#   bench/ostep_vs_scripts.sh [SCHEDLAB] [OSTEP_HOMEWORK]
set -euo pipefail
SCHEDLAB=${1:-build/ci/cli/schedlab}
OSTEP=${2:-${OSTEP_HOMEWORK:?set OSTEP_HOMEWORK or pass the checkout}}
cpu() {  # best of 3 runs: user + sys seconds of "$@", output to $OUT
  local best=""
  for _ in 1 2 3; do
    local t
    t=$( { /usr/bin/time -f '%U %S' "$@" > "$OUT"; } 2>&1 | tail -1 | awk '{print $1 + $2}')
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}
echo "| problem | scheduler.py CPU (s) | schedlab CPU (s) | ratio |"
echo "| --- | --- | --- | --- |"
for flags in "-c -p FIFO -j 100000 -m 100 -s 1" "-c -p SJF -j 100000 -m 100 -s 1" "-c -p RR -j 3000 -m 100 -s 1"; do
  # shellcheck disable=SC2086
  py=$(OUT=/tmp/ostep_bench_py.txt cpu python3 "$OSTEP/cpu-sched/scheduler.py" $flags)
  # shellcheck disable=SC2086
  sl=$(OUT=/tmp/ostep_bench_sl.txt cpu "$SCHEDLAB" ostep scheduler $flags)
  cmp -s /tmp/ostep_bench_py.txt /tmp/ostep_bench_sl.txt || { echo "outputs differ for: $flags" >&2; exit 1; }
  echo "| \`$flags\` | $py | $sl | $(awk "BEGIN{printf \"%.1f\", $py / ($sl > 0 ? $sl : 0.001)}") |"
done
