#include "ostep_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli.hpp"

namespace ostep_test {

namespace {

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::vector<Args> scheduler_grid() {
  // Each seed takes the next combination, so that 240 seeds cover every one 10 times.
  std::vector<Args> combos;
  for (const char* policy : {"FIFO", "SJF", "RR"})
    for (const char* jobs : {"1", "3", "5", "8"})
      for (const char* maxlen : {"10", "100"}) {
        Args a{"-p", policy, "-j", jobs, "-m", maxlen};
        if (std::string(policy) == "RR") a.insert(a.end(), {"-q", jobs[0] == '3' ? "4" : "1"});
        combos.push_back(a);
      }
  std::vector<Args> out;
  // Fixed job lists first (decimal lengths, ties for SJF, a quantum that divides or not).
  for (const char* policy : {"FIFO", "SJF", "RR"})
    for (const char* jlist : {"10,15,20", "200,100,100,5", "1.5,0.25,3", "7", "0.1,0.2,0.3", "3,1,2,1,3"}) {
      out.push_back({"-c", "-p", policy, "-l", jlist});
      out.push_back({"-c", "-p", policy, "-l", jlist, "-q", "2"});
    }
  out.push_back({"-p", "LOTTERY", "-c", "-s", "3"});
  out.push_back({"-s", "010", "-j", "4"});
  out.push_back({"--seed=-77", "--pol", "SJF", "-c"});
  out.push_back({"-cs", "12", "-pRR", "-q3"});
  for (int seed = 0; seed < 240; ++seed) {
    Args a = combos[static_cast<std::size_t>(seed) % combos.size()];
    a.insert(a.end(), {"-s", std::to_string(seed)});
    if (seed % 7 != 3) a.push_back("-c");
    out.push_back(a);
  }
  return out;
}

}  // namespace

std::vector<Args> grid(const std::string& homework) {
  if (homework == "scheduler") return scheduler_grid();
  throw std::invalid_argument("no grid for " + homework);
}

std::size_t golden_count(const std::string& homework) {
  return homework == "scheduler" ? 36 + 4 + 60 : 0;
}

std::string script_path(const std::string& homework) {
  if (homework == "scheduler") return "cpu-sched/scheduler.py";
  throw std::invalid_argument("no script for " + homework);
}

std::string run_script(const std::string& script, const Args& args, int& status) {
  const char* python = std::getenv("OSTEP_PYTHON");
  std::string command = quote(python ? python : "python3") + " " + quote(script);
  for (const std::string& a : args) command += " " + quote(a);
  command += " 2>/dev/null";
  FILE* p = popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  status = pclose(p);
  return out;
}

std::string run_schedlab(const std::string& homework, const Args& args, int& status) {
  std::vector<std::string> all{"ostep", homework};
  all.insert(all.end(), args.begin(), args.end());
  std::ostringstream out, err;
  status = schedlab::cli::run_cli(all, out, err);
  return out.str();
}

std::string golden_path(const std::string& homework) {
  return std::string(SCHEDLAB_SOURCE_DIR) + "/tests/ostep/golden/" + homework + ".txt";
}

// Format: for each case a line "=== BYTES ARG ARG ..." (args separated by a tab), then
// exactly BYTES bytes of output.
std::vector<Case> read_golden(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Case> cases;
  std::string header;
  while (std::getline(in, header)) {
    if (header.rfind("=== ", 0) != 0) throw std::runtime_error("bad golden header: " + header);
    std::istringstream h(header.substr(4));
    std::size_t bytes = 0;
    h >> bytes;
    Case c;
    std::string rest;
    std::getline(h, rest);
    std::istringstream fields(rest.empty() ? rest : rest.substr(1));
    for (std::string a; std::getline(fields, a, '\t');) c.args.push_back(a);
    c.output.resize(bytes);
    in.read(c.output.data(), static_cast<std::streamsize>(bytes));
    cases.push_back(std::move(c));
  }
  return cases;
}

void write_golden(const std::string& path, const std::vector<Case>& cases) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const Case& c : cases) {
    out << "=== " << c.output.size();
    for (std::size_t i = 0; i < c.args.size(); ++i) out << (i ? '\t' : ' ') << c.args[i];
    out << '\n' << c.output;
  }
}

std::string join(const Args& args) {
  std::string s;
  for (const std::string& a : args) s += (s.empty() ? "" : " ") + a;
  return s;
}

}  // namespace ostep_test
