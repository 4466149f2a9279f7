// ecsim: a deterministic discrete-event simulator of an Alibaba Cloud ECS region's image
// lifecycle. This file only dispatches verbs and turns anything unexpected into exit status 1.

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "app/commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return ecsim::app::usage(2);
  const std::string verb = args.front();
  args.erase(args.begin());
  try {
    if (verb == "run") return ecsim::app::run_command(args);
    if (verb == "check") return ecsim::app::check_command(args);
    if (verb == "validate") return ecsim::app::validate_command(args);
    if (verb == "graph") return ecsim::app::graph_command(args);
    if (verb == "errors") return ecsim::app::errors_command(args);
    if (verb == "sweep") return ecsim::app::sweep_command(args);
    if (verb == "report") return ecsim::app::report_command(args);
    if (verb == "calibrate") return ecsim::app::calibrate_command(args);
    if (verb == "lifecycle") return ecsim::app::lifecycle_command(args);
    if (verb == "explain") return ecsim::app::explain_command(args);
    if (verb == "help" || verb == "--help" || verb == "-h") return ecsim::app::usage(0);
    std::fprintf(stderr, "ecsim: unknown command '%s'\n", verb.c_str());
    return ecsim::app::usage(2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ecsim: internal error: %s\n", e.what());
    return 1;
  } catch (...) {
    std::fprintf(stderr, "ecsim: internal error: unknown exception\n");
    return 1;
  }
}
