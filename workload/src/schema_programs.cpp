// Programs: lists of steps, the step table (read_step() reads the common steps itself
// and hands the others to their table's reader), and the steps that shape a program:
// repeat, if, break_if, call, and the named programs of `programs:`.
#include <algorithm>
#include <limits>

#include "schema_primitives.hpp"
#include "schema_reader.hpp"

namespace schedlab::detail {

std::uint32_t SchemaReader::read_program(std::size_t depth, std::string_view key) {
  const SourcePos at = y_.pos();
  if (depth > limits_.max_depth) y_.fail(fmt::format("programs nested too deeply (at most {} levels)", limits_.max_depth));
  if (y_.type() != YAML_SEQUENCE_START_EVENT) y_.fail(fmt::format("'{}' expects a list of steps, got {}", key, describe(y_)));
  y_.next();
  // One reusable buffer per depth: no allocation per process once warmed up.
  if (buffers_.size() <= depth) buffers_.resize(depth + 1);
  buffers_[depth].clear();
  while (y_.type() != YAML_SEQUENCE_END_EVENT) read_step(depth);
  y_.next();
  if (buffers_[depth].empty()) y_.fail(at, fmt::format("'{}' is empty: a program needs at least one step", key));
  return w_.add_program(buffers_[depth].data(), buffers_[depth].size());
}

void SchemaReader::read_step(std::size_t depth) {
  const SourcePos at = y_.pos();
  std::vector<Step>& out = buffers_[depth];
  if (y_.is_scalar()) {  // a step without argument: "- yield"
    if (y_.scalar() == "yield") {
      out.push_back(yield_step());
      y_.next();
      return;
    }
    bad_step(at);
  }
  if (y_.type() != YAML_MAPPING_START_EVENT) bad_step(at);
  y_.next();
  const SourcePos key_at = y_.pos();
  const std::size_t index = y_.is_scalar() ? step_index(y_.scalar()) : kSteps.size();
  if (index == kSteps.size()) bad_step(at);
  const std::string_view key = kSteps[index];  // (the event's text dies at next())
  y_.next();
  switch (static_cast<StepKey>(index)) {
    case kCpu: out.push_back(cpu_step(read_ticks(key, 1))); break;
    case kIo: out.push_back(io_step(read_ticks(key, 1))); break;
    case kSleep: out.push_back(sleep_step(read_ticks(key, 1))); break;
    case kYield:
      if (!y_.is_scalar() || !(y_.scalar().empty() || y_.scalar() == "~" || y_.scalar() == "null"))
        y_.fail("'yield' takes no value: write '- yield'");
      y_.next();
      out.push_back(yield_step());
      break;
    case kExit: out.push_back(exit_step(read_int(key, -255, 255, "an exit code from -255 to 255"))); break;
    case kRepeat: {
      const Step s = read_repeat(depth);
      buffers_[depth].push_back(s);
      break;
    }
    default: {
      // Reading these may read nested programs, which may grow buffers_: append after.
      const Step s = read_other_step(static_cast<StepKey>(index), key, key_at, depth);
      buffers_[depth].push_back(s);
      break;
    }
  }
  if (y_.type() != YAML_MAPPING_END_EVENT)
    y_.fail(fmt::format("a step has exactly one key; found '{}' after '{}' (put each step in its own list item)",
                        y_.is_scalar() ? std::string(y_.scalar()) : describe(y_), key));
  y_.next();
}

// cpu and io are most of the steps of big files: they are tested first.
std::size_t SchemaReader::step_index(std::string_view k) {
  if (k.size() == 3 && k[0] == 'c' && k[1] == 'p' && k[2] == 'u') return kCpu;
  if (k.size() == 2 && k[0] == 'i' && k[1] == 'o') return kIo;
  std::size_t index = 0;
  while (index < kSteps.size() && kSteps[index] != k) ++index;
  return index;
}

void SchemaReader::bad_step(SourcePos at) {
  if (y_.type() == YAML_MAPPING_END_EVENT) y_.fail(at, "empty step: expected one key such as 'cpu: 5'");
  if (!y_.is_scalar()) y_.fail(fmt::format("expected a step such as 'cpu: 5', got {}", describe(y_)));
  const std::string_view name = y_.scalar();
  if (name.empty() && y_.plain()) y_.fail(at, "empty step: expected one key such as 'cpu: 5'");  // `- ` alone
  if (step_index(name) != kSteps.size())
    y_.fail(fmt::format("step '{}' needs a value, e.g. '{}'", name, example(name)));
  y_.fail(fmt::format("unknown step {} (expected one of: {})", describe(y_), fmt::join(kSteps, ", ")));
}

std::string_view SchemaReader::example(std::string_view step) {
  static constexpr std::array<std::string_view, kSteps.size()> kExamples{
      "cpu: 5", "io: 5", "sleep: 5", "yield", "exit: 0", "repeat: {times: 3, program: [...]}",
      "fail: \"message\"", "fault: segv", "fork: {name: child, program: [...]}",
      "thread: {name: worker, program: [...]}", "kill: NAME", "wait: any", "join: THREAD",
      "coroutines: [{name: a, program: [...]}, ...]", "switch: COROUTINE", "await_io: 5", "load: VARIABLE",
      "add: 1", "store: VARIABLE", "print: VARIABLE", "lock: LOCK", "unlock: LOCK", "rlock: LOCK", "runlock: LOCK",
      "acquire: SEMAPHORE", "release: SEMAPHORE", "event_set: EVENT", "event_clear: EVENT", "event_wait: EVENT",
      "put: {queue: QUEUE, item: 1}", "get: QUEUE", "task_done: QUEUE", "join_queue: QUEUE",
      "if: {cond: \"n > 0\", then: [...]}", "break_if: \"n > 0\"", "call: PROGRAM"};
  return kExamples[static_cast<std::size_t>(std::find(kSteps.begin(), kSteps.end(), step) - kSteps.begin())];
}

Step SchemaReader::read_other_step(StepKey k, std::string_view key, SourcePos key_at, std::size_t depth) {
  switch (k) {
    case kCpu:
    case kIo:
    case kSleep:
    case kYield:
    case kExit:
    case kRepeat: break;  // read_step's own
    case kFail: return read_fail(key);
    case kFault: return read_fault(key);
    case kFork: return read_spawn(Op::Fork, key, depth);
    case kThread: return read_spawn(Op::Thread, key, depth);
    case kKill: return read_kill(key);
    case kWait: return read_wait(key);
    case kJoin: return read_join(key);
    case kCoroutines: return read_coroutines(key, key_at, depth);
    case kSwitch: return read_switch(key, key_at);
    case kAwaitIo: return read_await_io(key, key_at);
    case kLoad: return Step{Op::Load, 0, 0, read_variable(key, false), 0};
    case kStore: return Step{Op::Store, 0, 0, read_variable(key, true), 0};
    case kPrint: return Step{Op::Print, 0, 0, read_variable(key, false), 0};
    case kAdd:
      return Step{Op::Add, 0, 0, 0,
                  read_int(key, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                           "a whole number")};
    case kLock: return read_lock_step(Op::Lock, key);
    case kUnlock: return read_lock_step(Op::Unlock, key);
    case kRLock: return read_lock_step(Op::RLock, key);
    case kRUnlock: return read_lock_step(Op::RUnlock, key);
    case kAcquire: return read_semaphore_step(Op::Acquire, key);
    case kRelease: return read_semaphore_step(Op::Release, key);
    case kEventSet: return read_event_step(Op::EventSet, key);
    case kEventClear: return read_event_step(Op::EventClear, key);
    case kEventWait: return read_event_step(Op::EventWait, key);
    case kPut: return read_put(key);
    case kGet: return read_get(key);
    case kTaskDone: return read_queue_step(Op::TaskDone, key);
    case kJoinQueue: return read_queue_step(Op::JoinQueue, key);
    case kIf: return read_if(key, depth);
    case kBreakIf: return read_break_if(key, key_at);
    case kCall: return read_call(key);
  }
  y_.fail(key_at, fmt::format("unknown step '{}'", key));
}

Step SchemaReader::read_repeat(std::size_t depth) {
  const SourcePos at = y_.pos();
  std::int64_t times = -2;
  std::uint32_t body = 0;
  bool have_body = false;
  static constexpr std::array<std::string_view, 2> kKeys{"times", "program"};
  read_mapping("'repeat'", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
    if (index == 0) {
      if (y_.is_scalar() && y_.plain() && y_.scalar() == "forever") {
        times = -1;
        y_.next();
      } else {
        times = read_int(key, 0, std::numeric_limits<std::int64_t>::max(), "a whole number or 'forever'");
      }
    } else {
      ++scope_.loops;
      body = read_program(depth + 1, "program");
      --scope_.loops;
      have_body = true;
    }
  });
  if (times == -2) y_.fail(at, "'repeat' needs 'times' (a number or 'forever')");
  if (!have_body) y_.fail(at, "'repeat' needs a 'program'");
  return Step{Op::Repeat, 0, 0, body, times};
}

