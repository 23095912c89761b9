// check-policy's report as text (write_check_report in policy_checker.hpp): one line per
// kind of violation, ok / skip / FAIL, with the first findings of each failing kind.
#include <schedlab/lab/policy_checker.hpp>

#include <algorithm>
#include <fmt/format.h>

namespace schedlab::lab {

void write_check_report(std::ostream& out, const CheckReport& report, const std::string& title,
                        const std::vector<BatteryEntry>& battery, const CheckOptions& options) {
  std::string text = fmt::format("check-policy {}\n", title);
  std::vector<CpuId> cpus;
  for (const BatteryEntry& e : battery)
    for (CpuId n : e.cpus)
      if (std::find(cpus.begin(), cpus.end(), n) == cpus.end()) cpus.push_back(n);
  std::sort(cpus.begin(), cpus.end());
  text += fmt::format("{} workload{} on {} CPU{}: {} run{}{}, each run twice; invariant checker on; ",
                      battery.size(), battery.size() == 1 ? "" : "s", fmt::join(cpus, ", "),
                      cpus.size() == 1 && cpus[0] == 1 ? "" : "s", report.runs, report.runs == 1 ? "" : "s",
                      report.skipped ? fmt::format(" ({} skipped)", report.skipped) : "");
  if (report.open_ended > 0)
    text += fmt::format("{} run{} cut off at {} events, as {} is too (the workload does not end), not judged; ",
                        report.open_ended, report.open_ended == 1 ? "" : "s", options.max_events,
                        options.reference->canonical);
  text += options.starvation > 0 ? fmt::format("starvation limit {} ticks\n\n", options.starvation)
                                 : std::string("no starvation limit\n\n");
  std::size_t failed = 0;
  for (std::size_t k = 0; k < kViolationKinds; ++k) {
    const auto kind = static_cast<Violation>(k);
    const bool queue_check =
        kind == Violation::EnqueuedTwice || kind == Violation::StaleEntry || kind == Violation::LostTask;
    if (kind == Violation::Starved && options.starvation <= 0) continue;
    if (report.times[k] == 0) {
      const bool skipped = queue_check && !report.queues_checked;
      text += fmt::format("{:<5} {:<17} {}{}\n", skipped ? "skip" : "ok", violation_id(kind), violation_title(kind),
                          !skipped                ? ""
                          : report.queues_listed ? " (every run stopped before the end of its first instant)"
                                                 : " (describe() lists no queues)");
      continue;
    }
    ++failed;
    text += fmt::format("{:<5} {:<17} {}: in {} of {} run{} ({} time{})\n", "FAIL", violation_id(kind),
                        violation_title(kind), report.runs_with[k], report.runs, report.runs == 1 ? "" : "s",
                        report.times[k], report.times[k] == 1 ? "" : "s");
    std::size_t shown = 0;
    for (const Finding& f : report.findings) {
      if (f.kind != kind) continue;
      if (shown++ == options.examples) break;
      if (kind == Violation::Nondeterministic) text += fmt::format("        {}: {}\n", f.where, f.text);
      else text += fmt::format("        {}, t={}: {}\n", f.where, f.time, f.text);
    }
  }
  text += failed == 0 ? std::string("\nno violations\n")
                      : fmt::format("\n{} kind{} of violation\n", failed, failed == 1 ? "" : "s");
  out << text;
}

}  // namespace schedlab::lab
