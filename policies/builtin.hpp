// Registration functions of the built-in policies (one per policy file).
#pragma once

#include <schedlab/builtin_policies.hpp>
#include <schedlab/policy.hpp>

namespace schedlab::policies {

void register_fcfs(PolicyRegistrar& r);
void register_sjf(PolicyRegistrar& r);
void register_srtf(PolicyRegistrar& r);
void register_round_robin(PolicyRegistrar& r);
void register_priority(PolicyRegistrar& r);

}  // namespace schedlab::policies
