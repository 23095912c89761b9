// The readers every table of the schema is built from: scalars (numbers, ticks, texts,
// names, booleans, words) and shapes (a mapping of known keys, a list, a table of names,
// `STEP: NAME`). Inline, in a header: they run for every key and value of a big file,
// and each schema_*.cpp file must be able to inline them.
#pragma once

#include <charconv>
#include <fmt/format.h>
#include <unordered_set>

#include "schema_reader.hpp"

namespace schedlab::detail {

// ---- scalars ----------------------------------------------------------------------------

inline std::int64_t SchemaReader::read_int(std::string_view key, std::int64_t min, std::int64_t max,
                                           std::string_view what) {
  const SourcePos at = y_.pos();
  std::string_view text = y_.scalar();
  std::int64_t v = 0;
  bool ok = y_.is_scalar() && y_.plain() && !text.empty();
  if (ok) {
    std::string_view digits = text;
    if (digits.front() == '+') digits.remove_prefix(1);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc::result_out_of_range) {
      y_.fail(at, fmt::format("'{}' is too large: {} (at most {})", key, text, max));
    }
    ok = ec == std::errc() && ptr == digits.data() + digits.size();
  }
  if (!ok) y_.fail(at, fmt::format("'{}' expects {}, got {}", key, what, describe(y_)));
  if (v < min) {
    y_.fail(at, min == 0 ? fmt::format("'{}' must be >= 0, got {}", key, v)
                         : min == 1 ? fmt::format("'{}' must be > 0, got {}", key, v)
                                    : fmt::format("'{}' must be >= {}, got {}", key, min, v));
  }
  if (v > max) y_.fail(at, fmt::format("'{}' is too large: {} (at most {})", key, v, max));
  y_.next();
  return v;
}

inline Ticks SchemaReader::read_ticks(std::string_view key, Ticks min) {
  return read_int(key, min, limits_.max_ticks, "a whole number of ticks");
}

inline Ticks SchemaReader::read_timeout() { return read_ticks("timeout", 0); }

inline std::string SchemaReader::read_string(std::string_view key) {
  if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a text, got {}", key, describe(y_)));
  std::string s(y_.scalar());
  if (s.empty()) y_.fail(fmt::format("'{}' must not be empty", key));
  y_.next();
  return s;
}

inline std::string_view SchemaReader::name_text(std::string_view key) {
  if (!y_.is_scalar()) y_.fail(fmt::format("'{}' expects a text, got {}", key, describe(y_)));
  if (y_.scalar().empty()) y_.fail(fmt::format("'{}' must not be empty", key));
  return y_.scalar();
}

inline bool SchemaReader::read_bool(std::string_view key) {
  const std::string_view s = y_.is_scalar() && y_.plain() ? y_.scalar() : std::string_view();
  if (s != "true" && s != "false") y_.fail(fmt::format("'{}' expects true or false, got {}", key, describe(y_)));
  const bool value = s == "true";  // (before next(): the text is the event's)
  y_.next();
  return value;
}

template <std::size_t N>
std::size_t SchemaReader::read_word(std::string_view key, const std::array<std::string_view, N>& words) {
  const std::string_view s = y_.is_scalar() && y_.plain() ? y_.scalar() : std::string_view();
  std::size_t i = 0;
  while (i < N && words[i] != s) ++i;
  if (i == N || s.empty())
    y_.fail(fmt::format("'{}' expects one of: {}, got {}", key, fmt::join(words, ", "), describe(y_)));
  y_.next();
  return i;
}

// ---- shapes -----------------------------------------------------------------------------

template <std::size_t N, typename OnKey>
void SchemaReader::read_mapping(std::string_view what, const std::array<std::string_view, N>& known, OnKey&& on_key) {
  static_assert(N <= 64);
  if (y_.type() != YAML_MAPPING_START_EVENT) y_.fail(fmt::format("expected {} (a mapping), got {}", what, describe(y_)));
  y_.next();
  std::uint64_t seen = 0;
  while (y_.type() != YAML_MAPPING_END_EVENT) {
    const SourcePos at = y_.pos();
    if (!y_.is_scalar()) y_.fail(fmt::format("expected a key, got {}", describe(y_)));
    const std::string_view key = y_.scalar();
    std::size_t index = 0;
    while (index < N && known[index] != key) ++index;
    if (index == N)
      y_.fail(at, fmt::format("unknown key {} in {} (expected one of: {})", describe(y_), what,
                              fmt::join(known, ", ")));  // describe(): quoted, long keys cut
    if (seen & (std::uint64_t{1} << index)) y_.fail(at, fmt::format("key '{}' given twice in {}", key, what));
    seen |= std::uint64_t{1} << index;
    y_.next();
    on_key(index, known[index], at);
    if (stopped_) return;  // a split read reached its end inside this mapping
  }
  y_.next();
}

template <typename OnItem>
void SchemaReader::read_list(std::string_view key, std::string_view what, OnItem&& on_item) {
  if (y_.type() != YAML_SEQUENCE_START_EVENT) y_.fail(fmt::format("'{}' expects a list of {}, got {}", key, what, describe(y_)));
  y_.next();
  while (y_.type() != YAML_SEQUENCE_END_EVENT) on_item();
  y_.next();
}

template <typename OnEntry>
void SchemaReader::read_table(std::string_view key, std::string_view what, OnEntry&& on_entry) {
  if (y_.type() != YAML_MAPPING_START_EVENT)
    y_.fail(fmt::format("'{}' expects a mapping of {}, got {}", key, what, describe(y_)));
  y_.next();
  std::unordered_set<std::string> seen;
  while (y_.type() != YAML_MAPPING_END_EVENT) {
    const SourcePos at = y_.pos();
    std::string name = read_string(key);
    if (!seen.insert(name).second) y_.fail(at, fmt::format("'{}' is given twice in '{}'", name, key));
    on_entry(name, at);
  }
  y_.next();
}

template <typename OnName>
Ticks SchemaReader::read_named(std::string_view step, std::string_view name_key, bool with_timeout, OnName&& on_name) {
  const SourcePos at = y_.pos();
  if (y_.is_scalar()) {
    on_name(name_text(step), at);
    y_.next();
    return -1;
  }
  if (!with_timeout) y_.fail(fmt::format("'{}' expects a name, got {}", step, describe(y_)));
  Ticks timeout = -1;
  bool named = false;
  const std::array<std::string_view, 2> keys{name_key, "timeout"};
  read_mapping(fmt::format("'{}'", step), keys, [&](std::size_t index, std::string_view k, SourcePos) {
    if (index == 0) {
      on_name(name_text(k), y_.pos());
      y_.next();
      named = true;
    } else {
      timeout = read_timeout();
    }
  });
  if (!named) y_.fail(at, fmt::format("'{}' needs a '{}'", step, name_key));
  return timeout;
}

}  // namespace schedlab::detail
