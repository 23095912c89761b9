#include <schedlab/report/sbatch_script.hpp>

#include <fmt/format.h>

#include <schedlab/report/command_line.hpp>

namespace schedlab::report {

namespace {

// What the merge job runs after `schedlab`.
std::string merge_args(const SbatchSweep& s) {
  std::string args = "merge shards/shard-*.json -f " + shell_quote(s.merge_format);
  if (!s.output.empty()) args += " -o " + shell_quote(s.output);
  if (!s.report.empty()) args += " --report " + shell_quote(s.report);
  return args;
}

}  // namespace

// The shard count N is written into the script rather than read from
// SLURM_ARRAY_TASK_COUNT: Slurm sets that to the size of the array as submitted, so a
// re-submission of some tasks (--array=7,19) would see 2 and run the wrong shards
// (tests/slurm/run.sh checks this on a real Slurm). Each task keeps a checkpoint, so a task
// that is killed (time limit, preemption, node failure) and re-submitted does only the rest.
std::string sbatch_script(const SbatchSweep& s) {
  const std::string workdir = shell_quote(s.workdir);
  return fmt::format(
      R"(#!/bin/bash
# A Slurm job array for a schedlab sweep, written by
#   {command}
# Submit with bash (not sbatch):  bash {script}
#   queues one array task per shard and a merge job that runs when every task has succeeded.
# Re-submit failed tasks:         bash {script} --array=7,19
#   (the arguments go to sbatch) and a new merge job waits for those tasks.
# Under sbatch this file is one array task: shard K = SLURM_ARRAY_TASK_ID of N below.
# Add your site's #SBATCH lines (--partition, --time, --mem, --account) after these.
#SBATCH --job-name=schedlab-sweep
#SBATCH --array=1-{tasks}
#SBATCH --cpus-per-task={cpus}
#SBATCH --chdir={raw_workdir}
#SBATCH --output=logs/sweep-%A-%a.out
set -euo pipefail
N={tasks}
SCHEDLAB=${{SCHEDLAB:-{schedlab}}}

if [[ -z ${{SLURM_ARRAY_TASK_ID:-}} ]]; then
  script=$(readlink -f "${{BASH_SOURCE[0]}}")
  cd {workdir}
  mkdir -p logs shards
  sweep=$(sbatch --parsable "$@" "$script")
  sweep=${{sweep%%;*}}
  merge_args={merge}
  merge=$(sbatch --parsable --dependency="afterok:$sweep" --kill-on-invalid-dep=yes \
    --job-name=schedlab-merge --chdir={workdir} --output=logs/merge-%j.out \
    --wrap "exec $(printf '%q' "$SCHEDLAB") $merge_args")
  echo "sweep job $sweep, merge job ${{merge%%;*}}"
  exit 0
fi

K=$SLURM_ARRAY_TASK_ID
exec "$SCHEDLAB" compare {args} \
  -j "${{SLURM_CPUS_PER_TASK:-1}}" --no-progress -f json --shard "$K/$N" \
  --checkpoint "shards/checkpoint-$K" -o "shards/shard-$K.json"
)",
      fmt::arg("command", s.command_line), fmt::arg("tasks", s.tasks), fmt::arg("cpus", s.cpus_per_task),
      fmt::arg("workdir", workdir), fmt::arg("raw_workdir", s.workdir), fmt::arg("script", shell_quote(s.script)), fmt::arg("schedlab", shell_quote(s.schedlab)),
      fmt::arg("merge", shell_quote(merge_args(s))), fmt::arg("args", shell_quote_all(s.compare_args)));
}

}  // namespace schedlab::report
