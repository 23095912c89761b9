// One line of a checkpoint's cells.log: a finished cell, exactly. Doubles are written as
// the hex of their bit pattern, so a resumed sweep prints the same digits as one that never
// stopped. The line ends in the CRC-32 (Boost.CRC) of everything before it:
//   CELL STATUS CPUS PROCESSES REALTIME MISS WORST M0 M1 ... CRC\n
#include <bit>
#include <boost/crc.hpp>
#include <charconv>
#include <fmt/format.h>

#include <schedlab/report/sweep_checkpoint.hpp>

namespace schedlab::report {

namespace {

std::uint32_t crc32(std::string_view text) {
  boost::crc_32_type crc;
  crc.process_bytes(text.data(), text.size());
  return crc.checksum();
}

// Reads the next space-separated field of `rest` as an unsigned number in `base`.
template <class T>
bool next_number(std::string_view& rest, T& value, int base = 10) {
  const std::size_t space = rest.find(' ');
  const std::string_view field = rest.substr(0, space);
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value, base);
  if (field.empty() || ec != std::errc() || end != field.data() + field.size()) return false;
  rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  return true;
}

bool next_double(std::string_view& rest, double& value) {
  std::uint64_t bits = 0;
  if (!next_number(rest, bits, 16)) return false;
  value = std::bit_cast<double>(bits);
  return true;
}

}  // namespace

std::string encode_cell_record(const CellResult& c) {
  fmt::memory_buffer b;
  auto it = std::back_inserter(b);
  fmt::format_to(it, "{} {} {} {} {} {:x} {:x}", c.cell, static_cast<unsigned>(c.status), c.cpus, c.processes,
                 c.realtime ? 1 : 0, std::bit_cast<std::uint64_t>(c.miss_ratio),
                 std::bit_cast<std::uint64_t>(c.worst_response));
  for (double m : c.metrics) fmt::format_to(it, " {:x}", std::bit_cast<std::uint64_t>(m));
  const std::uint32_t crc = crc32(std::string_view(b.data(), b.size()));
  fmt::format_to(it, " {:08x}\n", crc);
  return fmt::to_string(b);
}

bool decode_cell_record(std::string_view line, std::size_t metrics, CellResult& c) {
  if (line.empty() || line.back() != '\n') return false;  // torn: the write never finished
  line.remove_suffix(1);
  const std::size_t last = line.rfind(' ');
  if (last == std::string_view::npos) return false;
  std::string_view crc_field = line.substr(last + 1);
  std::uint32_t crc = 0;
  if (!next_number(crc_field, crc, 16) || crc != crc32(line.substr(0, last))) return false;
  std::string_view rest = line.substr(0, last);
  unsigned status = 0, realtime = 0;
  if (!next_number(rest, c.cell) || !next_number(rest, status) || !next_number(rest, c.cpus) ||
      !next_number(rest, c.processes) || !next_number(rest, realtime) || !next_double(rest, c.miss_ratio) ||
      !next_double(rest, c.worst_response))
    return false;
  if (status > static_cast<unsigned>(RunStatus::LimitReached) || realtime > 1) return false;
  c.status = static_cast<RunStatus>(status);
  c.realtime = realtime == 1;
  c.metrics.assign(metrics, 0.0);
  for (double& m : c.metrics)
    if (!next_double(rest, m)) return false;
  return rest.empty();
}

}  // namespace schedlab::report
