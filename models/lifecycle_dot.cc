#include "models/lifecycle_dot.h"

#include <set>
#include <sstream>
#include <string_view>

#include "models/lifecycle.h"

namespace ecsim::models {
namespace {

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// One cluster per machine; node names carry the machine's prefix so that the two "Deleted"
// states stay two nodes.
template <typename State>
void cluster(std::ostringstream& out, std::string_view name, std::string_view prefix,
             std::span<const Transition<State>> table) {
  out << "  subgraph " << quoted(std::string("cluster_") + std::string(name)) << " {\n";
  out << "    label=" << quoted(std::string(name) + " states") << ";\n";
  std::set<std::string_view> drawn;  // sorted, so the node order does not depend on the table's
  for (const auto& t : table) {
    drawn.insert(to_string(t.from));
    drawn.insert(to_string(t.to));
  }
  for (std::string_view s : drawn) {
    out << "    " << quoted(std::string(prefix) + std::string(s)) << " [label=" << quoted(s) << "];\n";
  }
  for (const auto& t : table) {
    out << "    " << quoted(std::string(prefix) + std::string(to_string(t.from))) << " -> "
        << quoted(std::string(prefix) + std::string(to_string(t.to))) << " [label=" << quoted(t.cause) << "];\n";
  }
  out << "  }\n";
}

}  // namespace

std::string lifecycle_dot() {
  std::ostringstream out;
  out << "digraph lifecycle {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n";
  cluster<ImageStatus>(out, "image", "image.", image_transitions());
  cluster<SnapshotStatus>(out, "snapshot", "snapshot.", snapshot_transitions());
  out << "}\n";
  return out.str();
}

}  // namespace ecsim::models
