// The process-wide pool of task threads (see real_worker_pool.hpp).
//
// Each worker owns a binary semaphore it parks on; handing it a job is: store the job,
// release the semaphore (which orders the store before the worker reads it). The pool's
// state lives in a shared_ptr that every worker holds, so a worker still busy at exit
// (a task the watchdog abandoned) never touches freed memory when it finally returns.
#include "real_worker_pool.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

namespace schedlab::real::detail {
namespace {

struct Worker {
  std::binary_semaphore start{0};
  std::function<void()> job;  // written before `start` is released
  bool quit = false;          // likewise
  std::thread thread;
};

struct PoolState {
  std::mutex mutex;
  std::vector<std::shared_ptr<Worker>> idle;  // parked, waiting for a job
  std::vector<std::shared_ptr<Worker>> all;   // every worker not yet gone
  bool closing = false;                       // the process is exiting
  std::size_t created = 0;
};

void work(const std::shared_ptr<PoolState>& pool, const std::shared_ptr<Worker>& self) {
  for (;;) {
    self->start.acquire();
    if (self->quit) return;
    self->job();
    self->job = nullptr;  // drop what the job held before parking
    std::lock_guard lock(pool->mutex);
    if (pool->closing) return;
    pool->idle.push_back(self);
  }
}

// Owns the state for the process's lifetime; on exit, stops the parked workers and
// detaches the busy ones (each holds the state, so it outlives this holder).
struct Pool {
  std::shared_ptr<PoolState> state = std::make_shared<PoolState>();

  ~Pool() {
    std::vector<std::shared_ptr<Worker>> parked;
    {
      std::lock_guard lock(state->mutex);
      state->closing = true;
      parked.swap(state->idle);
      for (const auto& w : state->all) {
        const bool is_parked = std::find(parked.begin(), parked.end(), w) != parked.end();
        if (!is_parked) w->thread.detach();
      }
    }
    for (const auto& w : parked) {
      w->quit = true;
      w->start.release();
      w->thread.join();
    }
  }
};

Pool& pool() {
  static Pool p;
  return p;
}

}  // namespace

void run_on_worker(std::function<void()> job) {
  const std::shared_ptr<PoolState>& state = pool().state;
  std::shared_ptr<Worker> worker;
  {
    std::lock_guard lock(state->mutex);
    if (!state->idle.empty()) {
      worker = std::move(state->idle.back());
      state->idle.pop_back();
    }
  }
  if (!worker) {
    worker = std::make_shared<Worker>();
    worker->thread = std::thread(work, state, worker);
    std::lock_guard lock(state->mutex);
    state->all.push_back(worker);
    ++state->created;
  }
  worker->job = std::move(job);
  worker->start.release();
}

std::size_t workers_created() {
  PoolState& state = *pool().state;
  std::lock_guard lock(state.mutex);
  return state.created;
}

}  // namespace schedlab::real::detail
