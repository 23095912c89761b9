// OS threads for thread-backed tasks, parked between tasks and reused across runs.
//
// Exploration runs thousands of short runs; creating and joining a std::thread for every
// task of every run cost more than the run itself. A worker runs one job (a task's whole
// life on its thread), then parks on its own semaphore until it is handed the next. The
// pool is process-wide and never shrinks. It grows only when no worker is parked: to the
// most tasks alive at once, plus workers of tasks that just ended and have not parked
// again yet.
//
// A job must not return while someone still needs the worker's thread (the backend's
// hand-over protocol ends each job with the task's last answer to the kernel, after
// which the job touches nothing the kernel owns). A job the watchdog gave up on simply
// keeps its worker busy until it unwinds; at exit, such a worker is detached.
#pragma once

#include <functional>

namespace schedlab::real::detail {

// Run `job` on an idle worker, or on a new one if none is idle. Never blocks on a job.
void run_on_worker(std::function<void()> job);

// Workers created so far (idle or busy), for tests and benchmarks.
std::size_t workers_created();

}  // namespace schedlab::real::detail
