#include <schedlab/lab/sweep_runner.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include <schedlab/lab/interrupt.hpp>
#include <schedlab/lab/progress_bar.hpp>
#include <schedlab/lab/simulate.hpp>
#include <schedlab/report/compare_report.hpp>
#include <schedlab/report/sweep_checkpoint.hpp>

namespace schedlab::lab {

using report::CellResult;
using report::SweepOptions;
using report::SweepResults;
using report::make_cell_result;

namespace {

// Generated workloads are made on demand and dropped once the last run that uses them
// is done. Cells are started grouped by (workload, seed), so about `jobs` of them are
// alive at a time, however many seeds the sweep has.
class WorkloadCache {
 public:
  std::shared_ptr<const Workload> acquire(std::uint64_t key, std::uint64_t uses,
                                          const std::function<std::shared_ptr<const Workload>()>& make) {
    std::unique_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      std::shared_future<std::shared_ptr<const Workload>> ready = it->second.workload;
      lock.unlock();
      return ready.get();
    }
    std::promise<std::shared_ptr<const Workload>> promise;
    entries_.emplace(key, Entry{promise.get_future().share(), uses});
    lock.unlock();
    try {
      std::shared_ptr<const Workload> w = make();
      promise.set_value(w);
      return w;
    } catch (...) {
      promise.set_exception(std::current_exception());
      throw;
    }
  }
  void release(std::uint64_t key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && --it->second.uses_left == 0) entries_.erase(it);
  }

 private:
  struct Entry {
    std::shared_future<std::shared_ptr<const Workload>> workload;
    std::uint64_t uses_left;
  };
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, Entry> entries_;
};

}  // namespace

unsigned resolve_jobs(unsigned jobs) {
  if (jobs > 0) return jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& fn) {
  jobs = static_cast<unsigned>(std::min<std::size_t>(resolve_jobs(jobs), std::max<std::size_t>(n, 1)));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::size_t error_index = n;
  std::exception_ptr error;
  auto worker = [&] {
    for (;;) {
      if (failed.load()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= n) return;
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (i < error_index) {
          error_index = i;
          error = std::current_exception();
        }
        failed.store(true);
      }
    }
  };
  if (jobs <= 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    threads.reserve(jobs);
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
  }
  if (error) std::rethrow_exception(error);
}

SweepResults sweep_skeleton(const SweepPlan& plan) {
  SweepResults r;
  for (const WorkloadSource& w : plan.workloads) r.workloads.push_back({w.label(), w.spec()});
  for (const PolicyConfig& p : plan.policies) r.policies.push_back({p.label, p.canonical});
  r.seeds = plan.seeds;
  r.options = SweepOptions{plan.config.cpus, plan.config.until, plan.config.max_events};
  r.shard = plan.shard;
  return r;
}

SweepResults run_sweep(const SweepPlan& plan, unsigned jobs, std::ostream& err, bool progress,
                       report::SweepCheckpoint* checkpoint) {
  SweepResults results = sweep_skeleton(plan);
  const std::size_t P = plan.policies.size(), S = plan.seeds.size();
  // Cells a checkpoint already holds are not run again; their records join the output.
  std::vector<CellResult> saved = checkpoint ? checkpoint->saved() : std::vector<CellResult>{};
  std::vector<bool> is_saved(checkpoint ? results.cell_count() : 0, false);
  for (const CellResult& c : saved) is_saved[c.cell] = true;
  std::uint64_t in_shard = 0;

  // This shard's cells in the order they are started: by workload, then seed, then policy,
  // so the runs sharing a generated workload are next to each other.
  std::vector<std::uint64_t> order;
  for (std::size_t w = 0; w < plan.workloads.size(); ++w)
    for (std::size_t s = 0; s < S; ++s)
      for (std::size_t p = 0; p < P; ++p) {
        const std::uint64_t cell = results.cell_of(w, p, s);
        if (!plan.shard.holds(cell)) continue;
        ++in_shard;
        if (!checkpoint || !is_saved[cell]) order.push_back(cell);
      }
  // How many started cells share each (workload, seed): runs of equal keys in `order`.
  std::unordered_map<std::uint64_t, std::uint64_t> uses;
  for (std::uint64_t cell : order) ++uses[cell / (P * S) * S + cell % S];

  std::vector<CellResult> slots(order.size());
  WorkloadCache cache;
  std::atomic<std::uint64_t> finished{0};
  struct Stop {};  // thrown by a worker that sees Ctrl-C, so no new run starts
  try {
    ProgressBar bar(err, progress && ProgressBar::stderr_is_terminal(err), order.size(), "runs");
    parallel_for(order.size(), jobs, [&](std::size_t i) {
      if (interrupted()) throw Stop{};
      const std::uint64_t cell = order[i];
      const std::size_t w = results.workload_of(cell), p = results.policy_of(cell), s = results.seed_of(cell);
      const WorkloadSource& source = plan.workloads[w];
      const std::uint64_t seed = plan.seeds[s];
      const std::uint64_t key = static_cast<std::uint64_t>(w) * S + s;
      std::shared_ptr<const Workload> workload =
          source.varies_with_seed() ? cache.acquire(key, uses.at(key), [&] { return source.for_seed(seed); })
                                    : source.for_seed(seed);
      KernelConfig config = plan.config;
      config.seed = seed;
      const RunResult r = simulate(*workload, plan.policies[p], config);
      workload.reset();
      if (source.varies_with_seed()) cache.release(key);
      slots[i] = make_cell_result(cell, r);
      if (checkpoint) checkpoint->record(slots[i]);
      finished.fetch_add(1);
      bar.advance();
    });
  } catch (const Stop&) {
  }
  if (interrupted()) {
    const std::uint64_t done = finished.load() + saved.size();
    throw Interrupted(fmt::format("interrupted after {} of {} runs", done, in_shard), done, in_shard);
  }
  slots.insert(slots.end(), std::make_move_iterator(saved.begin()), std::make_move_iterator(saved.end()));
  std::sort(slots.begin(), slots.end(), [](const CellResult& a, const CellResult& b) { return a.cell < b.cell; });
  results.results = std::move(slots);
  return results;
}

}  // namespace schedlab::lab
