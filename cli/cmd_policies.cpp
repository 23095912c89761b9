// schedlab policies: what can be passed to --policy.
#include <fmt/format.h>

#include <schedlab/report/output_buffer.hpp>
#include <schedlab/report/text_table.hpp>

#include "cli.hpp"
#include "commands.hpp"
#include "options.hpp"

namespace schedlab::cli {

namespace {
std::string_view type_word(ParamType t) {
  switch (t) {
    case ParamType::Int: return "int";
    case ParamType::Bool: return "bool";
    case ParamType::IntList: return "int list";
    case ParamType::Double: return "number";
    case ParamType::String: return "text";
  }
  return "?";
}
}  // namespace

int cmd_policies(const std::vector<std::string>& args, std::ostream& out, std::ostream& /*err*/) {
  std::string format_text;
  std::vector<std::string> plugin_paths;
  po::options_description desc("options");
  desc.add_options()
      ("help,h", "show this help")
      ("format,f", po::value(&format_text)->default_value("table")->value_name("FMT"), "table or json");
  add_plugin_option(desc, plugin_paths);
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse_command("policies", "[--format table|json] [--plugin FILE.so]...", args, desc, pos, vm, out))
    return kExitOk;
  const Format format = parse_format(format_text);
  const PolicySet policies = load_policies(plugin_paths);
  OutputBuffer buffer(out);
  if (format == Format::Json) {
    fmt::memory_buffer& b = buffer.raw();
    b.append(std::string_view("["));
    bool first_policy = true;
    for (const PolicyInfo& p : policies.registry.all()) {
      b.append(std::string_view(first_policy ? "\n{\"name\":" : ",\n{\"name\":"));
      first_policy = false;
      append_json_string(b, p.name);
      b.append(std::string_view(",\"summary\":"));
      append_json_string(b, p.summary);
      if (const LoadedPlugin* plugin = policies.plugin_of(p.name)) {  // built-ins have no "plugin" key
        b.append(std::string_view(",\"plugin\":"));
        append_json_string(b, plugin->path);
      }
      b.append(std::string_view(",\"params\":["));
      bool first = true;
      for (const ParamSpec& s : p.params) {
        b.append(std::string_view(first ? "{\"name\":" : ",{\"name\":"));
        first = false;
        append_json_string(b, s.name);
        b.append(std::string_view(",\"type\":"));
        append_json_string(b, type_word(s.type));
        b.append(std::string_view(",\"default\":"));
        append_json_string(b, s.default_value);
        b.append(std::string_view(",\"help\":"));
        append_json_string(b, s.help);
        b.append(std::string_view("}"));
      }
      b.append(std::string_view("]}"));
    }
    b.append(std::string_view("\n]\n"));
    return kExitOk;
  }
  if (format == Format::Csv) throw UsageError("'policies' prints table or json");
  for (const PolicyInfo& p : policies.registry.all()) {
    const LoadedPlugin* plugin = policies.plugin_of(p.name);
    buffer.print("{:<10} {}{}\n", p.name, p.summary, plugin ? fmt::format(" [plugin {}]", plugin->path) : "");
    for (const ParamSpec& s : p.params) {
      std::string range;
      if (s.type == ParamType::Int || s.type == ParamType::IntList) {
        if (s.min != std::numeric_limits<std::int64_t>::min()) range += fmt::format(", >= {}", s.min);
        if (s.max != std::numeric_limits<std::int64_t>::max()) range += fmt::format(", <= {}", s.max);
      }
      buffer.print("{:<10}   {}={} ({}{}): {}\n", "", s.name, s.default_value, type_word(s.type), range, s.help);
    }
  }
  buffer.write("\nUse as --policy NAME or --policy NAME:key=value,key=value (lists: 2/4/8).\n");
  return kExitOk;
}

}  // namespace schedlab::cli
