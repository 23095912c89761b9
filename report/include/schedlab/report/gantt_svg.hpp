// A run's schedule as an inline SVG Gantt chart: one lane per CPU with a bar per run
// slice (coloured by process, labelled when wide enough), then, for small workloads, one
// lane per process showing when it was Running, Ready or Blocked. Every bar has a
// <title> with its details, which browsers show on hover.
#pragma once

#include <fmt/format.h>
#include <string_view>

#include <schedlab/report/showcase.hpp>

namespace schedlab::report {

// Draws [0, window) of `run` on `cpus` CPU lanes. `id` makes the SVG's pattern ids unique
// in the page.
void append_gantt(fmt::memory_buffer& out, const ShowcaseRun& run, Ticks window, CpuId cpus, std::string_view id);

// The legend of the state lanes (Running / Ready / Blocked), as HTML.
void append_state_legend(fmt::memory_buffer& out);

}  // namespace schedlab::report
