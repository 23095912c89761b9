#include <schedlab/lab/workload_yaml_writer.hpp>

#include <iterator>

#include <schedlab/report/output_buffer.hpp>

namespace schedlab::lab {

using report::append_json_string;

namespace {
void append_int(fmt::memory_buffer& out, std::int64_t v) {
  const fmt::format_int text(v);
  out.append(text.data(), text.data() + text.size());
}
void append(fmt::memory_buffer& out, std::string_view s) { out.append(s.data(), s.data() + s.size()); }
}  // namespace

void append_workload_header(fmt::memory_buffer& out, const std::string& name, std::uint32_t cpus,
                            const std::string& comment) {
  if (!comment.empty()) fmt::format_to(std::back_inserter(out), "# {}\n", comment);
  append(out, "name: ");
  append_json_string(out, name);  // a JSON string is a valid double-quoted YAML scalar
  fmt::format_to(std::back_inserter(out), "\ncpus: {}\nprocesses:\n", cpus);
}

void append_process_line(fmt::memory_buffer& out, const GeneratedProcess& p, const WrittenAttributes& attributes) {
  append(out, "- {name: ");
  append(out, p.name);  // p<digits>: a plain scalar
  append(out, ", arrival: ");
  append_int(out, p.arrival);
  if (attributes.priority) {
    append(out, ", priority: ");
    append_int(out, p.priority);
  }
  if (attributes.tickets) {
    append(out, ", tickets: ");
    append_int(out, p.tickets);
  }
  if (attributes.nice) {
    append(out, ", nice: ");
    append_int(out, p.nice);
  }
  if (p.period > 0) {
    append(out, p.sporadic ? ", min_interarrival: " : ", period: ");
    append_int(out, p.period);
    if (p.sporadic) {
      append(out, ", jitter: ");
      append_int(out, p.jitter);
    }
    if (p.deadline != p.period) {
      append(out, ", deadline: ");
      append_int(out, p.deadline);
    }
  }
  if (p.program.size() == 1 && p.program.front().op == Op::Cpu) {
    append(out, ", burst: ");
    append_int(out, p.program.front().value);
    append(out, "}\n");
    return;
  }
  append(out, ", program: [");
  bool first = true;
  for (const Step& s : p.program) {
    append(out, first ? "{" : ", {");
    first = false;
    append(out, s.op == Op::Io ? "io: " : "cpu: ");  // the generator makes only these two
    append_int(out, s.value);
    out.push_back('}');
  }
  append(out, "]}\n");
}

void append_workload_footer(fmt::memory_buffer& out, Ticks horizon) {
  if (horizon >= 0) fmt::format_to(std::back_inserter(out), "horizon: {}\n", horizon);
}

}  // namespace schedlab::lab
