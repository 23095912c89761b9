#!/usr/bin/env bash
# Build the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and run each one
# for SECONDS seconds, one after the other (one fuzzer at a time: each uses one core).
#
#   fuzz/run.sh 600 whole_run           # a long run of one target
#   fuzz/run.sh --runs 50000            # the CI smoke run: N inputs each, seed 1
#
# CI uses --runs: a fixed number of inputs from a fixed seed explores the same inputs on
# every machine, so CI cannot turn red on a lucky draw (a time budget runs more inputs on
# a faster machine); new bugs are for the long time-based runs to find.
#
# Each target starts from its seed corpus in fuzz/corpus/TARGET (read only) plus what
# earlier runs found in build/fuzz/corpus/TARGET (new inputs go there). A crash leaves its
# input in build/fuzz/artifacts/ and makes the script fail; reproduce it with
#   build/fuzz/fuzz/fuzz_TARGET build/fuzz/artifacts/crash-...
# The last "#N DONE cov: ... ft: ... exec/s: ..." line of each log is its result.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=(-max_total_time="${1:?usage: fuzz/run.sh SECONDS|--runs N [TARGET...]}")
what="${1}s"
if [[ $1 == --runs ]]; then
  budget=(-runs="${2:?usage: fuzz/run.sh --runs N [TARGET...]}" -seed=1)
  what="$2 runs, seed 1"
  shift
fi
shift
targets=("$@")
((${#targets[@]})) || targets=(workload_loader policy_spec whole_run)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j 2

out=build/fuzz
mkdir -p "$out/artifacts"
status=0
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t"
  dict=()
  [[ -f fuzz/$t.dict ]] && dict=(-dict="fuzz/$t.dict")
  echo "fuzz: $t for $what"
  if ! "$out/fuzz/fuzz_$t" "$out/corpus/$t" "fuzz/corpus/$t" "${dict[@]}" \
      "${budget[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
      -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" >"$out/$t.log" 2>&1; then
    echo "fuzz: $t FAILED (log: $out/$t.log)" >&2
    grep -m 20 -E "ERROR|SUMMARY|runtime error|terminate|Test unit written" "$out/$t.log" >&2 || true
    status=1
  fi
  grep -E "^#[0-9]+[[:space:]]+DONE" "$out/$t.log" | tail -1 || true
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/$t.log" || true
done
exit $status
