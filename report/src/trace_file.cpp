// The schedlab trace file (trace_file.hpp): JSON through nlohmann::json. Records are
// arrays, not objects, to keep a long run's file small; enums are their to_string()
// names, read back strictly (an unknown name is an error, never a default).
//
//   {"format": "schedlab-trace", "version": 1, "title": ..., "policy": ..., "seed": ...,
//    "failure": ..., "replay": ..., "result": {RunResult, field by field},
//    "tasks": [[id, pid, ppid, name, created, is_thread], ...],
//    "transitions": [[time, task, from, to, cause], ...],
//    "slices": [[task, cpu, start, end, reason, switch_ticks], ...],
//    "instants": [[time, kind, task, other, value, text], ...],
//    "dispatches": [[time, task, cpu], ...]}
// A missing task is written -1 (kNoTask).
#include <schedlab/trace_file.hpp>

#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include <schedlab/errors.hpp>

namespace nlohmann {
template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) j = *v;
    else j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) v.reset();
    else v = j.get<T>();
  }
};
}  // namespace nlohmann

namespace schedlab {

using json = nlohmann::json;

namespace {

// An enum from its to_string() name; enums are uint8_t and to_string answers "?" past
// the last value.
template <typename E>
E parse_enum(const std::string& text) {
  for (int i = 0; i < 256; ++i) {
    const auto e = static_cast<E>(i);
    if (to_string(e) == "?") break;
    if (to_string(e) == text) return e;
  }
  throw std::invalid_argument(fmt::format("unknown value '{}'", text));
}

}  // namespace

// The enums of the records and the result, as their names (non-templates: chosen over
// nlohmann's own enum-as-number conversion).
#define SCHEDLAB_JSON_ENUM(E)                                                           \
  void to_json(json& j, E e) { j = std::string(to_string(e)); }                        \
  void from_json(const json& j, E& e) { e = parse_enum<E>(j.get<std::string>()); }
SCHEDLAB_JSON_ENUM(TaskState)
SCHEDLAB_JSON_ENUM(StopReason)
SCHEDLAB_JSON_ENUM(ExitReason)
SCHEDLAB_JSON_ENUM(RunStatus)
SCHEDLAB_JSON_ENUM(ProcessState)
SCHEDLAB_JSON_ENUM(Cause)
SCHEDLAB_JSON_ENUM(InstantKind)
#undef SCHEDLAB_JSON_ENUM

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ThreadMetrics, tid, name, arrival, first_run, completion, waiting,
                                                cpu_time, io_time, blocked_time, exit_code, exit_reason, state, daemon)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProcessMetrics, pid, ppid, name, arrival, first_run, completion,
                                                turnaround, response, waiting, cpu_time, switch_time, io_time,
                                                blocked_time, exit_code, exit_reason, priority, tickets, nice, state,
                                                daemon, thread_count, threads)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeadlockReport::Wait, task, task_name, waits_for, held_by,
                                                held_by_name, releaser_phrase, holds)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeadlockReport, cycle, blocked, summary)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OutputLine, time, task, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Averages, turnaround, response, waiting)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RunResult, workload, policy, cpus, status, status_detail, end_time,
                                                makespan, cpu_utilization, throughput, context_switches, migrations,
                                                events, fairness, cpu_busy, switch_overhead, processes, averages,
                                                deadlock, variables, output, forks_failed)

namespace {

std::int64_t task_out(TaskId t) { return t == kNoTask ? -1 : static_cast<std::int64_t>(t); }
TaskId task_in(const json& j) {
  const auto v = j.get<std::int64_t>();
  if (v == -1) return kNoTask;
  if (v < 0 || v >= static_cast<std::int64_t>(kNoTask)) throw std::invalid_argument(fmt::format("bad task id {}", v));
  return static_cast<TaskId>(v);
}

json records(const SavedRun& run) {
  const Trace& t = run.trace;
  json tasks = json::array(), transitions = json::array(), slices = json::array(), instants = json::array(),
       dispatches = json::array();
  for (const TaskRecord& r : t.tasks) tasks.push_back({task_out(r.id), r.pid, r.ppid, r.name, r.created, r.is_thread});
  for (const TransitionRecord& r : t.transitions) transitions.push_back({r.time, task_out(r.task), r.from, r.to, r.cause});
  for (const SliceRecord& r : t.slices)
    slices.push_back({task_out(r.task), r.cpu, r.start, r.end, r.reason, r.switch_ticks});
  for (const InstantRecord& r : t.instants)
    instants.push_back({r.time, r.kind, task_out(r.task), task_out(r.other), r.value, r.text});
  for (const DispatchRecord& r : run.trace.dispatches) dispatches.push_back({r.time, task_out(r.task), r.cpu});
  return {{"tasks", std::move(tasks)},
          {"transitions", std::move(transitions)},
          {"slices", std::move(slices)},
          {"instants", std::move(instants)},
          {"dispatches", std::move(dispatches)}};
}

// The tasks and CPUs every record names exist: a viewer indexes by them.
void check_references(const SavedRun& run) {
  const Trace& t = run.trace;
  const std::size_t n = t.tasks.size();
  const CpuId cpus = run.result.cpus;
  if (cpus == 0 || cpus > 4096) throw std::invalid_argument(fmt::format("result.cpus is {}", cpus));
  for (std::size_t i = 0; i < n; ++i)
    if (t.tasks[i].id != i) throw std::invalid_argument(fmt::format("tasks[{}] has id {}", i, task_out(t.tasks[i].id)));
  auto known = [&](TaskId task, const char* where) {
    if (task >= n) throw std::invalid_argument(fmt::format("{} names task {}, but there are {} tasks", where, task_out(task), n));
  };
  auto on_cpu = [&](CpuId cpu, const char* where) {
    if (cpu >= cpus) throw std::invalid_argument(fmt::format("{} names cpu {}, but there are {} CPUs", where, cpu, cpus));
  };
  for (const TransitionRecord& r : t.transitions) known(r.task, "a transition");
  for (const SliceRecord& r : t.slices) {
    known(r.task, "a slice");
    on_cpu(r.cpu, "a slice");
  }
  for (const InstantRecord& r : t.instants) {
    if (r.task != kNoTask) known(r.task, "an instant");
    if (r.other != kNoTask) known(r.other, "an instant");
  }
  for (const DispatchRecord& r : run.trace.dispatches) {
    known(r.task, "a dispatch");
    on_cpu(r.cpu, "a dispatch");
  }
}

}  // namespace

