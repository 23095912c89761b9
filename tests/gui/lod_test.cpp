// Level-of-detail merging: every visible span is drawn exactly once (alone or inside a
// merged bar), narrow spans merge, wide ones never do, and the work stays bounded by the
// width in pixels however many spans there are.
#include <gtest/gtest.h>

#include "lod.hpp"

namespace schedlab::gui {
namespace {

// A CPU-like lane: `n` spans of `len` ticks separated by `gap` ticks, alternating running
// and ready when `alternate`.
Lane make_lane(std::size_t n, Ticks len, Ticks gap, bool alternate = false) {
  Lane lane;
  lane.type = LaneType::Task;
  Ticks t = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const SpanKind k = alternate && i % 2 == 1 ? SpanKind::Ready : SpanKind::Running;
    lane.spans.push_back(Span{t, t + len, static_cast<std::uint32_t>(i), 0, k});
    t += len + gap;
  }
  lane.compute_totals();
  return lane;
}

// The bars cover consecutive span ranges with nothing skipped or drawn twice.
void expect_partition(const std::vector<Bar>& bars, std::uint32_t first, std::uint32_t last) {
  ASSERT_FALSE(bars.empty());
  EXPECT_EQ(bars.front().first, first);
  EXPECT_EQ(bars.back().last, last);
  for (std::size_t i = 1; i < bars.size(); ++i) {
    EXPECT_EQ(bars[i].first, bars[i - 1].last + 1) << "bar " << i;
    EXPECT_GE(bars[i].x0, bars[i - 1].x0);
  }
}

TEST(Lod, WideSpansAreDrawnOneByOne) {
  const Lane lane = make_lane(100, 10, 0);
  TimeAxis axis;
  axis.set_viewport(0, 1000);
  axis.show(0, 1000);  // 1 tick per pixel: every span is 10 px
  std::vector<Bar> bars;
  build_bars(lane, axis, 0, 1000, LodOptions{}, bars);
  ASSERT_EQ(bars.size(), 100u);
  for (const Bar& b : bars) EXPECT_FALSE(b.merged());
  EXPECT_FLOAT_EQ(bars[3].x0, 30);
  EXPECT_FLOAT_EQ(bars[3].x1, 40);
}

TEST(Lod, AMillionNarrowSpansMergeIntoAFewBars) {
  const Lane lane = make_lane(1'000'000, 1, 0, /*alternate=*/true);
  TimeAxis axis;
  axis.set_viewport(0, 1000);
  axis.show(0, 1'000'000);  // 1000 spans per pixel
  std::vector<Bar> bars;
  build_bars(lane, axis, 0, 1000, LodOptions{}, bars);
  // Bars grow to max_merged_px (8 px) and stop: about one bar per 8 pixels.
  EXPECT_LE(bars.size(), 1000u / 8 + 2);
  EXPECT_GE(bars.size(), 1000u / 12);
  expect_partition(bars, 0, 999'999);
  // Half of the time was Running, and the merged bars say so.
  for (const Bar& b : bars) {
    ASSERT_TRUE(b.merged());
    EXPECT_NEAR(b.running_fraction, 0.5, 0.01);
  }
}

TEST(Lod, OnlyTheVisibleWindowIsBuilt) {
  const Lane lane = make_lane(1000, 10, 0);
  TimeAxis axis;
  axis.set_viewport(0, 100);
  axis.show(5000, 5100);  // spans 500..509
  std::vector<Bar> bars;
  build_bars(lane, axis, 0, 100, LodOptions{}, bars);
  expect_partition(bars, 500, 509);
  EXPECT_FLOAT_EQ(bars.front().x0, 0);
}

TEST(Lod, BarsAreClippedToTheStrip) {
  const Lane lane = make_lane(1, 1'000'000'000, 0);
  TimeAxis axis;
  axis.set_viewport(0, 100);
  axis.show(500, 600);
  std::vector<Bar> bars;
  build_bars(lane, axis, 0, 100, LodOptions{}, bars);
  ASSERT_EQ(bars.size(), 1u);
  EXPECT_FLOAT_EQ(bars[0].x0, -1);
  EXPECT_FLOAT_EQ(bars[0].x1, 101);
}

TEST(Lod, AWideSpanIsNeverSwallowedByANarrowGroup) {
  Lane lane;
  lane.spans = {{0, 1, 0, 0, SpanKind::Running},   {1, 2, 1, 0, SpanKind::Ready},
                {2, 3, 2, 0, SpanKind::Running},   {3, 100, 3, 0, SpanKind::BlockedIo},
                {100, 101, 4, 0, SpanKind::Ready}, {101, 102, 5, 0, SpanKind::Running}};
  lane.compute_totals();
  TimeAxis axis;
  axis.set_viewport(0, 102);
  axis.show(0, 102);  // 1 tick per pixel: the narrow ones are 1 px
  std::vector<Bar> bars;
  build_bars(lane, axis, 0, 102, LodOptions{}, bars);
  expect_partition(bars, 0, 5);
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_EQ(bars[0].last, 2u);
  EXPECT_NEAR(bars[0].running_fraction, 2.0 / 3.0, 1e-6);
  EXPECT_EQ(bars[1].first, 3u);
  EXPECT_FALSE(bars[1].merged());
  EXPECT_EQ(bars[1].kind, SpanKind::BlockedIo);
  EXPECT_TRUE(bars[2].merged());
}

TEST(Lod, ALoneNarrowSpanIsStillVisible) {
  Lane lane;
  lane.spans = {{500, 501, 0, 0, SpanKind::Running}};
  lane.compute_totals();
  TimeAxis axis;
  axis.set_viewport(0, 100);
  axis.show(0, 10'000);
  std::vector<Bar> bars;
  build_bars(lane, axis, 0, 100, LodOptions{}, bars);
  ASSERT_EQ(bars.size(), 1u);
  EXPECT_GE(bars[0].x1 - bars[0].x0, 1.0f);
}

TEST(Lod, SparseNarrowSpansStaySeparate) {
  const Lane lane = make_lane(10, 1, 99);  // one 1-tick span every 100 ticks
  TimeAxis axis;
  axis.set_viewport(0, 1000);
  axis.show(0, 1000);  // 1 tick per px: spans 100 px apart, far more than merge_px
  std::vector<Bar> bars;
  build_bars(lane, axis, 0, 1000, LodOptions{}, bars);
  EXPECT_EQ(bars.size(), 10u);
}

TEST(LodMarkers, CloseMarkersAreThinned) {
  std::vector<Marker> markers;
  for (Ticks t = 0; t < 10'000; ++t) markers.push_back(Marker{t, MarkerKind::Preempt, 0, kNoTask});
  TimeAxis axis;
  axis.set_viewport(0, 1000);
  axis.show(0, 10'000);  // 10 markers per pixel
  std::vector<MarkerHit> hits;
  visible_markers(markers, axis, 0, 1000, 6, hits);
  EXPECT_LE(hits.size(), 1000u / 6 + 2);
  std::size_t total = 0;
  for (const MarkerHit& h : hits) total += 1 + h.hidden;
  EXPECT_EQ(total, markers.size());
}

}  // namespace
}  // namespace schedlab::gui
