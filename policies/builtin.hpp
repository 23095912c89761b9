// Registration functions of the built-in policies (one per policy file).
#pragma once

#include <schedlab/builtin_policy_list.hpp>
#include <schedlab/policy.hpp>

namespace schedlab::policies {

void register_fcfs(PolicyRegistrar& r);
void register_sjf(PolicyRegistrar& r);
void register_srtf(PolicyRegistrar& r);
void register_round_robin(PolicyRegistrar& r);
void register_priority(PolicyRegistrar& r);
void register_mlfq(PolicyRegistrar& r);
void register_lottery(PolicyRegistrar& r);
void register_stride(PolicyRegistrar& r);
void register_cfs(PolicyRegistrar& r);
void register_work_stealing(PolicyRegistrar& r);
void register_random(PolicyRegistrar& r);
void register_pct(PolicyRegistrar& r);
void register_edf(PolicyRegistrar& r);
void register_rm(PolicyRegistrar& r);
void register_dm(PolicyRegistrar& r);
void register_fp(PolicyRegistrar& r);
void register_llf(PolicyRegistrar& r);

}  // namespace schedlab::policies
