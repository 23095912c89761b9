// A cursor over libyaml's event stream with one event of look-ahead, positions for
// every event, and errors as InputError (FILE:LINE:COL).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include <yaml.h>

#include <schedlab/errors.hpp>
#include <schedlab/workload.hpp>

namespace schedlab::detail {

class YamlCursor {
 public:
  // Reads from an open file (not owned) or from a string (which must outlive the cursor).
  YamlCursor(std::string source, std::FILE* file);
  YamlCursor(std::string source, std::string_view text);
  // Reads through `handler` (libyaml's read callback); reported lines are shifted by
  // `line_offset` (for reading the second part of a split file).
  YamlCursor(std::string source, yaml_read_handler_t* handler, void* data, std::uint32_t line_offset);
  ~YamlCursor();
  YamlCursor(const YamlCursor&) = delete;
  YamlCursor& operator=(const YamlCursor&) = delete;

  yaml_event_type_t type();  // of the current event
  SourcePos pos();           // where the current event starts
  void next();               // consume the current event

  bool is_scalar() { return type() == YAML_SCALAR_EVENT; }
  // The current event's scalar text (only valid until next()).
  std::string_view scalar();
  // True for unquoted scalars (quoted text is never a number or a boolean).
  bool plain();

  // Consume an event of the given type or fail with "expected WHAT".
  void expect(yaml_event_type_t type, std::string_view what);

  [[noreturn]] void fail(SourcePos at, const std::string& message) const;
  [[noreturn]] void fail(const std::string& message) { fail(pos(), message); }

  const std::string& source() const { return source_; }

 private:
  void fetch();
  // Line and column (1-based, in bytes) of byte `offset` of the input, when the input can
  // be read again from its start (a string or a whole file); {1, 1} otherwise.
  SourcePos position_of(std::size_t offset) const;

  std::string source_;
  std::string_view text_;        // string input
  std::FILE* file_ = nullptr;    // whole-file input
  std::uint32_t line_offset_ = 0;
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool have_event_ = false;
};

// What the current event is, for messages: "a mapping", "a list", "'abc'"...
std::string describe(YamlCursor& cursor);

}  // namespace schedlab::detail
