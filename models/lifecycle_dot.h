#pragma once
// The image and snapshot state machines as Graphviz DOT, drawn from the transition tables the
// simulator runs (models/lifecycle.h): one edge per table row, labelled with its cause. `ecsim
// lifecycle --dot` prints it; since nothing else feeds the picture, it cannot drift from the code.

#include <string>

namespace ecsim::models {

std::string lifecycle_dot();

}  // namespace ecsim::models
