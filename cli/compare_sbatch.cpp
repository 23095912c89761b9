#include "compare_sbatch.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fmt/format.h>

#include <schedlab/report/atomic_file.hpp>
#include <schedlab/report/command_line.hpp>
#include <schedlab/report/sbatch_script.hpp>

namespace schedlab::cli {

namespace {

// Options the script sets for each task or the merge job, or that only matter here.
constexpr std::array<std::string_view, 10> kPerTask{"output", "format", "report",      "shard", "jobs",
                                                    "checkpoint", "emit-sbatch", "tasks", "no-progress", "help"};

}  // namespace

void emit_sbatch(const std::vector<std::string>& args, const po::options_description& desc,
                 const po::positional_options_description& pos, const SbatchRequest& request, std::ostream& err) {
  // Re-parsed for the tokens as written: "--seeds=1..9" and "--seeds 1..9" both stay as given.
  const po::parsed_options parsed = po::command_line_parser(args).options(desc).positional(pos).run();
  SbatchSweep sweep;
  for (const po::option& o : parsed.options)
    if (std::find(kPerTask.begin(), kPerTask.end(), o.string_key) == kPerTask.end())
      sweep.compare_args.insert(sweep.compare_args.end(), o.original_tokens.begin(), o.original_tokens.end());
  sweep.merge_format = request.format;
  sweep.output = request.output == "-" ? "" : request.output;
  sweep.report = request.report;
  sweep.tasks = request.tasks;
  sweep.cpus_per_task = std::max(1u, request.jobs);
  sweep.schedlab = std::filesystem::read_symlink("/proc/self/exe").string();
  sweep.workdir = std::filesystem::current_path().string();
  sweep.script = request.path;
  sweep.command_line = command_line_text("compare", args);
  write_file_atomically(request.path, sbatch_script(sweep));
  err << fmt::format("schedlab compare: wrote '{}': submit it with 'bash {}' ({} array tasks and a merge job)\n",
                     request.path, shell_quote(request.path), request.tasks);
}

}  // namespace schedlab::cli