void write_trace_file(std::ostream& out, const SavedRun& run) {
  json doc = {{"format", "schedlab-trace"}, {"version", kTraceFileVersion}, {"title", run.title},
              {"policy", run.policy},      {"seed", run.seed},                {"failure", run.failure},
              {"replay", run.replay},      {"result", run.result}};
  doc.update(records(run));
  out << doc.dump() << '\n';
}

SavedRun read_trace_file(const std::string& path) {
  auto fail = [&](const std::string& what) { return InputError(path, 0, 0, what); };
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fail("cannot open the file");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::exception&) {
    throw fail("not a schedlab trace file (not JSON)");
  }
  if (!doc.is_object() || doc.value("format", json()) != "schedlab-trace")
    throw fail("not a schedlab trace file (written by 'schedlab explore --trace'; a Chrome trace from "
               "'schedlab run --trace' is for ui.perfetto.dev)");
  if (doc.value("version", json()) != kTraceFileVersion)
    throw fail(fmt::format("schedlab trace file version {}, but this schedlab reads version {}",
                           doc.value("version", json()).dump(), kTraceFileVersion));
  SavedRun run;
  try {
    run.title = doc.at("title").get<std::string>();
    run.policy = doc.at("policy").get<std::string>();
    run.seed = doc.at("seed").get<std::uint64_t>();
    run.failure = doc.at("failure").get<std::string>();
    run.replay = doc.at("replay").get<std::string>();
    run.result = doc.at("result").get<RunResult>();
    Trace& t = run.trace;
    for (const json& r : doc.at("tasks"))
      t.tasks.push_back(TaskRecord{task_in(r.at(0)), r.at(1).get<Pid>(), r.at(2).get<Pid>(), r.at(3).get<std::string>(),
                                   r.at(4).get<Ticks>(), r.at(5).get<bool>()});
    for (const json& r : doc.at("transitions"))
      t.transitions.push_back(TransitionRecord{r.at(0).get<Ticks>(), task_in(r.at(1)), r.at(2).get<TaskState>(),
                                               r.at(3).get<TaskState>(), r.at(4).get<Cause>()});
    for (const json& r : doc.at("slices"))
      t.slices.push_back(SliceRecord{task_in(r.at(0)), r.at(1).get<CpuId>(), r.at(2).get<Ticks>(),
                                     r.at(3).get<Ticks>(), r.at(4).get<StopReason>(), r.at(5).get<Ticks>()});
    for (const json& r : doc.at("instants"))
      t.instants.push_back(InstantRecord{r.at(0).get<Ticks>(), r.at(1).get<InstantKind>(), task_in(r.at(2)),
                                         task_in(r.at(3)), r.at(4).get<std::int64_t>(), r.at(5).get<std::string>()});
    for (const json& r : doc.at("dispatches"))
      run.trace.dispatches.push_back(DispatchRecord{r.at(0).get<Ticks>(), task_in(r.at(1)), r.at(2).get<CpuId>()});
    check_references(run);
  } catch (const json::exception& e) {
    // "[json.exception.type_error.302] type must be string, but is number": drop the tag.
    std::string what = e.what();
    if (const auto end = what.find("] "); what.starts_with("[json.") && end != std::string::npos) what.erase(0, end + 2);
    throw fail("broken schedlab trace file: " + what);
  } catch (const std::invalid_argument& e) {
    throw fail(std::string("broken schedlab trace file: ") + e.what());
  }
  return run;
}

}  // namespace schedlab
