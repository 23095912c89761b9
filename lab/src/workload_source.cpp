#include <schedlab/lab/workload_source.hpp>

#include <algorithm>
#include <fmt/format.h>

#include <schedlab/workload_loader.hpp>

namespace schedlab::lab {

WorkloadSource WorkloadSource::open(const std::string& spec) {
  WorkloadSource s;
  s.spec_ = spec;
  s.label_ = spec;
  if (spec.rfind("gen:", 0) == 0) {
    bool pinned = false;
    s.generator_ = parse_generator_spec(spec.substr(4), &pinned);
    if (pinned) s.fixed_ = std::make_shared<const Workload>(generate_workload(*s.generator_, spec));
    return s;
  }
  s.fixed_ = std::make_shared<const Workload>(load_workload_file(spec));
  if (!s.fixed_->name.empty()) s.label_ = s.fixed_->name;
  return s;
}

WorkloadSource WorkloadSource::of(std::shared_ptr<const Workload> workload, const std::string& spec) {
  WorkloadSource s;
  s.spec_ = spec;
  s.label_ = workload->name.empty() ? spec : workload->name;
  s.fixed_ = std::move(workload);
  return s;
}

std::shared_ptr<const Workload> WorkloadSource::for_seed(std::uint64_t seed) const {
  if (fixed_) return fixed_;
  GeneratorConfig config = *generator_;
  config.seed = seed;
  return std::make_shared<const Workload>(generate_workload(config, spec_));
}

}  // namespace schedlab::lab

namespace schedlab::lab {
void make_labels_unique(std::vector<WorkloadSource>& sources) {
  auto count = [&](const std::string& label) {
    std::size_t n = 0;
    for (const WorkloadSource& s : sources) n += s.label() == label;
    return n;
  };
  for (WorkloadSource& s : sources)
    if (count(s.label()) > 1) s.set_label(s.spec());
  std::vector<std::string> labels;
  for (const WorkloadSource& s : sources) labels.push_back(s.label());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const std::size_t seen = 1 + static_cast<std::size_t>(std::count(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(i), labels[i]));
    if (seen > 1) sources[i].set_label(fmt::format("{} ({})", labels[i], seen));
  }
}
}  // namespace schedlab::lab
