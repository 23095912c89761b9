// The steps that synchronise tasks: lock, unlock, rlock and runlock; acquire and release
// (semaphores); event_set, event_clear and event_wait; put, get, task_done and
// join_queue (queues). (load, add, store and print are one line each, in read_other_step.)
// How a lock is used is noted here and checked against its declaration at the end.
#include "schema_primitives.hpp"
#include "schema_reader.hpp"

namespace schedlab::detail {

Step SchemaReader::read_lock_step(Op op, std::string_view key) {
  const bool reentrant = op == Op::RLock || op == Op::RUnlock;
  const bool unlock = op == Op::Unlock || op == Op::RUnlock;
  const SourcePos at = y_.pos();
  std::uint32_t id = UINT32_MAX;
  SourcePos use{};
  SourcePos inherit{}, none{};
  if (y_.is_scalar()) {
    id = lock_id(name_text(key));
    use = at;
    y_.next();
  } else {
    if (unlock) y_.fail(fmt::format("'{}' expects a lock name, got {}", key, describe(y_)));
    static constexpr std::array<std::string_view, 2> kKeys{"name", "protocol"};
    read_mapping(fmt::format("'{}'", key), kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      const SourcePos value_at = y_.pos();
      if (index == 0) {
        id = lock_id(name_text(k));
        use = value_at;
        y_.next();
      } else if (read_protocol(k)) {
        inherit = value_at;
      } else {
        none = value_at;
      }
    });
    if (id == UINT32_MAX) y_.fail(at, fmt::format("'{}' needs a 'name'", key));
  }
  SchemaNotes::Lock& n = notes_.locks[id];
  SourcePos& kind = reentrant ? n.reentrant : n.plain;
  if (kind.line == 0) {
    kind = use;
    (reentrant ? n.reentrant_unlock : n.plain_unlock) = unlock;
  }
  keep_first(n.inherit, inherit);
  keep_first(n.none, none);
  return Step{op, 0, 0, id, 0};
}

Step SchemaReader::read_semaphore_step(Op op, std::string_view key) {
  std::uint32_t id = 0;
  const bool acquire = op == Op::Acquire;
  const Ticks timeout = read_named(key, "name", acquire, [&](std::string_view n, SourcePos at) {
    id = semaphore_id(n, at);
  });
  return Step{op, 0, 0, id, acquire ? timeout : 0};
}

Step SchemaReader::read_event_step(Op op, std::string_view key) {
  std::uint32_t id = 0;
  const bool wait = op == Op::EventWait;
  const Ticks timeout = read_named(key, "name", wait, [&](std::string_view n, SourcePos) { id = event_id(n); });
  return Step{op, 0, 0, id, wait ? timeout : 0};
}

Step SchemaReader::read_put(std::string_view key) {
  const SourcePos at = y_.pos();
  PutSpec spec;
  bool have_queue = false, have_item = false;
  static constexpr std::array<std::string_view, 3> kKeys{"queue", "item", "timeout"};
  read_mapping("'put'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
    const SourcePos value_at = y_.pos();
    switch (index) {
      case 0:
        spec.queue = queue_id(name_text(k), value_at);
        y_.next();
        have_queue = true;
        break;
      case 1:
        if (!y_.is_scalar() || y_.scalar().empty())
          y_.fail(fmt::format("'item' expects a whole number, a variable name or 'register', got {}", describe(y_)));
        spec.item = operand(k, y_.scalar(), y_.plain(), value_at);
        y_.next();
        have_item = true;
        break;
      case 2: spec.timeout = read_timeout(); break;
    }
  });
  if (!have_queue) y_.fail(at, fmt::format("'{}' needs a 'queue'", key));
  if (!have_item) y_.fail(at, fmt::format("'{}' needs an 'item'", key));
  w_.puts.push_back(spec);
  return Step{Op::Put, 0, 0, static_cast<std::uint32_t>(w_.puts.size() - 1), 0};
}

Step SchemaReader::read_get(std::string_view key) {
  const SourcePos at = y_.pos();
  GetSpec spec;
  spec.into.kind = Operand::Kind::Register;
  if (y_.is_scalar()) {
    spec.queue = queue_id(name_text(key), at);
    y_.next();
  } else {
    bool have_queue = false;
    static constexpr std::array<std::string_view, 3> kKeys{"queue", "timeout", "into"};
    read_mapping("'get'", kKeys, [&](std::size_t index, std::string_view k, SourcePos) {
      switch (index) {
        case 0:
          spec.queue = queue_id(name_text(k), y_.pos());
          y_.next();
          have_queue = true;
          break;
        case 1: spec.timeout = read_timeout(); break;
        case 2:
          if (y_.is_scalar() && y_.scalar() == "register") {
            y_.next();
          } else {
            spec.into.kind = Operand::Kind::Variable;
            spec.into.variable = read_variable(k, true);
          }
          break;
      }
    });
    if (!have_queue) y_.fail(at, "'get' needs a 'queue'");
  }
  w_.gets.push_back(spec);
  return Step{Op::Get, 0, 0, static_cast<std::uint32_t>(w_.gets.size() - 1), 0};
}

Step SchemaReader::read_queue_step(Op op, std::string_view key) {
  std::uint32_t id = 0;
  const bool join = op == Op::JoinQueue;
  const Ticks timeout = read_named(key, "name", join, [&](std::string_view n, SourcePos at) { id = queue_id(n, at); });
  return Step{op, 0, 0, id, join ? timeout : 0};
}

}  // namespace schedlab::detail
