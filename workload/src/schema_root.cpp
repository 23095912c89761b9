// The workload file's stream, document and root mapping: name, cpus, limits and costs are
// read here; each table (processes, declarations, programs) is read by its own file.
#include "schema_primitives.hpp"
#include "schema_reader.hpp"

namespace schedlab::detail {

void SchemaReader::read() {
  y_.expect(YAML_STREAM_START_EVENT, "a YAML stream");
  if (y_.type() == YAML_STREAM_END_EVENT)
    y_.fail(SourcePos{1, 1}, "the file is empty: expected a mapping with a 'processes' list");
  y_.expect(YAML_DOCUMENT_START_EVENT, "a YAML document");
  if (y_.type() != YAML_MAPPING_START_EVENT)
    y_.fail(fmt::format("expected a mapping with a 'processes' list, got {}", describe(y_)));
  read_root();
  if (stopped_) return;
  y_.expect(YAML_DOCUMENT_END_EVENT, "the end of the document");
  if (y_.type() != YAML_STREAM_END_EVENT) y_.fail("only one YAML document per workload file");
}

void SchemaReader::read_root() {
  const SourcePos root = y_.pos();
  bool have_processes = false;
  static constexpr std::array<std::string_view, 13> kKeys{"name",     "cpus",   "processes", "shared",
                                                          "locks",    "semaphores", "events", "queues",
                                                          "programs", "limits", "costs",     "horizon",
                                                          "on_miss"};
  read_mapping("the workload", kKeys, [&](std::size_t index, std::string_view key, SourcePos at) {
    root_keys_.emplace_back(std::string(key), at);
    switch (index) {
      case 0: w_.name = read_string(key); break;
      case 1: w_.cpus = static_cast<std::uint32_t>(read_int(key, 1, limits_.max_cpus, "a whole number of CPUs")); break;
      case 2:
        read_processes();
        have_processes = true;
        break;
      case 3: read_shared(); break;
      case 4: read_list(key, "locks", [&] { read_lock_decl(); }); break;
      case 5: read_list(key, "semaphores", [&] { read_semaphore_decl(); }); break;
      case 6: read_list(key, "events", [&] { read_event_decl(); }); break;
      case 7: read_list(key, "queues", [&] { read_queue_decl(); }); break;
      case 8: read_named_programs(); break;
      case 9: read_limits(); break;
      case 10: read_costs(); break;
      case 11: w_.horizon = read_ticks(key, 1); break;
      case 12: {
        static constexpr std::array<std::string_view, 2> kWords{"continue", "abort"};
        w_.on_miss = read_word(key, kWords) == 0 ? OnMiss::Continue : OnMiss::Abort;
        break;
      }
    }
  });
  if (!have_processes && !stopped_) y_.fail(root, "the workload has no 'processes' list");
}

void SchemaReader::read_limits() {
  static constexpr std::array<std::string_view, 1> kKeys{"max_processes"};
  read_mapping("'limits'", kKeys, [&](std::size_t, std::string_view key, SourcePos) {
    w_.max_processes = static_cast<std::size_t>(read_int(key, 1, 1'000'000'000, "a whole number of processes"));
  });
}

void SchemaReader::read_costs() {
  static constexpr std::array<std::string_view, 2> kKeys{"fork", "thread_create"};
  read_mapping("'costs'", kKeys, [&](std::size_t index, std::string_view key, SourcePos) {
    (index == 0 ? w_.fork_cost : w_.thread_cost) = read_ticks(key, 0);
  });
}

void read_workload(YamlCursor& cursor, const LoadLimits& limits, Workload& out, NameIndex& names, SchemaNotes& notes,
                   const StopAt& stop, SchemaResult* result) {
  SchemaReader reader(cursor, limits, out, names, notes, stop);
  reader.read();
  if (result != nullptr) {
    result->root_keys = reader.root_keys();
    result->stopped = reader.stopped();
    result->reached_stop = reader.reached_stop();
  }
}

}  // namespace schedlab::detail
