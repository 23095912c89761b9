#include "builtin.hpp"

namespace schedlab {

void register_builtin_policies(PolicyRegistrar& r) {
  policies::register_fcfs(r);
  policies::register_sjf(r);
  policies::register_srtf(r);
  policies::register_round_robin(r);
  policies::register_priority(r);
}

std::vector<std::string> builtin_compare_set() {
  return {"fcfs", "sjf", "srtf", "rr", "priority", "priority:preemptive=1"};
}

}  // namespace schedlab
