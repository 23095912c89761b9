// Simulation speed, without the loader and the output: kernel events per second for each
// policy on the seeded workload of N processes `schedlab gen` makes (Poisson arrivals at
// 90% load, exponential CPU bursts, a third of the processes alternating CPU and I/O),
// built in memory.
//
//   build/release/bench/kernel_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <iterator>
#include <string>
#include <vector>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/kernel.hpp>
#include <schedlab/policy_registry.hpp>

#include <schedlab/detail/huge_pages.hpp>
#include <schedlab/lab/workload_generator.hpp>

namespace {

using namespace schedlab;

// The workload `schedlab gen -n N --io-share 0.33 --seed 1` writes (what bench/run_bench.sh
// times through the whole CLI), generated in memory, and moved onto huge pages as
// load_workload_file() puts a loaded one (kernel/src/huge_pages.hpp): otherwise the
// figures would measure TLB misses the CLI does not have.
template <typename T>
void move_onto_huge_pages(std::vector<T>& v) {
  std::vector<T> moved;
  detail::reserve_on_huge_pages(moved, v.size());
  moved.insert(moved.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
  v.swap(moved);
}

Workload make_workload(std::size_t n, std::uint64_t seed) {
  lab::GeneratorConfig config;
  config.processes = n;
  config.io_share = 0.33;
  config.seed = seed;
  Workload w = lab::generate_workload(config, "bench");
  move_onto_huge_pages(w.processes);
  move_onto_huge_pages(w.programs);
  move_onto_huge_pages(w.steps);
  return w;
}

const PolicyRegistry& registry() { return builtin_registry(); }

// Takes each process's metrics as `schedlab run` does (it streams them to its output)
// and keeps only a checksum, so the figures are the simulation's, not a table's.
struct ChecksumSink final : MetricsSink {
  std::int64_t sum = 0;
  void begin(const RunResult&) override {}
  void process(const ProcessMetrics& p) override { sum += p.completion; }
};

void BM_Simulate(benchmark::State& state, const std::string& spec) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Workload w = make_workload(n, 1);
  const PolicyConfig policy = registry().resolve(spec);
  std::uint64_t events = 0;
  ChecksumSink sink;
  KernelConfig config;
  config.metrics_sink = &sink;
  for (auto _ : state) {
    Kernel kernel(config, policy);
    kernel.load(w);
    const RunResult r = kernel.run();
    events += r.events;
    benchmark::DoNotOptimize(r.makespan);
    benchmark::DoNotOptimize(sink.sum);
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
}

void register_all() {
  for (const std::string& spec : builtin_compare_set()) {
    benchmark::RegisterBenchmark(("simulate/" + spec).c_str(), BM_Simulate, spec)
        ->Arg(10'000)
        ->Arg(100'000)
        ->Arg(1'000'000)
        ->Unit(benchmark::kMillisecond)
        ->MeasureProcessCPUTime()
        ->UseRealTime();
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
