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
  policies::register_edf(r);  // real-time: not in the compare set (they need periodic tasks)
  policies::register_rm(r);
  policies::register_dm(r);
  policies::register_fp(r);
  policies::register_llf(r);
}

std::vector<std::string> builtin_compare_set() {
  return {"fcfs", "sjf", "srtf", "rr", "priority", "priority:preemptive=1", "mlfq", "lottery", "stride", "cfs", "steal"};
}

}  // namespace schedlab
