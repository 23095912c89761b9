// Simulation speed, without the loader and the output: kernel events per second for each
// policy on a seeded workload of N processes (Poisson arrivals, exponential CPU bursts,
// a third of the processes alternating CPU and I/O), built in memory.
//
//   build/release/bench/kernel_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/kernel.hpp>
#include <schedlab/policy_registry.hpp>

#include "huge_pages.hpp"

namespace {

using namespace schedlab;

// Exponential variate with the given mean, from raw 64-bit draws (std:: distributions
// are implementation-defined; this is the same everywhere).
Ticks exponential(std::mt19937_64& rng, double mean) {
  const double u = (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
  return std::max<Ticks>(1, static_cast<Ticks>(-mean * std::log(u)));
}

Workload make_workload(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Workload w;
  w.name = "bench";
  // As load_workload_file() does (kernel/src/huge_pages.hpp): otherwise the figures
  // would measure TLB misses the CLI does not have.
  detail::reserve_on_huge_pages(w.processes, n);
  detail::reserve_on_huge_pages(w.programs, n);
  detail::reserve_on_huge_pages(w.steps, 3 * n);
  Ticks t = 0;
  std::vector<Step> program;
  for (std::size_t i = 0; i < n; ++i) {
    t += exponential(rng, 10.0) - 1;
    program.clear();
    if (rng() % 3 == 0) {
      for (int k = 0; k < 3; ++k) {
        program.push_back(cpu_step(exponential(rng, 8.0)));
        program.push_back(io_step(exponential(rng, 20.0)));
      }
      program.push_back(cpu_step(exponential(rng, 8.0)));
    } else {
      program.push_back(cpu_step(exponential(rng, 9.0)));
    }
    w.add_process("p" + std::to_string(i), t, program);
  }
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
