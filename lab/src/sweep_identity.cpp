#include <schedlab/lab/sweep_identity.hpp>

#include <boost/crc.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>

#include <schedlab/report/command_line.hpp>

namespace schedlab::lab {

namespace {

// CRC-32 of a workload file's bytes: enough to notice an edit between a crash and a resume.
std::string file_digest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return fmt::format("crc32 {:08x}, {} bytes", crc.checksum(), bytes.size());
}

std::string ticks_text(Ticks t) { return t == kNever ? std::string("none") : std::to_string(t); }

}  // namespace

report::SweepIdentity sweep_identity(const SweepPlan& plan) {
  report::SweepIdentity id;
  std::vector<std::string> specs, policies;
  for (const WorkloadSource& w : plan.workloads) specs.push_back(w.spec());
  for (const PolicyConfig& p : plan.policies) policies.push_back(p.canonical);
  id.emplace_back("workloads", report::shell_quote_all(specs));
  for (const WorkloadSource& w : plan.workloads) {
    std::error_code ec;
    if (!w.spec().starts_with("gen:") && std::filesystem::is_regular_file(w.spec(), ec))
      id.emplace_back(fmt::format("the content of {}", w.spec()), file_digest(w.spec()));
  }
  id.emplace_back("policies", report::shell_quote_all(policies));
  id.emplace_back("--seeds", report::seeds_text(plan.seeds));
  id.emplace_back("--shard", fmt::format("{}/{}", plan.shard.index, plan.shard.count));
  const KernelConfig& c = plan.config;
  id.emplace_back("--cpus", c.cpus == 0 ? std::string("each workload's") : std::to_string(c.cpus));
  id.emplace_back("--until", ticks_text(c.until));
  id.emplace_back("--max-events", std::to_string(c.max_events));
  id.emplace_back("--max-processes", c.max_processes == 0 ? std::string("each workload's")
                                                          : std::to_string(c.max_processes));
  id.emplace_back("--switch-cost", fmt::format("{}/{}", c.switch_cost,
                                               c.thread_switch_cost < 0 ? c.switch_cost / 2 : c.thread_switch_cost));
  return id;
}

}  // namespace schedlab::lab
