#include "time_axis.hpp"

#include <algorithm>
#include <cmath>

namespace schedlab::gui {

void TimeAxis::set_viewport(float x0, float width) {
  x0_ = x0;
  width_ = std::max(width, 1.0f);
}

void TimeAxis::fit(double t0, double t1) {
  const double span = std::max(t1 - t0, 1.0);
  const double margin = span * 0.02;
  show(t0 - margin, t1 + margin);
}

void TimeAxis::show(double t0, double t1) {
  start_ = t0;
  ticks_per_px_ = std::max((t1 - t0) / width_, 1.0 / kMaxPixelsPerTick);
}

void TimeAxis::zoom(float at_x, double factor) {
  if (!(factor > 0)) return;
  const double anchor = time(at_x);
  ticks_per_px_ = std::max(ticks_per_px_ / factor, 1.0 / kMaxPixelsPerTick);
  start_ = anchor - static_cast<double>(at_x - x0_) * ticks_per_px_;
}

void TimeAxis::pan(float dx) { start_ -= static_cast<double>(dx) * ticks_per_px_; }

void TimeAxis::clamp(double lo, double hi) {
  const double span = std::max(hi - lo, 1.0);
  // Zoomed out at most to four times the run, so the run never shrinks to a dot.
  ticks_per_px_ = std::min(ticks_per_px_, span * 4.0 / width_);
  const double visible = width_ * ticks_per_px_;
  const double margin = std::max(visible * 0.5, span * 0.02);
  start_ = std::clamp(start_, lo - margin, std::max(lo - margin, hi + margin - visible));
}

Ticks ruler_step(double ticks_per_px, float min_label_px) {
  const double wanted = ticks_per_px * static_cast<double>(min_label_px);
  Ticks step = 1;
  // 1, 2, 5, 10, 20, 50...: the smallest nice step that keeps labels apart.
  for (;;) {
    for (const Ticks m : {1, 2, 5}) {
      if (static_cast<double>(step * m) >= wanted) return step * m;
    }
    if (step > kNever / 100) return step;
    step *= 10;
  }
}

std::vector<RulerTick> ruler_ticks(const TimeAxis& axis, float min_label_px) {
  std::vector<RulerTick> out;
  const Ticks major = ruler_step(axis.ticks_per_px(), min_label_px);
  // Five minor graduations per label when the step is a multiple of 5, else two (steps
  // are 1, 2 or 5 times a power of ten), and none narrower than a tick or 5 pixels.
  Ticks minor = major % 5 == 0 ? major / 5 : (major % 2 == 0 ? major / 2 : major);
  if (static_cast<double>(minor) / axis.ticks_per_px() < 5.0) minor = major;
  const double first = std::floor(std::max(axis.start(), static_cast<double>(-kNever / 2)) / static_cast<double>(minor));
  const double last = axis.end();
  for (double k = first; k * static_cast<double>(minor) <= last; k += 1) {
    const Ticks t = static_cast<Ticks>(k) * minor;
    if (static_cast<double>(t) < axis.start()) continue;
    out.push_back(RulerTick{t, t % major == 0});
    if (out.size() > 10000) break;  // a broken axis must not hang the frame
  }
  return out;
}

}  // namespace schedlab::gui
