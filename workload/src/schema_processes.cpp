// The `processes:` list: each entry's keys, its program (read_body(), also the program
// of forks, threads and coroutines), its affinity set, duplicate names, and where the
// first part of a split read stops.
#include <algorithm>

#include "schema_primitives.hpp"
#include "schema_reader.hpp"

namespace schedlab::detail {

void SchemaReader::read_processes() {
  const SourcePos at = y_.pos();
  if (y_.type() != YAML_SEQUENCE_START_EVENT) y_.fail(fmt::format("'processes' expects a list, got {}", describe(y_)));
  y_.next();
  while (y_.type() != YAML_SEQUENCE_END_EVENT) {
    if (stop_.line != 0) {
      // A split read: the first half ends where the second half's text begins, which
      // must be the start of a process entry. Passing it means the guess was wrong.
      // (The stop is the entry's "- "; the entry's own event starts after it, on the
      // same line.)
      const SourcePos here = y_.pos();
      if (here.line > stop_.line || (here.line == stop_.line && here.column >= stop_.column)) {
        stopped_ = true;
        reached_stop_ = here.line == stop_.line;
        return;
      }
    }
    if (w_.processes.size() >= limits_.max_processes)
      y_.fail(SourcePos{y_.pos().line, 0}, fmt::format("too many processes (at most {})", limits_.max_processes));
    read_process();
  }
  y_.next();
  if (w_.processes.empty()) y_.fail(at, "'processes' is empty: a workload needs at least one process");
}

void SchemaReader::read_process() {
  const SourcePos start = y_.pos();
  ProcessSpec p;
  RealtimeSpec rt;
  SourcePos name_at{}, jobs_at{};
  bool have_name = false, have_program = false;
  static constexpr std::array<std::string_view, 12> kKeys{"name",    "arrival", "priority", "tickets",
                                                          "nice",    "burst",   "program",  "affinity",
                                                          "daemon",  "period",  "deadline", "jobs"};
  read_mapping("a process", kKeys, [&](std::size_t index, std::string_view key, SourcePos at) {
    switch (index) {
      case 0:
        name_at = y_.pos();
        p.name = read_string(key);
        have_name = true;
        break;
      case 1: p.arrival = read_ticks(key, 0); break;
      case 2: p.priority = static_cast<int>(read_int(key, -1'000'000, 1'000'000, "a whole number")); break;
      case 3: p.tickets = static_cast<int>(read_int(key, 1, 1'000'000, "a whole number of tickets")); break;
      case 4: p.nice = static_cast<int>(read_int(key, -20, 19, "a whole number from -20 to 19")); break;
      case 5:
      case 6:
        if (have_program) y_.fail(at, "a process has either 'burst' or 'program', not both");
        have_program = true;
        if (index == 5) {
          rt.work_pos = y_.pos();
          rt.work = read_ticks(key, 1);
          const Step step = cpu_step(rt.work);
          p.program = w_.add_program(&step, 1);
        } else {
          p.program = read_body(1, key, kTaskContext, SchemaNotes::ProgramUse::Where::Process,
                                static_cast<std::uint32_t>(w_.processes.size()), 0);
        }
        break;
      case 7: p.affinity = read_affinity(); break;
      case 8: p.daemon = read_bool(key); break;
      case 9:
        rt.period_pos = y_.pos();
        rt.period = read_ticks(key, 1);
        break;
      case 10:
        rt.deadline_pos = y_.pos();
        rt.deadline = read_ticks(key, 1);
        break;
      case 11:
        jobs_at = y_.pos();
        rt.jobs = read_int(key, 1, limits_.max_ticks, "a whole number of jobs");
        break;
    }
  });
  if (!have_name) y_.fail(start, "a process needs a 'name'");
  if (!have_program) y_.fail(start, fmt::format("process '{}' needs a 'program' or a 'burst'", p.name));
  p.pos = name_at;
  if (rt.period_pos.line != 0) {
    add_realtime(p, rt);
  } else if (rt.deadline_pos.line != 0 || jobs_at.line != 0) {
    y_.fail(rt.deadline_pos.line != 0 ? rt.deadline_pos : jobs_at,
            fmt::format("process '{}' has '{}' but no 'period': only a periodic task has jobs and deadlines", p.name,
                        rt.deadline_pos.line != 0 ? "deadline" : "jobs"));
  }
  w_.processes.push_back(std::move(p));
  const std::int64_t earlier = names_.insert(static_cast<std::uint32_t>(w_.processes.size() - 1));
  if (earlier >= 0) {  // (a split read checks names across its halves when they are joined)
    const ProcessSpec& first_one = w_.processes[static_cast<std::size_t>(earlier)];
    y_.fail(name_at, fmt::format("duplicate process name '{}' (first used at line {})", first_one.name, first_one.pos.line));
  }
}

// A periodic task: its last release must stay inside the file's time limit. (The checks
// that need the root keys, `horizon` and `on_miss`, which may come after the process
// list, are made once the whole file is read: check_realtime() in schema_resolve.cpp.)
void SchemaReader::add_realtime(const ProcessSpec& p, RealtimeSpec& rt) {
  rt.process = static_cast<std::uint32_t>(w_.processes.size());
  if (rt.deadline_pos.line == 0) rt.deadline = rt.period;
  if (rt.jobs > 0 && (rt.jobs - 1) > (limits_.max_ticks - p.arrival) / rt.period)
    y_.fail(rt.period_pos, fmt::format("process '{}': its last job would be released past {} ticks ({} jobs every "
                                       "{} ticks from {}); give fewer 'jobs' or a 'horizon'",
                                       p.name, limits_.max_ticks, rt.jobs, rt.period, p.arrival));
  w_.realtime.push_back(rt);
}

std::uint32_t SchemaReader::read_body(std::size_t depth, std::string_view key, std::uint32_t context,
                                      SchemaNotes::ProgramUse::Where where, std::uint32_t index, std::uint32_t member) {
  if (!y_.is_scalar()) return read_scope(depth, key, Scope{context, UINT32_MAX, 0});
  const SourcePos at = y_.pos();
  const std::uint32_t name = program_name_id(name_text(key));
  notes_.program_uses.push_back(SchemaNotes::ProgramUse{where, index, member, name, context, at});
  y_.next();
  return 0;
}

std::uint32_t SchemaReader::read_affinity() {
  const SourcePos at = y_.pos();
  if (y_.type() != YAML_SEQUENCE_START_EVENT)
    y_.fail(fmt::format("'affinity' expects a list of CPU numbers, got {}", describe(y_)));
  y_.next();
  std::vector<CpuId> set;
  while (y_.type() != YAML_SEQUENCE_END_EVENT)
    set.push_back(static_cast<CpuId>(read_int("affinity", 0, limits_.max_cpus - 1, "a CPU number")));
  y_.next();
  if (set.empty()) y_.fail(at, "'affinity' is empty: name at least one CPU");
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  for (std::uint32_t i = 1; i < w_.affinities.size(); ++i)
    if (w_.affinities[i] == set) return i;
  w_.affinities.push_back(std::move(set));
  return static_cast<std::uint32_t>(w_.affinities.size() - 1);
}

}  // namespace schedlab::detail
