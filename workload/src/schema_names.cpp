// Numbering the names a file uses as they first appear: strings (task and coroutine
// names, targets, messages), variables, locks, semaphores, events, queues and program
// names. A new name is appended to its table, with an empty note where the table has
// notes; semaphores and queues also keep their first use, for "unknown ..." errors.
#include "schema_reader.hpp"

namespace schedlab::detail {

namespace {

// Find `name` in `ids`, or give it the next number; true when it is new.
std::pair<std::uint32_t, bool> intern(IdMap& ids, std::string_view name, std::size_t next) {
  if (const auto it = ids.find(name); it != ids.end()) return {it->second, false};
  const auto id = static_cast<std::uint32_t>(next);
  ids.emplace(std::string(name), id);
  return {id, true};
}

}  // namespace

std::uint32_t SchemaReader::string_id(std::string_view s) {
  const auto [id, added] = intern(string_ids_, s, w_.strings.size());
  if (added) w_.strings.emplace_back(s);
  return id;
}

std::uint32_t SchemaReader::variable_id(std::string_view name) {
  const auto [id, added] = intern(variable_ids_, name, w_.variables.size());
  if (added) {
    w_.variables.push_back(VariableDecl{std::string(name), false, 0});
    notes_.variables.emplace_back();
  }
  return id;
}

std::uint32_t SchemaReader::lock_id(std::string_view name) {
  const auto [id, added] = intern(lock_ids_, name, w_.locks.size());
  if (added) {
    w_.locks.push_back(LockDecl{std::string(name), false, false});
    notes_.locks.emplace_back();
  }
  return id;
}

std::uint32_t SchemaReader::semaphore_id(std::string_view name, SourcePos used) {
  const auto [id, added] = intern(semaphore_ids_, name, w_.semaphores.size());
  if (added) {
    w_.semaphores.push_back(SemaphoreDecl{std::string(name), 0});
    notes_.semaphores.emplace_back();
  }
  keep_first(notes_.semaphores[id].used, used);
  return id;
}

std::uint32_t SchemaReader::event_id(std::string_view name) {
  const auto [id, added] = intern(event_ids_, name, w_.events.size());
  if (added) w_.events.push_back(EventDecl{std::string(name)});
  return id;
}

std::uint32_t SchemaReader::queue_id(std::string_view name, SourcePos used) {
  const auto [id, added] = intern(queue_ids_, name, w_.queues.size());
  if (added) {
    w_.queues.push_back(QueueDecl{std::string(name), 0, QueueOrder::Fifo});
    notes_.queues.emplace_back();
  }
  keep_first(notes_.queues[id].used, used);
  return id;
}

std::uint32_t SchemaReader::program_name_id(std::string_view name) {
  const auto [id, added] = intern(program_name_ids_, name, notes_.program_names.size());
  if (added) notes_.program_names.emplace_back(name);
  return id;
}

}  // namespace schedlab::detail
