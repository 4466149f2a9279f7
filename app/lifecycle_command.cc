// `ecsim lifecycle --dot`: the image and snapshot state machines as Graphviz DOT, drawn from the
// transition tables the simulator runs (models/lifecycle_dot.h).

#include <cstdio>
#include <iostream>

#include "app/commands.h"
#include "models/lifecycle_dot.h"

namespace ecsim::app {

int lifecycle_command(const std::vector<std::string>& args) {
  if (args.size() != 1 || args.front() != "--dot") {
    std::fprintf(stderr, "ecsim: lifecycle takes exactly --dot\n");
    return usage(2);
  }
  std::cout << models::lifecycle_dot();
  return 0;
}

}  // namespace ecsim::app
