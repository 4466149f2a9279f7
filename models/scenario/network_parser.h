#pragma once
// The scenario's `network:` key: the regions CopyImage can reach and the links between them.
//
//   network:
//     regions: [cn-hangzhou, cn-shanghai, ap-southeast-1]   # optional; link endpoints count too
//     links:
//       - {between: [cn-hangzhou, cn-shanghai], bandwidth: 40MiB/s, latency: 5ms}
//       - {between: [cn-shanghai, ap-southeast-1], bandwidth: 20MiB/s, latency: 40ms}
//
// bandwidth is a size per second (required); latency a duration (default 0). Without the key
// the run uses default_network() (models/region_network.h).

#include <functional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "models/region_network.h"

namespace ecsim::models {

// Reports a problem at a node: (node, what, expected).
using NetworkParseError = std::function<void(const YAML::Node&, std::string, std::string)>;

// Parses `n` into `out`; every problem goes to `error`, and parsing goes on past it.
void parse_network(const YAML::Node& n, NetworkSpec& out, const NetworkParseError& error);

}  // namespace ecsim::models
