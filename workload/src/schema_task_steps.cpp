// The steps about tasks: ending one (fail and fault; exit is read_step's own), processes
// (fork, kill, wait), threads (thread, join) and coroutines (coroutines, switch,
// await_io). The names they target are checked once the whole file is read.
#include <schedlab/syscalls.hpp>

#include "schema_primitives.hpp"
#include "schema_reader.hpp"

namespace schedlab::detail {

Step SchemaReader::read_fail(std::string_view key) {
  const SourcePos at = y_.pos();
  std::uint32_t message = UINT32_MAX;
  std::int64_t code = 1;
  if (y_.is_scalar()) {
    message = string_id(name_text(key));
    y_.next();
  } else {
    static constexpr std::array<std::string_view, 2> kKeys{"message", "code"};
    read_mapping("'fail'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      if (index == 0) {
        message = string_id(name_text(k));
        y_.next();
      } else {
        code = read_int(k, 1, 255, "an exit code from 1 to 255");
      }
    });
    if (message == UINT32_MAX) y_.fail(at, "'fail' needs a 'message'");
  }
  return Step{Op::Fail, 0, 0, message, code};
}

Step SchemaReader::read_fault(std::string_view key) {
  static constexpr std::array<std::string_view, 3> kFaults{"segv", "div0", "illegal"};
  static constexpr std::array<std::int64_t, 3> kSignals{kSigSegv, kSigFpe, kSigIll};
  return Step{Op::Fault, 0, 0, 0, kSignals[read_word(key, kFaults)]};
}

Step SchemaReader::read_spawn(Op op, std::string_view key, std::size_t depth) {
  const SourcePos at = y_.pos();
  const bool fork = op == Op::Fork;
  if (y_.type() != YAML_MAPPING_START_EVENT)
    y_.fail(fmt::format("'{}' expects {{name: ..., program: [...]}}, got {}", key, describe(y_)));
  const auto spawn = static_cast<std::uint32_t>(w_.spawns.size());
  w_.spawns.emplace_back();  // nested spawns come after this one
  SpawnSpec spec;
  bool named = false, have_program = false;
  static constexpr std::array<std::string_view, 3> kKeys{"name", "program", "daemon"};
  read_mapping(fmt::format("'{}'", key), kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
    switch (index) {
      case 0:
        spec.name = string_id(name_text(k));
        y_.next();
        named = true;
        break;
      case 1:
        spec.program = read_body(depth + 1, k, kTaskContext, SchemaNotes::ProgramUse::Where::Spawn, spawn, 0);
        have_program = true;
        break;
      case 2: spec.daemon = read_bool(k); break;
    }
  });
  if (!named) y_.fail(at, fmt::format("'{}' needs a 'name'", key));
  if (!have_program) y_.fail(at, fmt::format("'{}' needs a 'program'", key));
  w_.spawns[spawn] = spec;
  (fork ? notes_.fork_names : notes_.thread_names).push_back(spec.name);
  return Step{op, 0, 0, spawn, 0};
}

Step SchemaReader::read_kill(std::string_view key) {
  const SourcePos at = y_.pos();
  std::int64_t signal = kSigTerm;
  std::uint32_t target = UINT32_MAX;
  if (y_.is_scalar()) {
    target = string_id(name_text(key));
    notes_.kill_targets.push_back(NameUse{target, at});
    y_.next();
  } else {
    static constexpr std::array<std::string_view, 2> kKeys{"target", "signal"};
    static constexpr std::array<std::string_view, 2> kSignals{"TERM", "KILL"};
    read_mapping("'kill'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      if (index == 0) {
        target = string_id(name_text(k));
        notes_.kill_targets.push_back(NameUse{target, y_.pos()});
        y_.next();
      } else {
        signal = read_word(k, kSignals) == 0 ? kSigTerm : kSigKill;
      }
    });
    if (target == UINT32_MAX) y_.fail(at, "'kill' needs a 'target'");
  }
  return Step{Op::Kill, 0, 0, target, signal};
}

