#include "yaml_cursor.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace schedlab::detail {

YamlCursor::YamlCursor(std::string source, std::FILE* file) : source_(std::move(source)), file_(file) {
  if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
  yaml_parser_set_input_file(&parser_, file);
}

YamlCursor::YamlCursor(std::string source, std::string_view text) : source_(std::move(source)), text_(text) {
  if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
  yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

YamlCursor::YamlCursor(std::string source, yaml_read_handler_t* handler, void* data, std::uint32_t line_offset)
    : source_(std::move(source)), line_offset_(line_offset) {
  if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
  yaml_parser_set_input(&parser_, handler, data);
}

YamlCursor::~YamlCursor() {
  if (have_event_) yaml_event_delete(&event_);
  yaml_parser_delete(&parser_);
}

void YamlCursor::fail(SourcePos at, const std::string& message) const {
  throw InputError(source_, at.line, at.column, message);
}

SourcePos YamlCursor::position_of(std::size_t offset) const {
  SourcePos at{1, 1};
  auto count = [&](const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (p[i] == '\n') {
        ++at.line;
        at.column = 1;
      } else {
        ++at.column;
      }
    }
  };
  if (file_ != nullptr) {
    if (std::fseek(file_, 0, SEEK_SET) != 0) return SourcePos{1, 1};
    char buffer[1 << 16];
    for (std::size_t left = offset; left > 0;) {
      const std::size_t got = std::fread(buffer, 1, std::min(left, sizeof buffer), file_);
      if (got == 0) break;
      count(buffer, got);
      left -= got;
    }
  } else {
    count(text_.data(), std::min(offset, text_.size()));
  }
  return at;
}

void YamlCursor::fetch() {
  if (have_event_) return;
  if (!yaml_parser_parse(&parser_, &event_)) {
    // libyaml marks are 0-based; a problem without a context mark still has its own.
    const yaml_mark_t mark = parser_.problem_mark;
    std::string what = parser_.problem != nullptr ? parser_.problem : "malformed YAML";
    if (parser_.error == YAML_READER_ERROR) {  // not text: bad UTF-8, a control character, a read error
      if (parser_.problem_offset == 0 && what == "input error") what = "cannot read the file";
      const SourcePos at = position_of(parser_.problem_offset);
      throw InputError(source_, at.line, at.column, fmt::format("{} (byte {})", what, parser_.problem_offset));
    }
    if (parser_.context != nullptr) what = fmt::format("{} {}", what, parser_.context);
    throw InputError(source_, static_cast<std::uint32_t>(mark.line + 1) + line_offset_,
                     static_cast<std::uint32_t>(mark.column + 1),
                     fmt::format("malformed YAML: {}", what));
  }
  have_event_ = true;
  if (event_.type == YAML_ALIAS_EVENT)
    fail(pos(), fmt::format("YAML aliases (*{}) are not supported: write the value out",
                            reinterpret_cast<const char*>(event_.data.alias.anchor)));
}

yaml_event_type_t YamlCursor::type() {
  fetch();
  return event_.type;
}

SourcePos YamlCursor::pos() {
  fetch();
  return SourcePos{static_cast<std::uint32_t>(event_.start_mark.line + 1) + line_offset_,
                   static_cast<std::uint32_t>(event_.start_mark.column + 1)};
}

void YamlCursor::next() {
  fetch();
  yaml_event_delete(&event_);
  have_event_ = false;
}

std::string_view YamlCursor::scalar() {
  fetch();
  if (event_.type != YAML_SCALAR_EVENT) return {};
  return {reinterpret_cast<const char*>(event_.data.scalar.value), event_.data.scalar.length};
}

bool YamlCursor::plain() {
  fetch();
  return event_.type == YAML_SCALAR_EVENT && event_.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

void YamlCursor::expect(yaml_event_type_t t, std::string_view what) {
  if (type() != t) fail(fmt::format("expected {}, got {}", what, describe(*this)));
  next();
}

std::string describe(YamlCursor& cursor) {
  switch (cursor.type()) {
    case YAML_SCALAR_EVENT: {
      std::string_view s = cursor.scalar();
      if (s.empty()) return "nothing";
      if (s.size() > 40) return fmt::format("'{}...'", s.substr(0, 37));
      return fmt::format("'{}'", s);
    }
    case YAML_SEQUENCE_START_EVENT: return "a list";
    case YAML_MAPPING_START_EVENT: return "a mapping";
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_END_EVENT: return "the end of the file";
    default: return "something else";
  }
}

}  // namespace schedlab::detail
