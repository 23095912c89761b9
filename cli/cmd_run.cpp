// schedlab run WORKLOAD --policy SPEC: one simulation, its per-process metrics.
#include <chrono>
#include <fmt/format.h>
#include <memory>
#include <sys/resource.h>

#include <schedlab/workload_loader.hpp>

#include <schedlab/lab/simulate.hpp>
#include <schedlab/report/atomic_file.hpp>
#include <schedlab/report/chrome_trace.hpp>
#include <schedlab/report/realtime_report.hpp>
#include <schedlab/report/run_report.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

namespace {

using Clock = std::chrono::steady_clock;

// JSON and CSV reports written while the run hands over each process's metrics
// (KernelConfig::metrics_sink): at 10^6 processes the metrics are never all in memory.
// The bytes are those of write_run_json / write_run_csv.
class StreamingReport final : public MetricsSink {
 public:
  StreamingReport(OutputBuffer& out, Format format) : out_(out), format_(format) {}

  void begin(const RunResult& totals) override {
    started_ = Clock::now();
    totals_ = totals;
    if (format_ == Format::Json) write_run_json_head(out_, totals_);
    else write_run_csv_head(out_);
  }
  void process(const ProcessMetrics& p) override {
    if (format_ == Format::Json) write_process_json(out_, totals_, p, processes_ == 0);
    else write_process_csv(out_, p);
    ++processes_;
    finished_ += p.completion >= 0;
  }
  void end(const RunResult& result) {
    if (format_ == Format::Json) write_run_json_tail(out_, result);
  }

  Clock::time_point started() const { return started_; }
  std::size_t processes() const { return processes_; }
  std::size_t finished() const { return finished_; }

 private:
  OutputBuffer& out_;
  Format format_;
  RunResult totals_;
  Clock::time_point started_;
  std::size_t processes_ = 0;
  std::size_t finished_ = 0;
};

struct Timings {
  Clock::time_point start, loaded, simulated, written;
};

// --timings: one line on stderr.
void print_timings(std::ostream& err, const Timings& t, std::uint64_t events, std::size_t processes) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
  err << fmt::format("timings: load {:.3f} s, simulate {:.3f} s ({} events, {:.1f} M events/s), write {:.3f} s; "
                     "peak memory {} MB ({:.0f} bytes per process)\n",
                     secs(t.loaded - t.start), secs(t.simulated - t.loaded), events,
                     static_cast<double>(events) / secs(t.simulated - t.loaded) / 1e6, secs(t.written - t.simulated),
                     usage.ru_maxrss / 1024,
                     static_cast<double>(usage.ru_maxrss) * 1024.0 / static_cast<double>(processes));
}

// The exit status of a run (docs/cli.md), with one line on stderr when it did not
// complete. `streamed_finished`: processes the streamed report saw finish (the table's are
// in result.processes).
int run_exit_code(const RunResult& result, std::size_t streamed_finished, std::size_t processes,
                  const KernelConfig& config, std::ostream& err) {
  if (result.status == RunStatus::Deadlock) {
    err << "schedlab run: deadlock: " << result.status_detail << '\n';
    return kExitDeadlock;
  }
  if (result.status == RunStatus::LimitReached) {
    // Which limit, and how far the run got: the table above has the per-process detail.
    std::size_t finished = streamed_finished;
    for (const ProcessMetrics& p : result.processes) finished += p.completion >= 0;
    err << fmt::format("schedlab run: stopped: {} at tick {} after {} events; {} of {} process{} finished\n",
                       result.status_detail, result.end_time, result.events, finished, processes,
                       processes == 1 ? "" : "es");
    return result.end_time == config.until ? kExitOk : kExitFailure;
  }
  return kExitOk;
}

}  // namespace

int cmd_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string workload_path, policy_spec, format_text, trace_text_path, trace_json_path;
  std::vector<std::string> plugin_paths;
  RunOptions run_options;
  po::options_description desc("options");
  desc.add_options()
      ("help,h", "show this help")
      ("workload", po::value(&workload_path)->value_name("FILE"), "workload file (YAML)")
      ("policy,p", po::value(&policy_spec)->default_value("fcfs")->value_name("SPEC"),
       "policy: NAME or NAME:key=value,... (see 'schedlab policies')")
      ("format,f", po::value(&format_text)->default_value("table")->value_name("FMT"), "table, json or csv")
      ("trace-text", po::value(&trace_text_path)->value_name("FILE"),
       "write every state transition and run slice, one per line")
      ("trace", po::value(&trace_json_path)->value_name("FILE.json"),
       "write a Chrome Trace Event file for Perfetto UI or chrome://tracing (1 tick = 1 us)")
      ("timings", po::bool_switch(), "print the time spent loading, simulating and writing, and peak memory, on stderr")
      ("jobs", po::bool_switch(), "with --format csv: one row per job of the periodic tasks instead of per process");
  add_plugin_option(desc, plugin_paths);
  add_run_options(desc, run_options);
  po::positional_options_description pos;
  pos.add("workload", 1);
  po::variables_map vm;
  if (!parse_command("run", "WORKLOAD [--policy SPEC] [options]", args, desc, pos, vm, out)) return kExitOk;
  if (workload_path.empty()) throw UsageError("no workload file given");
  const Format format = parse_format(format_text);
  const bool jobs_csv = vm["jobs"].as<bool>();
  if (jobs_csv && format != Format::Csv) throw UsageError("--jobs needs --format csv");
  const PolicySet policies = load_policies(plugin_paths);
  const PolicyConfig policy = policies.registry.resolve(policy_spec);
  KernelConfig config = kernel_config(run_options);

  const auto t0 = Clock::now();
  const Workload workload = load_workload_file(workload_path);
  const auto t1 = Clock::now();
  Trace trace;
  std::vector<KernelObserver*> observers;
  if (!trace_text_path.empty()) observers.push_back(&trace);
  std::unique_ptr<AtomicFile> trace_json_file;
  std::unique_ptr<ChromeTraceWriter> trace_json;
  if (!trace_json_path.empty()) {
    trace_json_file = std::make_unique<AtomicFile>(trace_json_path);
    trace_json = std::make_unique<ChromeTraceWriter>(trace_json_file->stream(),
                                                     workload.name.empty() ? workload_path : workload.name,
                                                     policy.canonical);
    observers.push_back(trace_json.get());
  }
  OutputBuffer buffer(out);
  StreamingReport streaming(buffer, format);
  const bool streamed = format != Format::Table && !jobs_csv;
  if (streamed) config.metrics_sink = &streaming;
  const RunResult result = simulate(workload, policy, config, observers);
  if (trace_json) {
    if (!trace_json->finished()) throw WriteError(fmt::format("writing '{}' failed: the run ended early", trace_json_path));
    trace_json_file->commit();
  }
  const auto t2 = Clock::now();

  if (!trace_text_path.empty()) write_file_atomically(trace_text_path, trace_to_text(trace));
  if (format == Format::Table) write_run_table(buffer, result);
  else if (jobs_csv) write_jobs_csv(buffer, result);
  else streaming.end(result);
  buffer.flush();
  // With a streamed report, writing began inside the run, when the metrics were handed out.
  const auto simulated = !streamed ? t2 : streaming.started();
  const std::size_t processes = !streamed ? result.processes.size() : streaming.processes();
  if (vm["timings"].as<bool>()) {
    out.flush();
    print_timings(err, Timings{t0, t1, simulated, Clock::now()}, result.events, workload.processes.size());
  }
  return run_exit_code(result, streaming.finished(), processes, config, err);
}

}  // namespace schedlab::cli
