// Mapping between ticks and screen pixels for the timeline, the charts and the compare
// view (they share one axis so that the same tick lines up everywhere).
//
// Time is kept in double ticks (the view may sit between two ticks when zoomed in far);
// offsets are taken in double before converting to float pixels so that a run of 10^12
// ticks still places its pixels exactly.
#pragma once

#include <vector>

#include <schedlab/types.hpp>

namespace schedlab::gui {

class TimeAxis {
 public:
  // Limits of the zoom: a tick at most this many pixels wide...
  static constexpr double kMaxPixelsPerTick = 400.0;

  // The screen strip the axis maps onto.
  void set_viewport(float x0, float width);
  float x0() const { return x0_; }
  float width() const { return width_; }

  double start() const { return start_; }           // time at the left edge
  double end() const { return start_ + width_ * ticks_per_px_; }
  double ticks_per_px() const { return ticks_per_px_; }

  float x(double t) const { return x0_ + static_cast<float>((t - start_) / ticks_per_px_); }
  double time(float x) const { return start_ + static_cast<double>(x - x0_) * ticks_per_px_; }

  // Show [t0, t1] with a small margin on each side.
  void fit(double t0, double t1);
  // Show exactly [t0, t1] (used by tests, the benchmark and the compare view).
  void show(double t0, double t1);
  // Zoom by `factor` (> 1 zooms in) keeping the time under pixel `at_x` where it is.
  void zoom(float at_x, double factor);
  // Move the view by `dx` pixels (dragging right shows earlier times).
  void pan(float dx);
  // Keep the view within [lo - margin, hi + margin] and the zoom within limits; `hi` is the
  // end of the run.
  void clamp(double lo, double hi);

 private:
  float x0_ = 0;
  float width_ = 1;
  double start_ = 0;
  double ticks_per_px_ = 1;
};

// One graduation of the time ruler.
struct RulerTick {
  Ticks time;
  bool major;  // labelled
};

// "Nice" graduations (1, 2, 5 x 10^k ticks, never below one tick) for the visible range,
// with labels at least `min_label_px` apart.
std::vector<RulerTick> ruler_ticks(const TimeAxis& axis, float min_label_px);
// The step between labelled graduations that ruler_ticks() uses.
Ticks ruler_step(double ticks_per_px, float min_label_px);

}  // namespace schedlab::gui
