#include <schedlab/report/sweep_results.hpp>

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include <schedlab/errors.hpp>
#include <schedlab/report/command_line.hpp>

namespace schedlab::report {

namespace {

constexpr std::uint64_t kMaxSeeds = 1'000'000;

std::uint64_t parse_count(std::string_view s, const std::string& what, const std::string& whole) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw UsageError(fmt::format("{} '{}': '{}' is not a whole number >= 0", what, whole, s));
  return v;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) throw UsageError(fmt::format("--shard '{}': expected K/N, e.g. 2/8", text));
  Shard s;
  s.index = parse_count(std::string_view(text).substr(0, slash), "--shard", text);
  s.count = parse_count(std::string_view(text).substr(slash + 1), "--shard", text);
  if (s.count < 1 || s.index < 1 || s.index > s.count)
    throw UsageError(fmt::format("--shard '{}': expected K/N with 1 <= K <= N", text));
  return s;
}

std::string sweep_command(const SweepResults& r) {
  std::vector<std::string> args;
  for (const SweepWorkload& w : r.workloads) args.push_back(w.spec);
  for (const SweepPolicy& p : r.policies) {
    args.push_back("-p");
    args.push_back(p.label);
  }
  args.push_back("--seeds");
  args.push_back(seeds_text(r.seeds));
  if (r.options.cpus) {
    args.push_back("--cpus");
    args.push_back(std::to_string(r.options.cpus));
  }
  if (r.options.until != kNever) {
    args.push_back("--until");
    args.push_back(std::to_string(r.options.until));
  }
  return command_line_text("compare", args);
}

std::vector<std::uint64_t> parse_seeds(const std::string& text) {
  std::vector<std::uint64_t> seeds;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string_view item = std::string_view(text).substr(start, comma - start);
    start = comma + 1;
    const std::size_t dots = item.find("..");
    const std::uint64_t lo = parse_count(item.substr(0, dots), "--seeds", text);
    const std::uint64_t hi = dots == std::string_view::npos ? lo : parse_count(item.substr(dots + 2), "--seeds", text);
    if (hi < lo) throw UsageError(fmt::format("--seeds '{}': {} is a decreasing range", text, item));
    if (hi - lo >= kMaxSeeds || seeds.size() + (hi - lo + 1) > kMaxSeeds)
      throw UsageError(fmt::format("--seeds '{}': more than {} seeds", text, kMaxSeeds));
    for (std::uint64_t s = lo;; ++s) {
      seeds.push_back(s);
      if (s == hi) break;
    }
  }
  std::vector<std::uint64_t> sorted = seeds;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    throw UsageError(fmt::format("--seeds '{}' names a seed twice", text));
  return seeds;
}

std::string seeds_text(const std::vector<std::uint64_t>& seeds) {
  std::string out;
  for (std::size_t i = 0; i < seeds.size();) {
    std::size_t j = i;
    while (j + 1 < seeds.size() && seeds[j + 1] == seeds[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += j - i >= 2 ? fmt::format("{}..{}", seeds[i], seeds[j]) : fmt::format("{}", seeds[i]);
    if (j - i == 1) out += fmt::format(",{}", seeds[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace schedlab::report
