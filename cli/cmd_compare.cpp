// schedlab compare WORKLOAD... [--policy SPEC]... [--seeds LIST] [-j N] [--shard K/N]:
// every policy on every workload and seed, in parallel, as a table, JSON, CSV and/or an
// HTML report.
#include <fmt/format.h>
#include <fstream>
#include <memory>

#include <schedlab/builtin_policies.hpp>

#include <schedlab/lab/interrupt.hpp>
#include <schedlab/lab/showcase_run.hpp>
#include <schedlab/lab/sweep_identity.hpp>
#include <schedlab/lab/sweep_runner.hpp>
#include <schedlab/report/command_line.hpp>
#include <schedlab/report/compare_report.hpp>
#include <schedlab/report/html_report.hpp>
#include <schedlab/report/sweep_output.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "compare_sbatch.hpp"
#include "options.hpp"

namespace schedlab::cli {

namespace {

const char* kUsage =
    "WORKLOAD... [--policy SPEC]... [--seeds LIST] [-j N] [options]\n\n"
    "A WORKLOAD is a workload file, or gen:KEY=VALUE,... to generate one per seed with\n"
    "the options of 'schedlab gen' (e.g. gen:n=1000,io-share=0.3; @FILE reads them from a\n"
    "file). Every policy runs on every workload with every seed; see docs/cli.md.";

// Opens DIR for this sweep and says on stderr what it holds already.
std::unique_ptr<SweepCheckpoint> open_checkpoint(const std::string& dir, const SweepPlan& plan, std::ostream& err) {
  auto checkpoint = std::make_unique<SweepCheckpoint>(dir, sweep_identity(plan), sweep_skeleton(plan));
  if (checkpoint->dropped_bytes() > 0)
    err << fmt::format("schedlab compare: checkpoint '{}': dropped a torn last record ({} bytes); it runs again\n", dir,
                       checkpoint->dropped_bytes());
  if (!checkpoint->saved().empty())
    err << fmt::format("schedlab compare: resuming from checkpoint '{}': {} runs already done\n", dir,
                       checkpoint->saved().size());
  return checkpoint;
}

// run_sweep; an interrupted sweep with a checkpoint also says how to go on.
SweepResults run_with_checkpoint(const SweepPlan& plan, unsigned jobs, std::ostream& err, bool progress,
                                 SweepCheckpoint* checkpoint) {
  try {
    return run_sweep(plan, jobs, err, progress, checkpoint);
  } catch (const Interrupted& e) {
    if (!checkpoint) throw;
    throw Interrupted(fmt::format("{}; they are saved in '{}': run the same command again to do the other {}",
                                  e.what(), checkpoint->dir(), e.total() - e.done()),
                      e.done(), e.total());
  }
}

}  // namespace

int cmd_compare(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> workload_specs, policy_specs, plugin_paths;
  std::string format_text, seeds_spec, shard_text, output_path, report_path, checkpoint_dir, sbatch_path;
  unsigned jobs = 0;
  std::uint64_t tasks = 16;
  bool no_progress = false;
  RunOptions run_options;
  po::options_description desc("options");
  // clang-format off
  desc.add_options()
      ("help,h", "show this help")
      ("workload", po::value(&workload_specs)->value_name("WORKLOAD"), "workload file or gen:... (repeatable)")
      ("policy,p", po::value(&policy_specs)->value_name("SPEC"),
       "a policy to compare (repeat the option); default: every built-in and plugin policy")
      ("seeds", po::value(&seeds_spec)->value_name("LIST"),
       "seeds to run, e.g. 1..20 or 1,4,9 (default: --seed); a gen: workload is made anew for each")
      ("jobs,j", po::value(&jobs)->value_name("N"), "simulations in parallel (default: one per core)")
      ("format,f", po::value(&format_text)->default_value("table")->value_name("FMT"), "table, json or csv")
      ("output,o", po::value(&output_path)->value_name("FILE"), "write the table/JSON/CSV here (default: stdout)")
      ("report", po::value(&report_path)->value_name("FILE.html"), "also write a self-contained HTML report")
      ("shard", po::value(&shard_text)->value_name("K/N"),
       "run only the K-th of N slices of the workload x policy x seed grid (see 'schedlab merge')")
      ("checkpoint", po::value(&checkpoint_dir)->value_name("DIR"),
       "record each finished run in DIR; the same command run again does only the missing runs")
      ("emit-sbatch", po::value(&sbatch_path)->value_name("FILE"),
       "run nothing: write a Slurm script that runs this sweep as a job array and merges it (docs/sweeps.md)")
      ("tasks", po::value(&tasks)->value_name("N"), "with --emit-sbatch: array tasks, one shard each (default 16)")
      ("no-progress", po::bool_switch(&no_progress), "no progress bar, even on a terminal");
  // clang-format on
  add_plugin_option(desc, plugin_paths);
  add_run_options(desc, run_options);
  po::positional_options_description pos;
  pos.add("workload", -1);
  po::variables_map vm;
  if (!parse_command("compare", kUsage, args, desc, pos, vm, out)) return kExitOk;
  if (workload_specs.empty()) throw UsageError("no workload given");
  const Format format = parse_format(format_text);
  if (!seeds_spec.empty() && !vm["seed"].defaulted()) throw UsageError("give --seed or --seeds, not both");

  SweepPlan plan;
  plan.seeds = seeds_spec.empty() ? std::vector<std::uint64_t>{run_options.seed} : parse_seeds(seeds_spec);
  plan.shard = shard_text.empty() ? Shard{} : parse_shard(shard_text);
  const PolicySet policies = load_policies(plugin_paths);
  if (policy_specs.empty()) {
    policy_specs = builtin_compare_set();
    for (const LoadedPlugin& p : policies.plugins)
      policy_specs.insert(policy_specs.end(), p.policies.begin(), p.policies.end());
  }
  for (const std::string& s : policy_specs) plan.policies.push_back(policies.registry.resolve(s));
  plan.config = kernel_config(run_options);
  for (const std::string& spec : workload_specs) plan.workloads.push_back(WorkloadSource::open(spec));
  make_labels_unique(plan.workloads);

  if (!sbatch_path.empty()) {
    if (!shard_text.empty() || !checkpoint_dir.empty())
      throw UsageError("--emit-sbatch sets --shard and --checkpoint for each task itself: leave them out");
    if (tasks < 1 || tasks > 1'000'000) throw UsageError(fmt::format("--tasks {}: expected 1 to 10^6", tasks));
    emit_sbatch(args, desc, pos, SbatchRequest{sbatch_path, tasks, jobs, format_text, output_path, report_path}, err);
    return kExitOk;
  }
  catch_interrupts();
  std::unique_ptr<SweepCheckpoint> checkpoint;
  if (!checkpoint_dir.empty()) checkpoint = open_checkpoint(checkpoint_dir, plan, err);
  const SweepResults results = run_with_checkpoint(plan, jobs, err, !no_progress, checkpoint.get());
  write_sweep(results, format, output_path, out);
  if (!report_path.empty()) {
    const auto showcase = [&](std::size_t w) {
      return run_showcases(plan.workloads[w], results.seeds.front(), plan.policies, plan.config, jobs);
    };
    const ReportInput input{results, showcase, command_line_text("compare", args)};
    write_to_path(report_path, out, [&](OutputBuffer& buffer) { write_html_report(buffer, input); });
  }
  return sweep_exit_code(results, err, "compare");
}

}  // namespace schedlab::cli
