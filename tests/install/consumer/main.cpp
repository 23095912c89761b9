// Load a workload file, run it under rr, print "END_TIME PROCESSES API_VERSION".
#include <cstdio>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/kernel.hpp>
#include <schedlab/workload_loader.hpp>

static_assert(schedlab::kPolicyApiVersion == EXPECTED_API_VERSION, "the package's version is the headers'");

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const schedlab::Workload workload = schedlab::load_workload_file(argv[1]);
  schedlab::Kernel kernel(schedlab::KernelConfig{}, schedlab::builtin_registry().resolve("rr"));
  kernel.load(workload);
  const schedlab::RunResult result = kernel.run();
  std::printf("%lld %zu %d\n", static_cast<long long>(result.end_time), result.processes.size(),
              schedlab::kPolicyApiVersion);
  return 0;
}
