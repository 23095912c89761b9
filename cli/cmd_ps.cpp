// schedlab ps WORKLOAD --policy SPEC --at T: the process table at time T, like ps.
#include <fmt/format.h>

#include <schedlab/workload_loader.hpp>

#include <schedlab/lab/simulate.hpp>
#include <schedlab/report/output_buffer.hpp>
#include <schedlab/report/text_table.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

int cmd_ps(const std::vector<std::string>& args, std::ostream& out, std::ostream& /*err*/) {
  std::string workload_path, policy_spec, format_text;
  std::vector<std::string> plugin_paths;
  Ticks at = kNever;
  RunOptions run_options;
  po::options_description desc("options");
  desc.add_options()
      ("help,h", "show this help")
      ("workload", po::value(&workload_path)->value_name("FILE"), "workload file (YAML)")
      ("policy,p", po::value(&policy_spec)->default_value("fcfs")->value_name("SPEC"), "policy spec")
      ("at", po::value(&at)->value_name("T"), "the time to look at (default: the end of the run)")
      ("format,f", po::value(&format_text)->default_value("table")->value_name("FMT"), "table or json");
  add_plugin_option(desc, plugin_paths);
  add_run_options(desc, run_options);
  po::positional_options_description pos;
  pos.add("workload", 1);
  po::variables_map vm;
  if (!parse_command("ps", "WORKLOAD [--policy SPEC] [--at T]", args, desc, pos, vm, out)) return kExitOk;
  if (workload_path.empty()) throw UsageError("no workload file given");
  if (vm.count("at") && at < 0) throw UsageError("--at must be >= 0");
  const Format format = parse_format(format_text);
  if (format == Format::Csv) throw UsageError("'ps' prints table or json");
  if (at != kNever) run_options.until = at;
  const PolicySet policies = load_policies(plugin_paths);
  const PolicyConfig policy = policies.registry.resolve(policy_spec);
  const Workload workload = load_workload_file(workload_path);
  const RunResult r = simulate(workload, policy, kernel_config(run_options));

  OutputBuffer buffer(out);
  if (format == Format::Json) {
    fmt::memory_buffer& b = buffer.raw();
    fmt::format_to(std::back_inserter(b), "{{\"time\":{},\"processes\":[", r.end_time);
    bool first = true;
    for (const ProcessMetrics& p : r.processes) {
      if (p.state == ProcessState::Ended) continue;
      b.append(std::string_view(first ? "\n" : ",\n"));
      first = false;
      fmt::format_to(std::back_inserter(b), "{{\"pid\":{},\"ppid\":{},\"name\":", p.pid, p.ppid);
      append_json_string(b, p.name);
      fmt::format_to(std::back_inserter(b),
                     ",\"state\":\"{}\",\"is_alive\":{},\"threads\":{},\"cpu_time\":{},\"waiting\":{},\"exit_code\":{}}}",
                     to_string(p.state), p.state != ProcessState::Zombie && p.state != ProcessState::New,
                     p.threads.empty() ? 1 : p.threads.size(), p.cpu_time, p.waiting,
                     p.state == ProcessState::Zombie ? fmt::format("{}", p.exit_code) : std::string("null"));
    }
    b.append(std::string_view("\n]}\n"));
    return kExitOk;
  }
  buffer.print("t = {}   policy: {}   (processes that ended and were reaped are not shown)\n\n", r.end_time, r.policy);
  TextTable t;
  using A = TextTable::Align;
  for (const char* h : {"PID", "PPID", "NAME", "STATE", "THR", "CPU", "WAIT", "EXIT"})
    t.add_column(h, std::string_view(h) == "NAME" || std::string_view(h) == "STATE" ? A::Left : A::Right);
  for (const ProcessMetrics& p : r.processes) {
    if (p.state == ProcessState::Ended) continue;
    std::string state(to_string(p.state));
    if (p.daemon) state += " (daemon)";
    t.add_row({std::to_string(p.pid), std::to_string(p.ppid), p.name, state,
               std::to_string(p.threads.empty() ? 1 : p.threads.size()), std::to_string(p.cpu_time),
               std::to_string(p.waiting), p.state == ProcessState::Zombie ? std::to_string(p.exit_code) : "-"});
    for (const ThreadMetrics& th : p.threads) {
      if (th.state == TaskState::Terminated) continue;
      t.add_row({"", "", "  " + th.name, std::string(to_string(th.state)) + (th.daemon ? " (daemon)" : ""), "",
                 std::to_string(th.cpu_time), std::to_string(th.waiting), ""});
    }
  }
  t.render(buffer);
  return kExitOk;
}

}  // namespace schedlab::cli
