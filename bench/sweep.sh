#!/usr/bin/env bash
# Sweep benchmark (docs/performance.md, "Comparison sweeps"): 5 policies x 100 seeds on
# 10^4-process workloads, wall time with -j 1 and -j 2, and a check that both give the
# same bytes.
#
#   bench/sweep.sh [SCHEDLAB]        (default: build/release/cli/schedlab)
#
# Two sweeps: (a) gen: a new 10^4-process workload per seed (generation included), and
# (b) one fixed 10^4-process file (as `schedlab gen` writes it) run with 100 kernel seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
schedlab=${1:-build/release/cli/schedlab}
n=${N:-10000}
seeds=${SEEDS:-1..100}
policies=(-p fcfs -p sjf -p srtf -p rr -p priority)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$schedlab" gen -n "$n" --io-share 0.33 --seed 1 -o "$out/w.yaml"

run() {  # LABEL JOBS WORKLOAD: wall time, CPU time (user + sys) and peak memory
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" \
    "$schedlab" compare "$3" "${policies[@]}" --seeds "$seeds" -j "$2" -f csv --no-progress -o "$out/$1-j$2.csv"
  read -r wall user sys peak <"$out/time"
  printf '%-28s -j %s  wall %6.2f s  cpu %6.2f s  peak %4d MB  (%s rows)\n' "$1" "$2" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((peak / 1024))" "$(($(wc -l <"$out/$1-j$2.csv") - 1))"
}

echo "schedlab compare, 5 policies x seeds $seeds, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
for j in 1 2; do run "gen:n=$n,io-share=0.33" "$j" "gen:n=$n,io-share=0.33"; done
cmp "$out/gen:n=$n,io-share=0.33-j1.csv" "$out/gen:n=$n,io-share=0.33-j2.csv" && echo "  -j 1 and -j 2: identical CSV"
for j in 1 2; do run "file ($n processes)" "$j" "$out/w.yaml"; done
cmp "$out/file ($n processes)-j1.csv" "$out/file ($n processes)-j2.csv" && echo "  -j 1 and -j 2: identical CSV"
