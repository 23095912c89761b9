// The workload-level declarations: `shared:` variables and their initial values, and
// the `locks:`, `semaphores:`, `events:` and `queues:` lists. A declaration may come
// before or after the steps that use the name; what it must agree with is noted here
// and checked by resolve_workload().
#include <limits>

#include "schema_primitives.hpp"
#include "schema_reader.hpp"

namespace schedlab::detail {

void SchemaReader::read_shared() {
  read_table("shared", "variable names to initial values", [&](const std::string& name, SourcePos at) {
    check_variable_name("shared", name, at);
    const std::uint32_t v = variable_id(name);
    notes_.variables[v].declared = at;
    w_.variables[v].shared = true;
    w_.variables[v].initial = read_int(name, std::numeric_limits<std::int64_t>::min(),
                                       std::numeric_limits<std::int64_t>::max(), "a whole number");
  });
}

void SchemaReader::read_lock_decl() {
  static constexpr std::array<std::string_view, 3> kKeys{"name", "protocol", "reentrant"};
  // Keys before `name` are applied once it is known: read them into locals first.
  const SourcePos at = y_.pos();
  std::uint32_t id = UINT32_MAX;
  SourcePos inherit{}, none{}, plain{}, reentrant{};
  auto declare = [&](std::string_view name, SourcePos name_at) {
    id = lock_id(name);
    if (lock_declared_.size() <= id) lock_declared_.resize(id + 1);
    if (lock_declared_[id].line != 0)
      y_.fail(name_at, fmt::format("lock '{}' is declared twice (first at line {})", name, lock_declared_[id].line));
    lock_declared_[id] = name_at;
  };
  if (y_.is_scalar()) {
    declare(name_text("locks"), at);
    y_.next();
    return;
  }
  read_mapping("a lock", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
    const SourcePos value_at = y_.pos();
    switch (index) {
      case 0:
        declare(name_text(key), value_at);
        y_.next();
        break;
      case 1:
        if (read_protocol(key)) inherit = value_at;
        else none = value_at;
        break;
      case 2:
        if (read_bool(key)) reentrant = value_at;
        else plain = value_at;
        break;
    }
  });
  if (id == UINT32_MAX) y_.fail(at, "a lock needs a 'name'");
  SchemaNotes::Lock& n = notes_.locks[id];
  keep_first(n.inherit, inherit);
  keep_first(n.none, none);
  keep_first(n.declared_plain, plain);
  keep_first(n.declared_reentrant, reentrant);
}

bool SchemaReader::read_protocol(std::string_view key) {
  static constexpr std::array<std::string_view, 2> kProtocols{"none", "inherit"};
  return read_word(key, kProtocols) == 1;
}

void SchemaReader::read_semaphore_decl() {
  static constexpr std::array<std::string_view, 2> kKeys{"name", "count"};
  const SourcePos at = y_.pos();
  if (y_.type() != YAML_MAPPING_START_EVENT)
    y_.fail(fmt::format("a semaphore is declared as {{name: S, count: N}}, got {}", describe(y_)));
  std::uint32_t id = UINT32_MAX;
  std::int64_t count = -1;
  read_mapping("a semaphore", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
    if (index == 0) {
      const SourcePos name_at = y_.pos();
      const std::string_view name = name_text(key);
      id = semaphore_id(name, SourcePos{});
      SourcePos& declared = notes_.semaphores[id].declared;
      if (declared.line != 0)
        y_.fail(name_at, fmt::format("semaphore '{}' is declared twice (first at line {})", name, declared.line));
      declared = name_at;
      y_.next();
    } else {
      count = read_int(key, 0, std::numeric_limits<std::int64_t>::max(), "a whole number");
    }
  });
  if (id == UINT32_MAX) y_.fail(at, "a semaphore needs a 'name'");
  if (count < 0) y_.fail(at, fmt::format("semaphore '{}' needs a 'count' (its initial value)", w_.semaphores[id].name));
  w_.semaphores[id].count = count;
}

void SchemaReader::read_event_decl() {
  static constexpr std::array<std::string_view, 1> kKeys{"name"};
  const SourcePos at = y_.pos();
  bool named = false;
  auto declare = [&](std::string_view name, SourcePos name_at) {
    const std::uint32_t id = event_id(name);
    if (event_declared_.size() <= id) event_declared_.resize(id + 1);
    if (event_declared_[id].line != 0)
      y_.fail(name_at, fmt::format("event '{}' is declared twice (first at line {})", name, event_declared_[id].line));
    event_declared_[id] = name_at;
    named = true;
  };
  if (y_.is_scalar()) {
    declare(name_text("events"), at);
    y_.next();
    return;
  }
  read_mapping("an event", kKeys, [&](std::size_t, std::string_view key, SourcePos) {
    declare(name_text(key), y_.pos());
    y_.next();
  });
  if (!named) y_.fail(at, "an event needs a 'name'");
}

void SchemaReader::read_queue_decl() {
  static constexpr std::array<std::string_view, 3> kKeys{"name", "capacity", "order"};
  static constexpr std::array<std::string_view, 3> kOrders{"fifo", "lifo", "priority"};
  const SourcePos at = y_.pos();
  std::uint32_t id = UINT32_MAX;
  std::int64_t capacity = 0;
  QueueOrder order = QueueOrder::Fifo;
  auto declare = [&](std::string_view name, SourcePos name_at) {
    id = queue_id(name, SourcePos{});
    SourcePos& declared = notes_.queues[id].declared;
    if (declared.line != 0)
      y_.fail(name_at, fmt::format("queue '{}' is declared twice (first at line {})", name, declared.line));
    declared = name_at;
  };
  if (y_.is_scalar()) {
    declare(name_text("queues"), at);
    y_.next();
  } else {
    read_mapping("a queue", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
      switch (index) {
        case 0:
          declare(name_text(key), y_.pos());
          y_.next();
          break;
        case 1: capacity = read_int(key, 0, std::numeric_limits<std::int64_t>::max(), "a whole number (0: unbounded)"); break;
        case 2: order = static_cast<QueueOrder>(read_word(key, kOrders)); break;
      }
    });
    if (id == UINT32_MAX) y_.fail(at, "a queue needs a 'name'");
  }
  w_.queues[id].capacity = capacity;
  w_.queues[id].order = order;
}

}  // namespace schedlab::detail
