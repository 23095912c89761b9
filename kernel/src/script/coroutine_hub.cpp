// The hub's rules (schedlab/detail/coroutine_hub.hpp).
#include <schedlab/detail/coroutine_hub.hpp>

#include <algorithm>
#include <fmt/format.h>

namespace schedlab::detail {

void CoroutineHub::start(Member members) {
  ready_.clear();
  for (Member m = 0; m < members; ++m) ready_.push_back(m);
  waiting_.clear();
  ended_.assign(members, 0);
  current_ = kNobody;
  remaining_ = members;
}

void CoroutineHub::wake_due(Ticks now) {
  std::size_t due = 0;
  while (due < waiting_.size() && waiting_[due].first <= now) ready_.push_back(waiting_[due++].second);
  waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(due));
}

bool CoroutineHub::pick(Ticks now) {
  wake_due(now);  // an await of 0 ticks is over at once
  if (ready_.empty()) return false;
  current_ = ready_.front();
  ready_.pop_front();
  return true;
}

void CoroutineHub::end_current() {
  ended_[current_] = 1;
  --remaining_;
  current_ = kNobody;
}

void CoroutineHub::await_current(Ticks due) {
  const std::pair<Ticks, Member> entry{due, current_};
  waiting_.insert(std::upper_bound(waiting_.begin(), waiting_.end(), entry,
                                   [](const auto& a, const auto& b) { return a.first < b.first; }),
                  entry);
  current_ = kNobody;
}

void CoroutineHub::pass_current() {
  ready_.push_back(current_);
  current_ = kNobody;
}

const char* CoroutineHub::switch_to(Member to) {
  const auto in_ready = std::find(ready_.begin(), ready_.end(), to);
  if (to == kNobody) return "not in the group";
  if (to == current_) return "already running";
  if (in_ready == ready_.end()) return ended_[to] ? "finished" : "waiting";
  ready_.erase(in_ready);
  ready_.push_back(current_);
  current_ = to;
  return nullptr;
}

std::string CoroutineHub::start_note(std::size_t members) { return fmt::format("{} coroutines start", members); }
std::string CoroutineHub::runs_note(std::string_view name) { return fmt::format("coroutine {} runs", name); }
std::string CoroutineHub::finished_note() { return "coroutines finished"; }
std::string CoroutineHub::ignored_note(std::string_view target, const char* why) {
  return fmt::format("switch to {} ignored: it is {}", target, why);
}

}  // namespace schedlab::detail
