#include "workload_catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <schedlab/workload_loader.hpp>

namespace schedlab::gui {

namespace fs = std::filesystem;

std::string find_workloads_dir(const std::string& argv0) {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("SCHEDLAB_WORKLOADS"); env && *env) candidates.emplace_back(env);
  candidates.emplace_back("workloads");
  std::error_code ec;
  const fs::path exe = fs::canonical("/proc/self/exe", ec);
  const fs::path bin = !ec ? exe.parent_path() : fs::path(argv0).parent_path();
  candidates.push_back(bin / "../share/schedlab/workloads");
  candidates.push_back(bin / "../../workloads");
#ifdef SCHEDLAB_SOURCE_DIR
  candidates.push_back(fs::path(SCHEDLAB_SOURCE_DIR) / "workloads");
#endif
  for (const fs::path& p : candidates)
    if (fs::is_directory(p, ec)) return fs::weakly_canonical(p, ec).string();
  return {};
}

std::vector<WorkloadEntry> list_workloads(const std::string& dir) {
  std::vector<WorkloadEntry> out;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string ext = it->path().extension().string();
    if (ext != ".yaml" && ext != ".yml") continue;
    out.push_back(WorkloadEntry{it->path().string(), fs::relative(it->path(), dir, ec).generic_string()});
  }
  std::sort(out.begin(), out.end(), [](const WorkloadEntry& a, const WorkloadEntry& b) { return a.display < b.display; });
  return out;
}

const char* builtin_example_yaml() {
  return R"(# Built-in example (shown when workloads/default.yaml is missing).
name: built-in example
cpus: 2
processes:
  - {name: editor,   arrival: 0,  priority: 1, program: [{cpu: 3}, {io: 6}, {cpu: 2}, {io: 5}, {cpu: 3}]}
  - {name: compiler, arrival: 0,  priority: 3, burst: 22}
  - {name: backup,   arrival: 2,  priority: 4, program: [{cpu: 4}, {io: 12}, {cpu: 6}]}
  - {name: shell,    arrival: 4,  priority: 0, program: [{cpu: 1}, {sleep: 7}, {cpu: 1}, {sleep: 7}, {cpu: 2}]}
  - {name: render,   arrival: 6,  priority: 2, burst: 14}
  - {name: logger,   arrival: 9,  priority: 2, program: [{cpu: 1}, {io: 3}, {cpu: 1}, {io: 3}, {cpu: 1}, {io: 3}, {cpu: 1}]}
)";
}

std::shared_ptr<const Workload> load_workload(const std::string& path) {
  if (path.empty()) return std::make_shared<const Workload>(load_workload_string(builtin_example_yaml(), "<built-in example>"));
  return std::make_shared<const Workload>(load_workload_file(path));
}

}  // namespace schedlab::gui
