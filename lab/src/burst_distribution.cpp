#include <schedlab/lab/burst_distribution.hpp>

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace schedlab::lab {

namespace {

constexpr double kMaxTicks = 1e12;  // far beyond any useful burst; keeps sums far from overflow
constexpr double kDefaultParetoShape = 1.5;

double parse_number(std::string_view text, std::string_view whole) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    throw std::invalid_argument(fmt::format("'{}' in '{}' is not a number", text, whole));
  return v;
}

std::int64_t parse_whole(std::string_view text, std::string_view whole) {
  const double v = parse_number(text, whole);
  if (v != std::floor(v) || std::fabs(v) > kMaxTicks)
    throw std::invalid_argument(fmt::format("'{}' in '{}' is not a whole number of ticks", text, whole));
  return static_cast<std::int64_t>(v);
}

std::string number_text(double v) { return fmt::format("{}", v); }

}  // namespace

BurstDistribution BurstDistribution::parse(std::string_view text, std::int64_t minimum) {
  const std::size_t colon = text.find(':');
  const std::string_view kind = colon == std::string_view::npos ? std::string_view("const") : text.substr(0, colon);
  const std::string_view args = colon == std::string_view::npos ? text : text.substr(colon + 1);
  auto too_small = [&](double v) {
    if (v < static_cast<double>(minimum))
      throw std::invalid_argument(fmt::format("'{}' would give values below {}", text, minimum));
  };
  if (kind == "const") {
    const std::int64_t v = parse_whole(args, text);
    too_small(static_cast<double>(v));
    return constant(v);
  }
  if (kind == "exp") {
    const double mean = parse_number(args, text);
    if (mean < static_cast<double>(std::max<std::int64_t>(minimum, 1)) || mean > kMaxTicks)
      throw std::invalid_argument(
          fmt::format("the mean in '{}' must be from {} to 1e12", text, std::max<std::int64_t>(minimum, 1)));
    return exponential(mean);
  }
  if (kind == "uniform") {
    const std::size_t dots = args.find("..");
    if (dots == std::string_view::npos)
      throw std::invalid_argument(fmt::format("'{}': expected uniform:LO..HI", text));
    const std::int64_t lo = parse_whole(args.substr(0, dots), text);
    const std::int64_t hi = parse_whole(args.substr(dots + 2), text);
    if (hi < lo) throw std::invalid_argument(fmt::format("'{}': HI is below LO", text));
    too_small(static_cast<double>(lo));
    return uniform(lo, hi);
  }
  if (kind == "pareto") {
    const std::size_t slash = args.find('/');
    const double mean = parse_number(args.substr(0, slash), text);
    const double shape =
        slash == std::string_view::npos ? kDefaultParetoShape : parse_number(args.substr(slash + 1), text);
    if (!(shape > 1.0) || shape > 100.0)
      throw std::invalid_argument(fmt::format("the shape in '{}' must be above 1 (and at most 100)", text));
    if (mean < 1.0 || mean > kMaxTicks) throw std::invalid_argument(fmt::format("the mean in '{}' must be from 1 to 1e12", text));
    return pareto(mean, shape);
  }
  throw std::invalid_argument(
      fmt::format("unknown distribution '{}' (expected const:V, exp:MEAN, uniform:LO..HI or pareto:MEAN[/SHAPE])", text));
}

std::int64_t BurstDistribution::sample(RandomSource& random) const {
  switch (kind_) {
    case Kind::Const: return static_cast<std::int64_t>(a_);
    case Kind::Exp:
      // 1 + Geometric(p) has mean 1 + (1-p)/p = 1/p: p = 1/MEAN.
      return 1 + random.geometric(1.0 / a_);
    case Kind::Uniform: return random.between(static_cast<std::int64_t>(a_), static_cast<std::int64_t>(b_));
    case Kind::Pareto: {
      const double scale = a_ * (b_ - 1.0) / b_;
      const double x = scale * std::pow(random.unit_open_zero(), -1.0 / b_);
      return x >= kMaxTicks ? static_cast<std::int64_t>(kMaxTicks) : std::max<std::int64_t>(1, std::llround(x));
    }
  }
  return 0;
}

double BurstDistribution::mean() const {
  switch (kind_) {
    case Kind::Const: return a_;
    case Kind::Exp: return a_;
    case Kind::Uniform: return (a_ + b_) / 2.0;
    case Kind::Pareto: return a_;
  }
  return 0;
}

std::string BurstDistribution::text() const {
  switch (kind_) {
    case Kind::Const: return "const:" + number_text(a_);
    case Kind::Exp: return "exp:" + number_text(a_);
    case Kind::Uniform: return "uniform:" + number_text(a_) + ".." + number_text(b_);
    case Kind::Pareto: return "pareto:" + number_text(a_) + "/" + number_text(b_);
  }
  return "?";
}

}  // namespace schedlab::lab
