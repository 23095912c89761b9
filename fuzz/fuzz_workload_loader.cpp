// Fuzz target: the workload loader (libyaml events -> Workload, then the name checks).
// Any input must either load or be rejected with an InputError that names a position;
// nothing else may escape (a crash, a sanitizer report, another exception type).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <schedlab/errors.hpp>
#include <schedlab/workload_loader.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  schedlab::LoadLimits limits;
  limits.max_processes = 100'000;
  try {
    const schedlab::Workload w = schedlab::load_workload_string(text, "fuzz.yaml", limits);
    // What loaded must be usable: at least one process, every program in the arena.
    if (w.processes.empty()) std::abort();
    for (const schedlab::ProgramRef& p : w.programs)
      if (static_cast<std::size_t>(p.begin) + p.size > w.steps.size()) std::abort();
  } catch (const schedlab::InputError& e) {
    if (e.file() != "fuzz.yaml" || e.line() == 0) std::abort();  // every loader error has a position
    if (std::string_view(e.what()).empty()) std::abort();
  }
  return 0;
}
