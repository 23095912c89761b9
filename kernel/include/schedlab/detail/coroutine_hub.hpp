// The hub of a group of coroutines sharing one thread (gevent's hub, greenlet's switch):
// the scheduling rules of a scripted `coroutines:` step (ScriptEngine) and of a real
// CoroutineGroupBackend (real/), kept in one place so that groups of the same shape take
// the same times and leave the same notes on the trace (tests/real_groups_test.cpp runs
// both and compares).
//
// Members are numbered 0..n-1 in listing order. They take turns from a FIFO ready list
// that starts in that order. The current member keeps the thread until it ends, awaits
// (it rejoins the ready list when the await is over: earliest first, ties in await order)
// or hands the thread over (switch, pass). When no member is ready, the thread waits for
// the earliest await (the backend's plain io). The hub decides who runs and words the
// notes; each backend runs its members and makes their calls.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <schedlab/types.hpp>

namespace schedlab::detail {

class CoroutineHub {
 public:
  using Member = std::uint32_t;
  static constexpr Member kNobody = UINT32_MAX;

  // A new group of `members` members, all ready, in listing order; none current.
  void start(Member members);

  Member current() const { return current_; }
  bool all_ended() const { return remaining_ == 0; }
  // Some member awaits and none is ready: when the earliest await is over.
  Ticks earliest_due() const { return waiting_.front().first; }

  // Awaits over by `now` rejoin the ready list.
  void wake_due(Ticks now);
  // No member current: awaits over by `now` rejoin the ready list, then the first ready
  // member becomes current (true). False when none is ready.
  bool pick(Ticks now);

  // The current member ended / awaits until `due` / passes (to the back of the ready
  // list). No member is current after any of them.
  void end_current();
  void await_current(Ticks due);
  void pass_current();
  // The current member hands the thread to `to` (kNobody: no member has that name): `to`
  // becomes current and the former current goes to the back of the ready list. Only a
  // ready member can be switched to: answers nullptr when the switch happened, else why it
  // is ignored ("already running", "finished", "waiting", "not in the group").
  const char* switch_to(Member to);

  // The notes (Coroutine instants) each backend writes, word for word.
  static std::string start_note(std::size_t members);                          // "3 coroutines start"
  static std::string runs_note(std::string_view name);                         // "coroutine NAME runs"
  static std::string finished_note();                                          // "coroutines finished"
  static std::string ignored_note(std::string_view target, const char* why);  // "switch to T ignored: it is WHY"

 private:
  std::deque<Member> ready_;                       // waiting for their turn, in order
  std::vector<std::pair<Ticks, Member>> waiting_;  // awaiting: (due, member), by due
  std::vector<std::uint8_t> ended_;                // by member
  Member current_ = kNobody;
  Member remaining_ = 0;                           // members not yet ended
};

}  // namespace schedlab::detail
