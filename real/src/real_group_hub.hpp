// What a coroutine's group calls (await_io, switch_to, pass) mean where there is no
// group: a coroutine task of its own is a thread with one coroutine.
#pragma once

#include <schedlab/real_tasks.hpp>

namespace schedlab::real::detail {

// await_io: the thread waits for the only await there is, a plain io (already in
// core.call). switch_to and pass: nobody else to run; a note on the trace says so.
Syscall hub_call_outside_group(CoroutineCore& core);

}  // namespace schedlab::real::detail
