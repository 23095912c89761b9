// Mapping ticks to pixels and back, zoom around the cursor, pan, and the ruler.
#include <gtest/gtest.h>

#include "time_axis.hpp"

namespace schedlab::gui {
namespace {

TEST(TimeAxis, MapsTimeToPixelsAndBack) {
  TimeAxis a;
  a.set_viewport(100, 1000);
  a.show(0, 500);
  EXPECT_FLOAT_EQ(a.x(0), 100);
  EXPECT_FLOAT_EQ(a.x(500), 1100);
  EXPECT_FLOAT_EQ(a.x(250), 600);
  EXPECT_DOUBLE_EQ(a.time(600), 250);
  EXPECT_DOUBLE_EQ(a.ticks_per_px(), 0.5);
}

TEST(TimeAxis, StaysExactFarFromZero) {
  TimeAxis a;
  a.set_viewport(0, 1000);
  a.show(1e12, 1e12 + 1000);  // one tick per pixel, a trillion ticks in
  EXPECT_FLOAT_EQ(a.x(1e12 + 1), 1);
  EXPECT_FLOAT_EQ(a.x(1e12 + 999), 999);
}

TEST(TimeAxis, ZoomKeepsTheTimeUnderTheCursor) {
  TimeAxis a;
  a.set_viewport(0, 1000);
  a.show(0, 1000);
  const double before = a.time(300);
  a.zoom(300, 4.0);
  EXPECT_NEAR(a.time(300), before, 1e-9);
  EXPECT_DOUBLE_EQ(a.ticks_per_px(), 0.25);
  a.zoom(300, 0.25);
  EXPECT_NEAR(a.time(300), before, 1e-9);
  EXPECT_DOUBLE_EQ(a.ticks_per_px(), 1.0);
}

TEST(TimeAxis, ZoomInStopsAtTheLimit) {
  TimeAxis a;
  a.set_viewport(0, 1000);
  a.show(0, 10);
  a.zoom(0, 1e9);
  EXPECT_DOUBLE_EQ(a.ticks_per_px(), 1.0 / TimeAxis::kMaxPixelsPerTick);
}

TEST(TimeAxis, PanMovesByPixels) {
  TimeAxis a;
  a.set_viewport(0, 100);
  a.show(0, 200);  // 2 ticks per pixel
  a.pan(10);       // drag right by 10 px: earlier times come into view
  EXPECT_DOUBLE_EQ(a.start(), -20);
}

TEST(TimeAxis, FitShowsTheWholeRunWithAMargin) {
  TimeAxis a;
  a.set_viewport(0, 1000);
  a.fit(0, 1000);
  EXPECT_LT(a.start(), 0);
  EXPECT_GT(a.end(), 1000);
  EXPECT_LT(a.end() - a.start(), 1100);
}

TEST(TimeAxis, ClampKeepsTheRunInView) {
  TimeAxis a;
  a.set_viewport(0, 1000);
  a.show(0, 100);
  a.pan(-1e6);  // far to the right of the run
  a.clamp(0, 100);
  EXPECT_LT(a.start(), 100);
  a.zoom(500, 1e-9);  // far out
  a.clamp(0, 100);
  EXPECT_LE(a.end() - a.start(), 400.0 + 1e-6);
}

TEST(Ruler, StepsAreNiceAndNeverBelowOneTick) {
  EXPECT_EQ(ruler_step(0.01, 80), 1);  // zoomed in: one tick apart, never fractions
  EXPECT_EQ(ruler_step(1.0, 80), 100);
  EXPECT_EQ(ruler_step(1.3, 80), 200);
  EXPECT_EQ(ruler_step(5.0, 80), 500);
  EXPECT_EQ(ruler_step(7.0, 80), 1000);
}

TEST(Ruler, LabelsAreAtLeastTheRequestedDistanceApart) {
  TimeAxis a;
  a.set_viewport(0, 1200);
  a.show(0, 12345);
  std::vector<Ticks> labels;
  for (const RulerTick& t : ruler_ticks(a, 90))
    if (t.major) labels.push_back(t.time);
  ASSERT_GE(labels.size(), 5u);
  for (std::size_t i = 1; i < labels.size(); ++i) EXPECT_GE(a.x(static_cast<double>(labels[i])) - a.x(static_cast<double>(labels[i - 1])), 90.0f);
  EXPECT_EQ(labels.front(), 0);
}

}  // namespace
}  // namespace schedlab::gui
