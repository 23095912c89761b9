// schedlab-gui [WORKLOAD] [--policy SPEC] [--compare SPEC] [--plugin SO] ...
// schedlab-gui --trace FILE.json: a run saved by `schedlab explore --trace`, read-only.
// The options are parsed with Boost.Program_options, like the `schedlab` command.
#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "app.hpp"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  schedlab::gui::Options o;
  o.argv0 = argc > 0 ? argv[0] : "schedlab-gui";
  po::options_description desc("schedlab-gui: watch a scheduling policy run a workload\n\nOptions");
  desc.add_options()
      ("help,h", "show this help")
      ("workload", po::value<std::string>(&o.workload)->value_name("FILE"),
       "workload file (default: workloads/default.yaml, else a built-in example)")
      ("trace", po::value<std::string>(&o.trace)->value_name("FILE.json"),
       "show a saved run read-only (written by 'schedlab explore --trace')")
      ("example", po::bool_switch(&o.example), "open the built-in example workload (2 CPUs, every common state)")
      ("policy,p", po::value<std::string>(&o.policy)->default_value("rr")->value_name("SPEC"),
       "policy spec, e.g. rr:quantum=4")
      ("compare", po::value<std::string>(&o.compare)->value_name("SPEC"), "start in compare mode against this policy")
      ("plugin", po::value<std::vector<std::string>>(&o.plugins)->composing()->value_name("FILE.so"),
       "load the policies of a plugin (repeatable); native code run with your rights")
      ("cpus", po::value<schedlab::CpuId>(&o.cpus)->value_name("N"), "number of CPUs (default: the workload's)")
      ("seed", po::value<std::uint64_t>(&o.seed)->default_value(1)->value_name("S"), "seed for randomised policies")
      ("select", po::value<std::string>(&o.select)->value_name("NAME"), "select this task at start")
      ("screenshot", po::value<std::string>(&o.screenshot)->value_name("PNG"),
       "headless: render --frames frames offscreen, write a PNG and exit")
      ("input", po::value<std::string>(&o.input)->value_name("SCRIPT"),
       "headless: scripted input, e.g. \"move 600 300; wheel 3; key space\" (see gui/input_script.hpp)")
      ("frames", po::value<int>(&o.frames)->default_value(3)->value_name("N"), "frames to render before the screenshot")
      ("play-to", po::value<double>(&o.play_to)->value_name("T"), "put the playhead at tick T first")
      ("view", po::value<std::string>()->value_name("T0:T1"), "show ticks T0 to T1 first (default: the whole run)")
      ("width", po::value<int>(&o.width)->default_value(1600)->value_name("PX"), "window width")
      ("height", po::value<int>(&o.height)->default_value(960)->value_name("PX"), "window height");
  po::positional_options_description positional;
  positional.add("workload", 1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(desc).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: schedlab-gui [WORKLOAD] [--policy SPEC] [options]\n"
                   "       schedlab-gui --trace FILE.json [options]\n\n" << desc << '\n';
      return 0;
    }
    po::notify(vm);
    if (vm.count("view")) {
      const std::string v = vm["view"].as<std::string>();
      const auto colon = v.find(':');
      try {
        if (colon == std::string::npos) throw std::invalid_argument("no colon");
        o.view_from = std::stod(v.substr(0, colon));
        o.view_to = std::stod(v.substr(colon + 1));
      } catch (const std::exception&) {
        o.view_from = o.view_to = -1;
      }
      if (!(o.view_to > o.view_from && o.view_from >= 0)) {
        std::fprintf(stderr, "schedlab-gui: error: --view expects T0:T1 with 0 <= T0 < T1, got '%s'\n", v.c_str());
        return 2;
      }
    }
  } catch (const po::error& e) {
    std::fprintf(stderr, "schedlab-gui: error: %s (see --help)\n", e.what());
    return 2;
  }
  if (!o.trace.empty() && (!o.workload.empty() || o.example || !o.compare.empty())) {
    std::fprintf(stderr, "schedlab-gui: error: --trace shows a saved run on its own: give no workload, --example or --compare with it\n");
    return 2;
  }
  if (o.frames < 1 || o.width < 320 || o.height < 240) {
    std::fprintf(stderr, "schedlab-gui: error: --frames must be >= 1 and the window at least 320x240\n");
    return 2;
  }
  return schedlab::gui::run_app(std::move(o));
}
