// Ready-queue length and busy CPUs over time, and their sampling into chart columns.
#include <gtest/gtest.h>

#include "gui_test_support.hpp"

namespace schedlab::gui {
namespace {

TEST(Series, ReadyCountFollowsTheTrace) {
  const auto s = test::run_yaml(test::kThree, "fcfs");
  // FCFS: P1 0-24, P2 24-27, P3 27-30. Two wait until 24, one until 27.
  EXPECT_EQ(s->ready_count.value_at(0), 2);
  EXPECT_EQ(s->ready_count.value_at(23), 2);
  EXPECT_EQ(s->ready_count.value_at(24), 1);
  EXPECT_EQ(s->ready_count.value_at(27), 0);
  EXPECT_DOUBLE_EQ(s->ready_count.integral_until(30), 24 * 2 + 3);  // total waiting ticks
  EXPECT_EQ(s->ready_count.max_value(), 2);
  EXPECT_EQ(s->running_count.value_at(29), 1);
  EXPECT_EQ(s->running_count.value_at(30), 0);
}

TEST(Series, ColumnsAverageAndKeepTheMaximum) {
  StepSeries s;
  s.push(0, 0);
  for (Ticks t = 0; t < 1000; t += 10) {
    s.push(t, 4);      // a spike of 1 tick every 10
    s.push(t + 1, 0);
  }
  s.finish();
  TimeAxis axis;
  axis.set_viewport(0, 100);
  axis.show(0, 1000);  // 10 ticks per pixel
  const auto cols = sample(s, axis, 2.0f, 0, 1000);  // 20 ticks per column
  ASSERT_EQ(cols.size(), 50u);
  for (const ChartColumn& c : cols) {
    EXPECT_NEAR(c.mean, 0.4, 1e-6);
    EXPECT_FLOAT_EQ(c.max, 4);
  }
}

TEST(Series, BlockMaximumMatchesAScan) {
  StepSeries s;
  for (Ticks t = 0; t < 5000; ++t) s.push(t, (t * 7919) % 1013);
  s.finish();
  for (std::size_t a : {0u, 3u, 255u, 256u, 700u})
    for (std::size_t b : {a + 1, a + 300, a + 2000}) {
      std::int64_t mx = s.values[a];
      for (std::size_t k = a; k < b; ++k) mx = std::max(mx, s.values[k]);
      EXPECT_EQ(s.max_of_steps(a, b), mx) << a << ".." << b;
    }
}

}  // namespace
}  // namespace schedlab::gui
