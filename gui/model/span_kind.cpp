#include "span_kind.hpp"

namespace schedlab::gui {

namespace {

// Heights: Running is a full bar and everything else is thinner, so the running stretches
// stand out even for readers who cannot tell the colours apart.
constexpr std::array<KindStyle, kSpanKindCount> kKindStyles{{
    {"running", "on a CPU", okabe_ito::bluish_green, 1.0f},
    {"ready", "waiting for a CPU (in a ready queue)", okabe_ito::orange, 0.55f},
    {"blocked: I/O", "waiting for an I/O device", okabe_ito::blue, 0.55f},
    {"blocked: sleep", "waiting for a timer", okabe_ito::sky_blue, 0.55f},
    {"blocked: lock/queue", "waiting for a lock, semaphore, queue, join or child", okabe_ito::vermillion, 0.55f},
    {"zombie", "exited, not yet waited for by its parent", okabe_ito::reddish_purple, 0.35f},
    {"other", "a state this GUI does not name yet", okabe_ito::grey, 0.35f},
}};

constexpr std::array<MarkerStyle, kMarkerKindCount> kMarkerStyles{{
    {"fork", okabe_ito::sky_blue},
    {"exit", rgba(0xF0, 0xF0, 0xF0)},
    {"kill", okabe_ito::vermillion},
    {"preemption", okabe_ito::yellow},
    {"level change", okabe_ito::reddish_purple},
    {"deadlock", rgba(0xFF, 0x40, 0x40)},
    {"other", okabe_ito::grey},
}};

}  // namespace

const KindStyle& style(SpanKind kind) { return kKindStyles[static_cast<std::size_t>(kind)]; }
const MarkerStyle& style(MarkerKind kind) { return kMarkerStyles[static_cast<std::size_t>(kind)]; }

SpanKind classify(TaskState state, Cause cause) {
  if (state == TaskState::Running) return SpanKind::Running;
  if (state == TaskState::Ready) return SpanKind::Ready;
  if (state == TaskState::Blocked) {
    const std::string_view name = to_string(cause);
    if (name == "io") return SpanKind::BlockedIo;
    if (name == "sleep") return SpanKind::BlockedSleep;
    return SpanKind::BlockedSync;
  }
  if (state == TaskState::New || state == TaskState::Terminated) return SpanKind::Count;
  // A state added after this was written: match by name, draw the rest as "other".
  if (to_string(state) == "zombie") return SpanKind::Zombie;
  return SpanKind::Other;
}

MarkerKind classify(const InstantRecord& instant) {
  const std::string_view name = to_string(instant.kind);
  if (name == "exit") return instant.text == "killed" ? MarkerKind::Kill : MarkerKind::Exit;
  if (name == "preempt") return MarkerKind::Preempt;
  if (name == "level") return MarkerKind::Level;
  if (name == "fork" || name == "thread_start" || name == "spawn") return MarkerKind::Fork;
  if (name == "kill" || name == "fault") return MarkerKind::Kill;
  if (name == "deadlock") return MarkerKind::Deadlock;
  // Drawn as the zombie span between them rather than as two more glyphs.
  if (name == "process_end" || name == "reap") return MarkerKind::Count;
  return MarkerKind::Other;  // handoff, wakeup, print, coroutine, and whatever comes next
}

Rgba task_color(TaskId task) {
  // Golden-ratio hue steps give neighbouring ids clearly different hues; saturation and
  // value are kept moderate so white labels stay readable on every colour.
  const double hue = static_cast<double>(task) * 0.618033988749895;
  const double h = (hue - static_cast<double>(static_cast<std::int64_t>(hue))) * 6.0;
  const double s = 0.55, v = 0.78;
  const int i = static_cast<int>(h);
  const double f = h - i, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  double r = v, g = t, b = p;
  switch (i % 6) {
    case 0: r = v, g = t, b = p; break;
    case 1: r = q, g = v, b = p; break;
    case 2: r = p, g = v, b = t; break;
    case 3: r = p, g = q, b = v; break;
    case 4: r = t, g = p, b = v; break;
    default: r = v, g = p, b = q; break;
  }
  return rgba(static_cast<std::uint32_t>(r * 255), static_cast<std::uint32_t>(g * 255),
              static_cast<std::uint32_t>(b * 255));
}

}  // namespace schedlab::gui
