// Where a compared workload comes from: a workload file (the same for every seed) or a
// generator spec `gen:key=value,...` (a new workload per seed: the generator's seed is
// the run's seed, unless the spec pins it with seed=S). See docs/cli.md, "Workloads and
// seeds".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <schedlab/workload.hpp>

#include <schedlab/lab/workload_generator.hpp>

namespace schedlab::lab {

class WorkloadSource {
 public:
  // Loads a file now (so a bad file fails before any run); a gen: spec is only parsed.
  static WorkloadSource open(const std::string& spec);
  // A workload already in memory (the Python module's Workload objects), under `spec`.
  static WorkloadSource of(std::shared_ptr<const Workload> workload, const std::string& spec);

  const std::string& spec() const { return spec_; }
  // The workload's `name:` for a file that has one, else the spec.
  const std::string& label() const { return label_; }
  void set_label(std::string label) { label_ = std::move(label); }
  // A new workload for every seed (a gen: spec without its own seed).
  bool varies_with_seed() const { return generator_.has_value() && !fixed_; }
  // The workload a run with this seed uses.
  std::shared_ptr<const Workload> for_seed(std::uint64_t seed) const;

 private:
  std::string spec_;
  std::string label_;
  std::optional<GeneratorConfig> generator_;
  std::shared_ptr<const Workload> fixed_;
};

}  // namespace schedlab::lab

namespace schedlab::lab {
// Two sources with the same label (two files named alike) are told apart by their spec,
// and a source given twice gets " (2)", " (3)", ...
void make_labels_unique(std::vector<WorkloadSource>& sources);
}  // namespace schedlab::lab
