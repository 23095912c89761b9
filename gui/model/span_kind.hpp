// What a stretch of a lane means, and how it is drawn: the GUI's one vocabulary for task
// states, shared by the timeline, the legend, the queues panel and the tests.
//
// Classification is by the state a transition enters and, for Blocked, by the name of its
// Cause (to_string). It is deliberately not an exhaustive switch over Cause: the kernel
// grows new causes (locks, semaphores, joins...) while the GUI is being written, and a new
// cause must show up at once as "blocked on <name>" in the sync colour rather than break
// the build. Only the causes that deserve their own colour are named here.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include <schedlab/trace.hpp>
#include <schedlab/types.hpp>

namespace schedlab::gui {

enum class SpanKind : std::uint8_t {
  Running,       // on a CPU
  Ready,         // waiting for a CPU
  BlockedIo,     // waiting for an I/O device
  BlockedSleep,  // waiting for a timer
  BlockedSync,   // waiting for anything else: lock, semaphore, queue, join, wait...
  Zombie,        // exited, not yet waited for (a state the lifecycle work may add)
  Other,         // a state this GUI does not know yet: drawn, never hidden
  Count
};
inline constexpr std::size_t kSpanKindCount = static_cast<std::size_t>(SpanKind::Count);

// Packed colour, same byte layout as ImGui's IM_COL32 (0xAABBGGRR), so the model can own
// the palette without depending on ImGui.
using Rgba = std::uint32_t;
constexpr Rgba rgba(std::uint32_t r, std::uint32_t g, std::uint32_t b, std::uint32_t a = 255) {
  return (a << 24) | (b << 16) | (g << 8) | r;
}
constexpr Rgba with_alpha(Rgba c, std::uint32_t a) { return (c & 0x00FFFFFFu) | (a << 24); }

// Okabe & Ito's colour-blind-safe palette ("Color Universal Design", 2008).
namespace okabe_ito {
inline constexpr Rgba orange = rgba(0xE6, 0x9F, 0x00);
inline constexpr Rgba sky_blue = rgba(0x56, 0xB4, 0xE9);
inline constexpr Rgba bluish_green = rgba(0x00, 0x9E, 0x73);
inline constexpr Rgba yellow = rgba(0xF0, 0xE4, 0x42);
inline constexpr Rgba blue = rgba(0x00, 0x72, 0xB2);
inline constexpr Rgba vermillion = rgba(0xD5, 0x5E, 0x00);
inline constexpr Rgba reddish_purple = rgba(0xCC, 0x79, 0xA7);
inline constexpr Rgba grey = rgba(0x99, 0x99, 0x99);
}  // namespace okabe_ito

struct KindStyle {
  std::string_view label;  // legend text
  std::string_view help;   // legend tooltip
  Rgba color;
  float height;  // fraction of the lane height: a second cue besides colour
};

const KindStyle& style(SpanKind kind);

// The kind of the span a task starts when it enters `state` because of `cause`; nullopt-like
// `Count` for states that draw nothing (New, Terminated).
SpanKind classify(TaskState state, Cause cause);

// Marker kinds on the timeline (fork, exit, kill, preemption, level change, deadlock).
enum class MarkerKind : std::uint8_t { Fork, Exit, Kill, Preempt, Level, Deadlock, Other, Count };
inline constexpr std::size_t kMarkerKindCount = static_cast<std::size_t>(MarkerKind::Count);
struct MarkerStyle {
  std::string_view label;
  Rgba color;
};
const MarkerStyle& style(MarkerKind kind);

// The marker for a kernel instant, by the instant's name (same reasoning as classify());
// MarkerKind::Count for instants drawn otherwise (process end and reap: the zombie span).
MarkerKind classify(const InstantRecord& instant);

// Distinct colours for tasks on the CPU lanes (task identity, not state), readable under
// white text.
Rgba task_color(TaskId task);

}  // namespace schedlab::gui
