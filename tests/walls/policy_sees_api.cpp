// The control for policy_sees_kernel.cpp: the same shape of file, using only what a policy
// may see, compiles with the policy API's include directory alone.
#include <schedlab/plugin.hpp>
#include <schedlab/policies/ready_fifo.hpp>
#include <schedlab/policy.hpp>

int schedlab_wall_control() { return schedlab::kPolicyApiVersion; }
