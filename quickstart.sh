#!/usr/bin/env bash
# One command from a fresh clone to a result: install what is missing, build the
# `schedlab` command and the `schedlab-gui` visualizer (Release) and nothing else — the
# tests, benchmarks and test plugins are the test command's (`cmake --workflow --preset
# ci`) — then compare every built-in policy on the bundled default workload.
#
#   ./quickstart.sh [--gui] [COMPARE OPTIONS...]
#
# --gui opens the visualizer on the workload instead of printing the table. Any other
# argument goes to `schedlab compare` (e.g. --seeds 1..5, --format csv). One line per
# phase on the terminal; the full output of every step is kept in build/quickstart.log,
# whose path is printed if a step fails.
set -euo pipefail
cd "$(dirname "$0")"

workload=workloads/default.yaml
bin=build/release
log=build/quickstart.log
gui=0
compare_args=()
for arg in "$@"; do
  case $arg in
    --gui) gui=1 ;;
    -h | --help)
      sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) compare_args+=("$arg") ;;
  esac
done

mkdir -p build
: >"$log"
say() { echo "quickstart: $*" >&2; }
fail() {
  say "$1 failed; the full log is $PWD/$log"
  tail -n 15 "$log" | sed 's/^/  | /' >&2
  exit 1
}

# ninja's "[N/M] ..." lines become one line that counts up (a terminal) or two lines, at
# the start and at the end (a log or a pipe). M can change as ninja goes (its first line
# is the glob re-check's "[0/2]"), so the last one seen counts.
show_build_progress() {
  local line done=0 total=0 tty=0 started
  [[ -t 2 ]] && tty=1
  started=$(date +%s)
  ((tty)) || say "building ${targets[*]}..."
  while IFS= read -r line; do
    printf '%s\n' "$line" >>"$log"
    if [[ $line =~ ^\[([0-9]+)/([0-9]+)\] ]]; then
      done=${BASH_REMATCH[1]}
      total=${BASH_REMATCH[2]}
      ((tty)) && printf '\rquickstart: building (%d/%d)...  ' "$done" "$total" >&2
    fi
  done
  ((tty && total > 0)) && printf '\n' >&2
  say "built ${targets[*]} ($done/$total steps) in $(($(date +%s) - started)) s"
  return 0
}

say "installing packages..."
scripts/install-deps.sh >>"$log" 2>&1 || fail "installing packages"
say "configuring (Release)..."
cmake --preset release >>"$log" 2>&1 || fail "configuring"
targets=(schedlab)
if ninja -C "$bin" -t targets all 2>/dev/null | grep -q '^schedlab-gui:'; then
  targets+=(schedlab-gui)
fi
set +e
cmake --build --preset release --target "${targets[@]}" 2>&1 | show_build_progress
status=${PIPESTATUS[0]}
set -e
((status == 0)) || fail "building ${targets[*]}"

if ((gui)); then
  [[ -x $bin/gui/schedlab-gui ]] || { say "the visualizer was not built (SDL2, Dear ImGui or OpenGL missing: see $log)"; exit 1; }
  say "opening the visualizer on $workload"
  exec "$bin/gui/schedlab-gui" "$workload"
fi

say "comparing every policy on $workload"
code=0
"$bin/cli/schedlab" compare "$workload" "${compare_args[@]}" || code=$?
cat >&2 <<EOF

next:
  $bin/gui/schedlab-gui $workload        # watch the same workload on a timeline (or: ./quickstart.sh --gui)
  $bin/cli/schedlab compare $workload --report report.html   # the HTML report: charts, Gantt charts, tables
EOF
exit "$code"
