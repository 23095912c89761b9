// `schedlab run ... --trace FILE.json`: the run in the Chrome Trace Event format, for
// Perfetto UI (ui.perfetto.dev) and chrome://tracing. Streamed while the kernel runs, so
// memory stays at a few words per task however long the run.
//
// Layout (1 tick = 1 microsecond; every timestamp and duration is a whole number):
// - process "CPUs" (pid kCpuTracksPid): one thread per CPU (tid kCpuTracksPid + 1 + cpu)
//   with a complete event (ph X) per run slice, named after the task; slices on a CPU
//   never overlap. Its "ready queue" counter (ph C) is the number of Ready tasks.
// - one process per schedlab process (its pid), one thread per task (main thread: tid =
//   pid): X events for its Running, Ready and Blocked spans, instant events (ph i) for
//   exit, preemption and the other kernel instants.
// - flow arrows: from the end of a Blocked span to the CPU slice where the task next runs
//   when a device or timer woke it (bind_id, flow_out/flow_in), and from the waker's CPU
//   slice to the woken task's next CPU slice for lock hand-offs and other wake-ups by a
//   task (flow events s/f, binding to the enclosing slice).
// - names as metadata (ph M: process_name, thread_name). Zero-length spans are left out.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <schedlab/trace.hpp>

#include <schedlab/report/output_buffer.hpp>

namespace schedlab::report {

inline constexpr std::int64_t kCpuTracksPid = 1'000'000'000;
// A process's other threads get tid kExtraThreadTid + their TaskId.
inline constexpr std::int64_t kExtraThreadTid = 1'500'000'000;

class ChromeTraceWriter final : public KernelObserver {
 public:
  ChromeTraceWriter(std::ostream& os, const std::string& workload, const std::string& policy);
  ChromeTraceWriter(const ChromeTraceWriter&) = delete;
  ChromeTraceWriter& operator=(const ChromeTraceWriter&) = delete;

  void on_task_created(const TaskRecord& r) override;
  void on_transition(const TransitionRecord& r) override;
  void on_dispatch(Ticks time, TaskId task, CpuId cpu) override;
  void on_slice(const SliceRecord& r) override;
  void on_instant(const InstantRecord& r) override;
  // Closes the spans still open at the end of the run and the JSON document.
  void on_finish(const RunResult& result) override;
  bool finished() const { return finished_; }

 private:
  struct PendingFlow {
    std::uint64_t id = 0;
    Ticks time = 0;
    const char* name = "";
  };
  struct TaskTrack {
    std::int64_t pid = 0;
    std::int64_t tid = 0;
    TaskState state = TaskState::New;
    Cause cause = Cause::Arrival;  // why it entered `state`
    Ticks since = 0;
    CpuId cpu = kNoCpu;  // while Running
    std::uint64_t wake_flow = 0;  // flow id waiting for its next CPU slice; 0: none
    std::vector<PendingFlow> flows_out;  // hand-offs by this task during its current slice
    std::vector<PendingFlow> flows_in;   // hand-offs to this task, until its next slice
  };

  fmt::memory_buffer& begin_event();
  void end_event();
  void name_cpu(CpuId cpu);
  void state_span(const TaskTrack& t, Ticks end, std::uint64_t flow_out);
  void cpu_span(TaskId task, CpuId cpu, Ticks start, Ticks end, std::string_view reason);
  void flush_counter();
  void flow_event(char phase, const PendingFlow& f, CpuId cpu, Ticks time);
  void flow_event_on_task(char phase, const PendingFlow& f, const TaskTrack& t);

  OutputBuffer out_;
  std::vector<TaskTrack> tasks_;
  std::vector<std::string> names_;
  std::vector<bool> cpu_named_;
  bool first_event_ = true;
  bool finished_ = false;
  std::uint64_t next_flow_ = 1;
  Ticks counter_time_ = 0;
  std::int64_t ready_ = 0;
  std::int64_t ready_written_ = -1;
};

}  // namespace schedlab::report
