#!/usr/bin/env bash
# Whole runs, file to output: `schedlab run WORKLOAD --policy P --format json` on seeded
# generated workloads of N = 10^4, 10^5, 10^6 processes (Poisson arrivals at 90% load,
# exponential bursts, a third of the processes alternating CPU and I/O), for every
# built-in policy. Prints a Markdown table: wall time, the kernel's own split
# (load / simulate / write, from --timings), events per second, peak memory per process.
#
#   bench/run_bench.sh [build/release] [sizes...]       e.g. bench/run_bench.sh build/release 1000000
set -euo pipefail
build=${1:-build/release}
shift || true
sizes=("$@")
((${#sizes[@]})) || sizes=(10000 100000 1000000)
schedlab=$build/cli/schedlab
[[ -x $schedlab ]] || { echo "run_bench: no $schedlab (build the release preset first)" >&2; exit 1; }
work=${TMPDIR:-/tmp}/schedlab-bench
mkdir -p "$work"
policies=$("$schedlab" policies --format json | python3 -c 'import json,sys; print(" ".join(p["name"] for p in json.load(sys.stdin)))')

echo "| N | file | policy | wall (s) | load (s) | simulate (s) | write (s) | events | M events/s | peak MB | bytes/process |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in "${sizes[@]}"; do
  file=$work/gen-$n.yaml
  [[ -s $file ]] || "$schedlab" gen -n "$n" --io-share 0.33 --seed 1 -o "$file"
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  for p in $policies; do
    start=$(date +%s.%N)
    timings=$("$schedlab" run "$file" --policy "$p" --format json --timings 2>&1 >/dev/null | grep '^timings:')
    end=$(date +%s.%N)
    python3 - "$n" "$mb" "$p" "$start" "$end" "$timings" <<'PY'
import re, sys
n, mb, policy, start, end, t = sys.argv[1:]
g = lambda pat: re.search(pat, t).group(1)
load, sim, write = g(r'load ([0-9.]+) s'), g(r'simulate ([0-9.]+) s'), g(r'write ([0-9.]+) s')
events, rate = int(g(r'\(([0-9]+) events')), g(r'([0-9.]+) M events/s')
peak, per = g(r'peak memory ([0-9]+) MB'), g(r'\(([0-9]+) bytes per process')
print(f"| {int(n):,} | {mb} MB | {policy} | {float(end) - float(start):.2f} | {load} | {sim} | {write} | "
      f"{events:,} | {rate} | {peak} | {per} |")
PY
  done
done
