// Small pieces shared by the real-task backends: binding a call's text, wording failures.
#include <type_traits>
#include <variant>

#include <schedlab/real_tasks.hpp>

#include "real_failure.hpp"

namespace schedlab::real {

void bind_text(Syscall& call, std::string_view text) {
  std::visit(
      [&](auto& c) {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, sys::Exit>) c.message = text;
        else if constexpr (std::is_same_v<C, sys::Note>) c.text = text;
        else if constexpr (std::is_same_v<C, sys::Spawn>) c.name = text;
      },
      call);
}

namespace detail {

std::string describe_exception(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const AssertionFailed& e) {
    return std::string("assertion failed: ") + e.what();
  } catch (const std::exception& e) {
    return std::string("exception: ") + e.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace detail
}  // namespace schedlab::real
