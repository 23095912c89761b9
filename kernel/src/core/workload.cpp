#include <schedlab/workload.hpp>

#include <stdexcept>

namespace schedlab {

std::uint32_t Workload::add_program(const Step* program, std::size_t count) {
  if (steps.size() + count > UINT32_MAX) throw std::length_error("workload: too many steps");
  const ProgramRef ref{static_cast<std::uint32_t>(steps.size()), static_cast<std::uint32_t>(count)};
  steps.insert(steps.end(), program, program + count);
  programs.push_back(ref);
  return static_cast<std::uint32_t>(programs.size() - 1);
}

std::size_t Workload::add_process(std::string process_name, Ticks arrival, const std::vector<Step>& program,
                                  int priority) {
  ProcessSpec p;
  p.name = std::move(process_name);
  p.arrival = arrival;
  p.priority = priority;
  p.program = add_program(program);
  processes.push_back(std::move(p));
  return processes.size() - 1;
}

}  // namespace schedlab