Step SchemaReader::read_wait(std::string_view key) {
  WaitSpec spec;
  auto target = [&](std::string_view name, SourcePos at) {
    if (name == "any") {
      spec.target = WaitSpec::Target::Any;
    } else if (name == "children") {
      spec.target = WaitSpec::Target::Children;
    } else {
      spec.target = WaitSpec::Target::Name;
      spec.name = string_id(name);
      notes_.wait_targets.push_back(NameUse{spec.name, at});
    }
  };
  spec.timeout = read_named(key, "target", true, target);
  w_.waits.push_back(spec);
  return Step{Op::Wait, 0, 0, static_cast<std::uint32_t>(w_.waits.size() - 1), 0};
}

Step SchemaReader::read_join(std::string_view key) {
  std::uint32_t name = 0;
  const Ticks timeout = read_named(key, "thread", true, [&](std::string_view n, SourcePos at) {
    name = string_id(n);
    notes_.join_targets.push_back(NameUse{name, at});
  });
  return Step{Op::Join, 0, 0, name, timeout};
}

Step SchemaReader::read_coroutines(std::string_view key, SourcePos key_at, std::size_t depth) {
  if (scope_.context == kRelative) keep_first(notes_.named[scope_.named].coroutines, key_at);
  else if (scope_.context != kTaskContext)
    y_.fail(key_at, "'coroutines' cannot be nested inside a coroutine (start them from a thread's own program)");
  const auto group = static_cast<std::uint32_t>(w_.coroutine_groups.size());
  w_.coroutine_groups.emplace_back();  // groups nested in its coroutines' forks come after
  notes_.group_pos.push_back(key_at);
  std::vector<CoroutineGroup::Member> members;
  std::vector<std::pair<std::string, SourcePos>> names;
  read_list(key, "coroutines ({name: ..., program: [...]})", [&] {
    const SourcePos at = y_.pos();
    CoroutineGroup::Member m;
    bool named = false, have_program = false;
    static constexpr std::array<std::string_view, 2> kKeys{"name", "program"};
    read_mapping("a coroutine", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      if (index == 0) {
        const SourcePos name_at = y_.pos();
        const std::string_view name = name_text(k);
        for (const auto& [other, other_at] : names)
          if (other == name)
            y_.fail(name_at, fmt::format("duplicate coroutine name '{}' (first used at line {})", name, other_at.line));
        names.emplace_back(std::string(name), name_at);
        m.name = string_id(name);
        y_.next();
        named = true;
      } else {
        m.program = read_body(depth + 1, k, group + 1, SchemaNotes::ProgramUse::Where::Member, group,
                              static_cast<std::uint32_t>(members.size()));
        have_program = true;
      }
    });
    if (!named) y_.fail(at, "a coroutine needs a 'name'");
    if (!have_program) y_.fail(at, fmt::format("coroutine '{}' needs a 'program'", names.back().first));
    members.push_back(m);
  });
  if (members.empty()) y_.fail(key_at, "'coroutines' is empty: name at least one coroutine");
  w_.coroutine_groups[group].members = std::move(members);
  return Step{Op::Coroutines, 0, 0, group, 0};
}

Step SchemaReader::read_switch(std::string_view key, SourcePos key_at) {
  coroutine_only(key, key_at);
  const SourcePos at = y_.pos();
  const std::uint32_t name = string_id(name_text(key));
  y_.next();
  if (scope_.context == kRelative) notes_.named[scope_.named].switches.push_back(NameUse{name, at});
  else notes_.switches.push_back(SchemaNotes::Switch{scope_.context - 1, NameUse{name, at}});
  return Step{Op::Switch, 0, 0, name, 0};
}

Step SchemaReader::read_await_io(std::string_view key, SourcePos key_at) {
  coroutine_only(key, key_at);
  if (scope_.context == kRelative) keep_first(notes_.named[scope_.named].await_io, key_at);
  return Step{Op::AwaitIo, 0, 0, 0, read_ticks(key, 1)};
}

void SchemaReader::coroutine_only(std::string_view key, SourcePos key_at) {
  if (scope_.context == kTaskContext)
    y_.fail(key_at, fmt::format("'{}' is only allowed in the program of a coroutine", key));
}

}  // namespace schedlab::detail
