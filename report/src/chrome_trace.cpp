#include <schedlab/report/chrome_trace.hpp>

#include <iterator>

#include <schedlab/run_result.hpp>

namespace schedlab::report {

namespace {

// How each kind of kernel instant appears: its event name and which InstantRecord fields
// become args under which names (nullptr: left out). A kind without a row (added to the
// kernel later) still appears, under its own name with generic args. `flow`: the instant
// also draws an arrow from the task's CPU slice to the next CPU slice of `other`.
struct InstantStyle {
  InstantKind kind;
  const char* name;
  const char* value_arg;
  const char* other_arg;  // the other task, written as its tid (= pid for a main task)
  const char* text_arg;
  bool flow = false;
};
constexpr InstantStyle kInstantStyles[] = {
    {InstantKind::Exit, "exit", "code", nullptr, "reason"},
    {InstantKind::Preempt, "preempted", "cpu", nullptr, nullptr},
    {InstantKind::Level, "queue level", "level", nullptr, nullptr},
    {InstantKind::Fork, "fork", "child_pid", nullptr, nullptr},
    {InstantKind::ForkFailed, "fork failed", "limit", nullptr, nullptr},
    {InstantKind::ThreadStart, "thread start", nullptr, "thread", nullptr},
    {InstantKind::Kill, "kill", "signal", "target", nullptr},
    {InstantKind::ProcessEnd, "process end", "pid", nullptr, "detail"},
    {InstantKind::Reap, "reap", "pid", "child", nullptr},
    {InstantKind::Handoff, "handoff", nullptr, "to", "object", true},
    {InstantKind::Wakeup, "wakeup", nullptr, "woke", "object", true},
    {InstantKind::Print, "print", nullptr, nullptr, "text"},
    {InstantKind::Coroutine, "coroutine", nullptr, nullptr, "switch"},
    {InstantKind::Note, "note", nullptr, nullptr, "text"},
    {InstantKind::Fault, "fault", nullptr, nullptr, "what"},
    {InstantKind::Deadlock, "deadlock", nullptr, nullptr, "report"},
    {InstantKind::CallFailed, "call failed", nullptr, nullptr, "what"},
    {InstantKind::Release, "release", "job", nullptr, "job"},
    {InstantKind::DeadlineMiss, "deadline miss", "job", nullptr, "what"},
};

InstantStyle instant_style(InstantKind kind) {
  for (const InstantStyle& s : kInstantStyles)
    if (s.kind == kind) return s;
  return InstantStyle{kind, nullptr, "value", "other", "text"};
}

// "Ready", "Running", "Blocked (io)", "Blocked (lock)", ...; empty for New and Terminated.
std::string span_name(TaskState s, Cause cause) {
  switch (s) {
    case TaskState::Ready: return "Ready";
    case TaskState::Running: return "Running";
    case TaskState::Blocked: return fmt::format("Blocked ({})", to_string(cause));
    case TaskState::New:
    case TaskState::Terminated: return {};
  }
  return {};
}

// Blocked -> Ready without a waking task (the device or the timer did it): the arrow
// starts at the end of the Blocked span. Wake-ups by a task come with a Handoff or
// Wakeup instant, whose arrow starts at the waker's CPU slice instead.
bool woken_by_time_or_device(Cause c) { return c == Cause::IoDone || c == Cause::SleepDone || c == Cause::TimedOut; }

std::int64_t cpu_tid(CpuId cpu) { return kCpuTracksPid + 1 + static_cast<std::int64_t>(cpu); }

}  // namespace

ChromeTraceWriter::ChromeTraceWriter(std::ostream& os, const std::string& workload, const std::string& policy)
    : out_(os) {
  fmt::memory_buffer& b = out_.raw();
  b.append(std::string_view("{\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"schedlab\",\"workload\":"));
  append_json_string(b, workload);
  b.append(std::string_view(",\"policy\":"));
  append_json_string(b, policy);
  b.append(std::string_view(",\"time_unit\":\"1 tick = 1 us\"},\"traceEvents\":[\n"));
  fmt::format_to(std::back_inserter(begin_event()),
                 "{{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":{0},\"tid\":{0},\"args\":{{\"name\":\"CPUs\"}}}}",
                 kCpuTracksPid);
  end_event();
  fmt::format_to(std::back_inserter(begin_event()),
                 "{{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":{0},\"tid\":{0},\"args\":{{\"sort_index\":-1}}}}",
                 kCpuTracksPid);
  end_event();
  fmt::format_to(std::back_inserter(begin_event()),
                 "{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{0},\"tid\":{0},\"args\":{{\"name\":\"ready queue\"}}}}",
                 kCpuTracksPid);
  end_event();
}

fmt::memory_buffer& ChromeTraceWriter::begin_event() {
  fmt::memory_buffer& b = out_.raw();
  if (!first_event_) b.append(std::string_view(",\n"));
  first_event_ = false;
  return b;
}

void ChromeTraceWriter::end_event() {
  if (out_.raw().size() > (1u << 20)) out_.flush();
}

void ChromeTraceWriter::on_task_created(const TaskRecord& r) {
  if (tasks_.size() <= r.id) {
    tasks_.resize(r.id + 1);
    names_.resize(r.id + 1);
  }
  TaskTrack& t = tasks_[r.id];
  t.pid = r.pid;
  t.tid = r.is_thread ? kExtraThreadTid + static_cast<std::int64_t>(r.id) : r.pid;
  names_[r.id] = r.name;
  fmt::memory_buffer& b = begin_event();
  auto it = std::back_inserter(b);
  if (!r.is_thread) {
    fmt::format_to(it, "{{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":{},\"tid\":{},\"args\":{{\"name\":", t.pid, t.tid);
    append_json_string(b, r.name);
    b.append(std::string_view("}},\n"));
  }
  fmt::format_to(it, "{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{},\"tid\":{},\"args\":{{\"name\":", t.pid, t.tid);
  append_json_string(b, r.name);
  b.append(std::string_view("}}"));
  end_event();
}

void ChromeTraceWriter::name_cpu(CpuId cpu) {
  if (cpu_named_.size() <= cpu) cpu_named_.resize(cpu + 1, false);
  if (cpu_named_[cpu]) return;
  cpu_named_[cpu] = true;
  fmt::format_to(std::back_inserter(begin_event()),
                 "{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{},\"tid\":{},\"args\":{{\"name\":\"CPU {}\"}}}}",
                 kCpuTracksPid, cpu_tid(cpu), cpu);
  end_event();
}

void ChromeTraceWriter::state_span(const TaskTrack& t, Ticks end, std::uint64_t flow_out) {
  const std::string name = span_name(t.state, t.cause);
  if (name.empty() || end <= t.since) return;
  fmt::memory_buffer& b = begin_event();
  auto it = std::back_inserter(b);
  fmt::format_to(it,
                 "{{\"ph\":\"X\",\"cat\":\"state\",\"name\":\"{}\",\"pid\":{},\"tid\":{},\"ts\":{},\"dur\":{},"
                 "\"args\":{{\"cause\":\"{}\"",
                 name, t.pid, t.tid, t.since, end - t.since, to_string(t.cause));
  if (t.state == TaskState::Running && t.cpu != kNoCpu) fmt::format_to(it, ",\"cpu\":{}", t.cpu);
  b.push_back('}');
  if (flow_out) fmt::format_to(it, ",\"bind_id\":{},\"flow_out\":true", flow_out);
  b.push_back('}');
  end_event();
}

void ChromeTraceWriter::cpu_span(TaskId task, CpuId cpu, Ticks start, Ticks end, std::string_view reason) {
  TaskTrack& t = tasks_[task];
  if (end <= start) {  // no slice to bind to: arrows that started here start at the task's own track
    for (const PendingFlow& f : t.flows_out) flow_event_on_task('s', f, t);
    t.flows_out.clear();
    return;
  }
  name_cpu(cpu);
  fmt::memory_buffer& b = begin_event();
  auto it = std::back_inserter(b);
  b.append(std::string_view("{\"ph\":\"X\",\"cat\":\"cpu\",\"name\":"));
  append_json_string(b, names_[task]);
  fmt::format_to(it, ",\"pid\":{},\"tid\":{},\"ts\":{},\"dur\":{},\"args\":{{\"pid\":{},\"stop\":\"{}\"}}",
                 kCpuTracksPid, cpu_tid(cpu), start, end - start, t.pid, reason);
  if (t.wake_flow) {
    fmt::format_to(it, ",\"bind_id\":{},\"flow_in\":true", t.wake_flow);
    t.wake_flow = 0;
  }
  b.push_back('}');
  end_event();
  // Arrows from hand-offs and wake-ups (flow events v1): written after the slice they
  // bind to, so that readers which sort by time see the slice first.
  for (const PendingFlow& f : t.flows_out) flow_event('s', f, cpu, f.time);
  t.flows_out.clear();
  for (const PendingFlow& f : t.flows_in) flow_event('f', f, cpu, start);
  t.flows_in.clear();
}

void ChromeTraceWriter::flow_event(char phase, const PendingFlow& f, CpuId cpu, Ticks time) {
  fmt::format_to(std::back_inserter(begin_event()),
                 "{{\"ph\":\"{}\",\"cat\":\"flow\",\"name\":\"{}\",\"id\":{},\"pid\":{},\"tid\":{},\"ts\":{}{}}}", phase,
                 f.name, f.id, kCpuTracksPid, cpu_tid(cpu), time, phase == 'f' ? ",\"bp\":\"e\"" : "");
  end_event();
}

void ChromeTraceWriter::flush_counter() {
  if (ready_ == ready_written_) return;
  ready_written_ = ready_;
  fmt::format_to(std::back_inserter(begin_event()),
                 "{{\"ph\":\"C\",\"name\":\"ready queue\",\"pid\":{0},\"tid\":{0},\"ts\":{1},\"args\":{{\"tasks\":{2}}}}}",
                 kCpuTracksPid, counter_time_, ready_);
  end_event();
}

void ChromeTraceWriter::on_transition(const TransitionRecord& r) {
  // The counter shows the ready-queue length at the end of each instant.
  if (r.time != counter_time_) {
    flush_counter();
    counter_time_ = r.time;
  }
  ready_ += (r.to == TaskState::Ready) - (r.from == TaskState::Ready);

  TaskTrack& t = tasks_[r.task];
  std::uint64_t flow = 0;
  if (r.from == TaskState::Blocked && r.to == TaskState::Ready && woken_by_time_or_device(r.cause)) {
    flow = next_flow_++;
    t.wake_flow = flow;
  }
  state_span(t, r.time, flow);
  t.state = r.to;
  t.cause = r.cause;
  t.since = r.time;
  if (r.to != TaskState::Running) t.cpu = kNoCpu;
}

void ChromeTraceWriter::on_dispatch(Ticks /*time*/, TaskId task, CpuId cpu) { tasks_[task].cpu = cpu; }

void ChromeTraceWriter::on_slice(const SliceRecord& r) { cpu_span(r.task, r.cpu, r.start, r.end, to_string(r.reason)); }

void ChromeTraceWriter::on_instant(const InstantRecord& r) {
  const InstantStyle style = instant_style(r.kind);
  // An instant about no task in particular goes on the CPUs process's own thread.
  const bool of_task = r.task < tasks_.size();
  const std::int64_t pid = of_task ? tasks_[r.task].pid : kCpuTracksPid;
  const std::int64_t tid = of_task ? tasks_[r.task].tid : kCpuTracksPid;
  fmt::memory_buffer& b = begin_event();
  auto it = std::back_inserter(b);
  fmt::format_to(it, "{{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"kernel\",\"name\":\"{}\",\"pid\":{},\"tid\":{},\"ts\":{},\"args\":{{",
                 style.name ? std::string_view(style.name) : to_string(r.kind), pid, tid, r.time);
  bool comma = false;
  if (style.value_arg) {
    fmt::format_to(it, "\"{}\":{}", style.value_arg, r.value);
    comma = true;
  }
  if (style.other_arg && r.other != kNoTask && r.other < tasks_.size()) {
    fmt::format_to(it, "{}\"{}\":{}", comma ? "," : "", style.other_arg, tasks_[r.other].tid);
    comma = true;
  }
  if (style.text_arg && !r.text.empty()) {
    fmt::format_to(it, "{}\"{}\":", comma ? "," : "", style.text_arg);
    append_json_string(b, r.text);
  }
  b.append(std::string_view("}}"));
  end_event();
  // The arrow from the waker's slice (now, on its CPU) to the woken task's next slice.
  if (style.flow && of_task && r.other < tasks_.size()) {
    const PendingFlow f{next_flow_++, r.time, style.name};
    TaskTrack& waker = tasks_[r.task];
    if (waker.state == TaskState::Running && waker.cpu != kNoCpu) waker.flows_out.push_back(f);
    else flow_event_on_task('s', f, waker);  // not on a CPU (e.g. ending): start at its own track
    tasks_[r.other].flows_in.push_back(f);
  }
}

void ChromeTraceWriter::flow_event_on_task(char phase, const PendingFlow& f, const TaskTrack& t) {
  fmt::format_to(std::back_inserter(begin_event()),
                 "{{\"ph\":\"{}\",\"cat\":\"flow\",\"name\":\"{}\",\"id\":{},\"pid\":{},\"tid\":{},\"ts\":{}}}", phase, f.name,
                 f.id, t.pid, t.tid, f.time);
  end_event();
}

void ChromeTraceWriter::on_finish(const RunResult& result) {
  if (finished_) return;
  const Ticks end = result.end_time;
  for (TaskId id = 0; id < tasks_.size(); ++id) {
    const TaskTrack& t = tasks_[id];
    if (t.state == TaskState::Running && t.cpu != kNoCpu) cpu_span(id, t.cpu, t.since, end, "running");
    state_span(t, end, 0);
  }
  flush_counter();
  out_.raw().append(std::string_view("\n]}\n"));
  out_.flush();
  finished_ = true;
}

}  // namespace schedlab::report
