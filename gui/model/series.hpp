// Step functions of time read off the trace (how many tasks are Ready, how many CPUs are
// busy), and their sampling into chart columns.
//
// A column averages the function over the ticks it covers (exact integral, from running
// totals), so a zoomed-out chart shows the true mean load and a zoomed-in one the exact
// step values; the column maximum is kept too so short spikes are not averaged away.
#pragma once

#include <vector>

#include <schedlab/trace.hpp>

#include "time_axis.hpp"

namespace schedlab::gui {

class StepSeries {
 public:
  // value(t) = values[k] for times[k] <= t < times[k+1]; 0 before times[0].
  std::vector<Ticks> times;
  std::vector<std::int64_t> values;

  void push(Ticks t, std::int64_t v);  // t non-decreasing; same t overwrites
  std::int64_t value_at(Ticks t) const;
  // Integral of value over [0, t).
  double integral_until(double t) const;
  std::int64_t max_value() const;
  // Maximum of the values of steps [first, last) (indices into times/values).
  std::int64_t max_of_steps(std::size_t first, std::size_t last) const;
  void finish();  // builds the running integrals; call after the last push

 private:
  static constexpr std::size_t kBlock = 256;
  std::vector<double> area_before_;       // integral over [times[0], times[k])
  std::vector<std::int64_t> block_max_;   // max of values in each block of kBlock steps
};

// Number of tasks in `state` over time (+1 when a transition enters it, -1 when one leaves).
StepSeries count_in_state(const Trace& trace, TaskState state);

struct ChartColumn {
  float mean = 0;
  float max = 0;
};
// One column per `px` pixels across the axis's strip; empty columns outside [lo, hi).
std::vector<ChartColumn> sample(const StepSeries& series, const TimeAxis& axis, float px, Ticks lo, Ticks hi);

}  // namespace schedlab::gui
