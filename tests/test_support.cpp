#include "test_support.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>
#include <stdexcept>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/policy_registry.hpp>
#include <schedlab/workload_loader.hpp>

#include "cli.hpp"

namespace schedlab::test {

namespace {
const PolicyRegistry& registry() { return builtin_registry(); }
}  // namespace

std::vector<std::string> Outcome::gantt(bool with_reasons) const {
  std::vector<SliceRecord> slices = trace.slices;
  std::stable_sort(slices.begin(), slices.end(), [](const SliceRecord& a, const SliceRecord& b) {
    return a.start != b.start ? a.start < b.start : a.cpu < b.cpu;
  });
  std::vector<std::string> out;
  for (const SliceRecord& s : slices) {
    if (s.start == s.end) continue;  // zero-length: a task that blocked at once
    std::string text = fmt::format("{}@{}:{}-{}", trace.tasks.at(s.task).name, s.cpu, s.start, s.end);
    if (with_reasons) text += fmt::format("({})", to_string(s.reason));
    out.push_back(std::move(text));
  }
  return out;
}

const ProcessMetrics& Outcome::process(const std::string& name) const {
  for (const ProcessMetrics& p : result.processes)
    if (p.name == name) return p;
  throw std::out_of_range("no process named " + name);
}

std::int64_t Outcome::variable(const std::string& name) const {
  for (const auto& [n, v] : result.variables)
    if (n == name) return v;
  throw std::out_of_range("no shared variable named " + name);
}

std::vector<std::string> Outcome::printed(bool with_time) const {
  std::vector<std::string> lines;
  for (const OutputLine& l : result.output)
    lines.push_back((with_time ? std::to_string(l.time) + " " : std::string()) + l.task + ": " + l.text);
  return lines;
}

Workload workload_from_yaml(const std::string& yaml) { return load_workload_string(yaml, "test.yaml"); }

Outcome run_policy(const Workload& w, const std::string& policy_spec, CpuId cpus, std::uint64_t seed, Ticks until) {
  KernelConfig config;
  config.cpus = cpus;
  config.seed = seed;
  config.until = until;
  config.check_invariants = true;
  return run_policy_with(w, policy_spec, config);
}

Outcome run_policy_with(const Workload& w, const std::string& policy_spec, const KernelConfig& config) {
  Kernel kernel(config, registry().resolve(policy_spec));
  kernel.load(w);
  Outcome o;
  kernel.add_observer(&o.trace);
  o.result = kernel.run();
  return o;
}

Outcome run_yaml(const std::string& yaml, const std::string& policy_spec, CpuId cpus) {
  const Workload w = workload_from_yaml(yaml);
  return run_policy(w, policy_spec, cpus);
}

CliResult run_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = cli::run_cli(args, out, err);
  return CliResult{code, out.str(), err.str()};
}

std::string source_path(const std::string& relative) { return std::string(SCHEDLAB_SOURCE_DIR) + "/" + relative; }

}  // namespace schedlab::test