Step SchemaReader::read_if(std::string_view key, std::size_t depth) {
  const SourcePos at = y_.pos();
  IfSpec spec;
  bool have_cond = false, have_then = false;
  static constexpr std::array<std::string_view, 3> kKeys{"cond", "then", "else"};
  read_mapping("'if'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
    switch (index) {
      case 0:
        spec.condition = read_condition(k);
        have_cond = true;
        break;
      case 1:
        spec.then_program = read_program(depth + 1, k);
        have_then = true;
        break;
      case 2: spec.else_program = read_program(depth + 1, k); break;
    }
  });
  if (!have_cond) y_.fail(at, fmt::format("'{}' needs a 'cond'", key));
  if (!have_then) y_.fail(at, fmt::format("'{}' needs a 'then' program", key));
  w_.ifs.push_back(spec);
  return Step{Op::If, 0, 0, static_cast<std::uint32_t>(w_.ifs.size() - 1), 0};
}

Step SchemaReader::read_break_if(std::string_view key, SourcePos key_at) {
  if (scope_.loops == 0)
    y_.fail(key_at, "'break_if' must be inside a 'repeat' of the same program (it leaves the innermost repeat)");
  return Step{Op::BreakIf, 0, 0, read_condition(key), 0};
}

Step SchemaReader::read_call(std::string_view key) {
  const SourcePos at = y_.pos();
  const std::uint32_t name = program_name_id(name_text(key));
  y_.next();
  notes_.has_calls = true;
  if (scope_.context == kRelative) notes_.named[scope_.named].calls.push_back(NameUse{name, at});
  else
    notes_.program_uses.push_back(
        SchemaNotes::ProgramUse{SchemaNotes::ProgramUse::Where::Call, 0, 0, name, scope_.context, at});
  return Step{Op::Call, 0, 0, name, 0};  // ref: the name until resolve_workload()
}

void SchemaReader::read_named_programs() {
  read_table("programs", "names to lists of steps", [&](const std::string& name, SourcePos at) {
    const auto n = static_cast<std::uint32_t>(notes_.named.size());
    notes_.named.emplace_back();
    notes_.named[n].pos = at;
    const std::uint32_t program = read_scope(1, name, Scope{kRelative, n, 0});
    w_.named_programs.emplace_back(name, program);
  });
}

}  // namespace schedlab::detail
