#!/usr/bin/env bash
# The real-time benchmark (issue 15, item 10): a seeded task set of TASKS periodic tasks
# whose horizon releases about JOBS jobs, run under edf, rm, dm, fp and
# priority:preemptive=1 (the fixed-priority baseline: priorities in rate-monotonic order, so
# it runs the very schedule rm does). Prints one markdown row per policy: whole run, the
# kernel's --timings split, events, M events/s, peak memory per job, and the ratio of each
# policy's time per event to the baseline's, measured in the same run (best of REPS).
#
#   bench/realtime_bench.sh BUILD [TASKS] [JOBS] [REPS]
#   bench/realtime_bench.sh build/release 1000 1000000 3
set -euo pipefail
build=${1:?usage: bench/realtime_bench.sh BUILD [TASKS] [JOBS] [REPS]}
tasks=${2:-1000}
jobs=${3:-1000000}
reps=${4:-3}
schedlab=$build/cli/schedlab
[[ -x $schedlab ]] || { echo "realtime_bench: no $schedlab (build the schedlab target)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file=$dir/taskset.yaml

# The task set: periods log-uniform in [1000, 20000] ticks, each task's utilization drawn
# uniformly and scaled so the total is 0.85 (so rm and edf both meet most deadlines and
# preempt often); burst >= 1 tick. The horizon is chosen so that sum(horizon / period) is
# about JOBS.
/usr/bin/env python3 - "$tasks" "$jobs" "$file" <<'PY'
import math, random, sys
n, jobs, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(1)
periods = [int(round(math.exp(rng.uniform(math.log(1000), math.log(20000))))) for _ in range(n)]
shares = [rng.random() for _ in range(n)]
scale = 0.85 / sum(shares)
horizon = int(jobs / sum(1 / p for p in periods))
order = sorted(range(n), key=lambda i: (periods[i], i))  # rate-monotonic rank
rank = {i: r for r, i in enumerate(order)}
with open(path, "w") as f:
    f.write(f"name: realtime-bench-{n}\nhorizon: {horizon}\nprocesses:\n")
    for i, p in enumerate(periods):
        burst = max(1, int(shares[i] * scale * p))
        f.write(f"  - {{name: T{i}, period: {p}, burst: {burst}, priority: {rank[i]}}}\n")
PY

echo "| policy | jobs | wall (s) | load (s) | simulate (s) | write (s) | events | M events/s | peak MB | bytes/job | time/event vs priority:preemptive=1 |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
declare -A per_event
policies=("priority:preemptive=1" edf rm dm fp)
for policy in "${policies[@]}"; do
  best=""
  for ((r = 0; r < reps; ++r)); do
    start=$(date +%s.%N)
    "$schedlab" run "$file" --policy "$policy" --format csv --jobs --timings >"$dir/jobs.csv" 2>"$dir/err"
    end=$(date +%s.%N)
    wall=$(echo "$end - $start" | bc)
    line=$(grep '^timings:' "$dir/err")
    sim=$(sed -E 's/.*simulate ([0-9.]+) s.*/\1/' <<<"$line")
    if [[ -z $best ]] || (( $(echo "$sim < $best_sim" | bc) )); then
      best=$line best_sim=$sim best_wall=$wall
    fi
  done
  count=$(($(wc -l <"$dir/jobs.csv") - 1))
  load=$(sed -E 's/.*load ([0-9.]+) s.*/\1/' <<<"$best")
  write=$(sed -E 's/.*write ([0-9.]+) s.*/\1/' <<<"$best")
  events=$(sed -E 's/.*\(([0-9]+) events.*/\1/' <<<"$best")
  peak=$(sed -E 's/.*peak memory ([0-9]+) MB.*/\1/' <<<"$best")
  per_event[$policy]=$(echo "scale=12; $best_sim / $events" | bc)
  ratio=$(printf "%.3f" "$(echo "scale=6; ${per_event[$policy]} / ${per_event[priority:preemptive=1]}" | bc)")
  printf '| %s | %d | %.2f | %s | %s | %s | %d | %.1f | %s | %d | %s |\n' "$policy" "$count" "$best_wall" "$load" \
    "$best_sim" "$write" "$events" "$(echo "$events / $best_sim / 1000000" | bc -l)" "$peak" \
    "$((peak * 1000000 / count))" "$ratio"
done
