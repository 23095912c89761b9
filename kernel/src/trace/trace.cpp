#include <fmt/format.h>

#include <schedlab/trace.hpp>

namespace schedlab {

void Trace::on_task_created(const TaskRecord& r) {
  if (tasks.size() <= r.id) tasks.resize(r.id + 1);
  tasks[r.id] = r;
}

std::string trace_to_text(const Trace& trace) {
  std::string out;
  auto it = std::back_inserter(out);
  for (const TaskRecord& t : trace.tasks)
    fmt::format_to(it, "task {} pid={} ppid={} name={} created={}\n", t.id, t.pid, t.ppid, t.name, t.created);
  for (const TransitionRecord& r : trace.transitions)
    fmt::format_to(it, "{} state {} {}->{} {}\n", r.time, r.task, to_string(r.from), to_string(r.to),
                   to_string(r.cause));
  for (const SliceRecord& s : trace.slices)
    fmt::format_to(it, "slice {} cpu{} [{},{}) {}\n", s.task, s.cpu, s.start, s.end, to_string(s.reason));
  for (const InstantRecord& i : trace.instants)
    fmt::format_to(it, "{} {} task={} other={} value={} {}\n", i.time, to_string(i.kind),
                   i.task == kNoTask ? -1 : static_cast<std::int64_t>(i.task),
                   i.other == kNoTask ? -1 : static_cast<std::int64_t>(i.other), i.value, i.text);
  return out;
}

}  // namespace schedlab
