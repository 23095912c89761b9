// Small helpers for writing HTML and SVG by hand into a buffer: escaping, axis ticks,
// and the colours every chart of the report shares.
#pragma once

#include <fmt/format.h>
#include <string_view>
#include <vector>

namespace schedlab::report {

// `s` with & < > " ' escaped, for text and attribute values.
void append_html(fmt::memory_buffer& out, std::string_view s);
inline void append_raw(fmt::memory_buffer& out, std::string_view s) { out.append(s.data(), s.data() + s.size()); }

// About `target` round tick positions (steps of 1, 2 or 5 x 10^k) from 0 to at least `max`.
std::vector<double> nice_ticks(double max, int target);
// A tick label without trailing zeros: 0, 2.5, 1000, 1.2e+06.
std::string tick_label(double v);

// Categorical colours (Tableau 10): process i is drawn in process_colour(i).
std::string_view process_colour(std::size_t i);
// Whether dark text reads better than white on that colour.
bool dark_text_on(std::string_view colour);

}  // namespace schedlab::report
