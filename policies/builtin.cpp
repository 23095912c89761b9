#include "builtin.hpp"

namespace schedlab {

void register_builtin_policies(PolicyRegistrar& r) {
  policies::register_fcfs(r);
  policies::register_sjf(r);
  policies::register_srtf(r);
  policies::register_round_robin(r);
  policies::register_priority(r);
  policies::register_mlfq(r);
  policies::register_lottery(r);
  policies::register_stride(r);
  policies::register_cfs(r);
  policies::register_work_stealing(r);
  policies::register_random(r);  // exploration only: not in the compare set
  policies::register_pct(r);
}

std::vector<std::string> builtin_compare_set() {
  return {"fcfs", "sjf", "srtf", "rr", "priority", "priority:preemptive=1", "mlfq", "lottery", "stride", "cfs", "steal"};
}

}  // namespace schedlab
