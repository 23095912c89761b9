#!/usr/bin/env bash
# Long-run soak: every built-in policy (as `schedlab policies` lists them, plus
# priority:preemptive=1) on a generated workload of N processes (default 10^6) with the invariant checker on (--check), then the
# accounting identity checked for every process of every run:
#     cpu_time + waiting + blocked_time == turnaround        (finished processes)
# Prints one Markdown row per policy: wall time, status, events, peak memory (from
# /usr/bin/time -v), processes checked. Fails on any run that does not complete or any
# process whose accounting is off.
#
#   bench/soak.sh [build/release] [N]          e.g. bench/soak.sh build/release 1000000
set -euo pipefail
build=${1:-build/release}
n=${2:-1000000}
schedlab=$build/cli/schedlab
[[ -x $schedlab ]] || { echo "soak: no $schedlab (build the release preset first)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "soak: needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }
work=${TMPDIR:-/tmp}/schedlab-soak
mkdir -p "$work"
file=$work/gen-$n.yaml
[[ -s $file ]] || "$schedlab" gen -n "$n" --io-share 0.33 --cpus 2 --seed 7 -o "$file"
# The built-in policies with their defaults, and priority's preemptive variant.
policies=$("$schedlab" policies --format json | python3 -c '
import json, sys
names = [p["name"] for p in json.load(sys.stdin)]
print(" ".join(names + (["priority:preemptive=1"] if "priority" in names else [])))')
echo "soak: $n processes ($(( $(stat -c %s "$file") / 1000000 )) MB), policies: $policies" >&2
echo "| policy | wall (s) | status | events | peak RSS (MB) | processes checked |"
echo "| --- | --- | --- | --- | --- | --- |"
failed=0
for p in $policies; do
  set +e
  /usr/bin/time -v -o "$work/time.txt" "$schedlab" run "$file" --policy "$p" --check --format json >"$work/run.json" 2>"$work/err.txt"
  code=$?
  set -e
  if ! python3 - "$p" "$code" "$work/run.json" "$work/time.txt" "$work/err.txt" <<'PY'
import json, re, sys
policy, code, run, timef, errf = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
t = open(timef).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
secs = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else float("nan")
rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
if code != 0:
    print(f"| {policy} | {secs:.1f} | exit {code}: {open(errf).read().strip()[:200]} | | {rss_mb:.0f} | 0 |")
    sys.exit(1)
r = json.load(open(run))
bad = 0
checked = 0
for p in r["processes"]:
    if p["completion"] < 0:
        bad += 1
        continue
    checked += 1
    if p["cpu_time"] + p["waiting"] + p["blocked_time"] != p["turnaround"]:
        bad += 1
        if bad <= 5:
            print(f"soak: {policy}: {p['name']}: cpu {p['cpu_time']} + ready {p['waiting']} + blocked "
                  f"{p['blocked_time']} != turnaround {p['turnaround']}", file=sys.stderr)
print(f"| {policy} | {secs:.1f} | {r['status']} | {r['events']} | {rss_mb:.0f} | {checked}"
      + (f" ({bad} bad)" if bad else "") + " |")
sys.exit(1 if bad or r["status"] != "completed" else 0)
PY
  then failed=1; fi
done
exit $failed
