#include "models/scenario/network_parser.h"

#include <set>

#include "models/scenario/scenario_parser.h"

namespace ecsim::models {
namespace {

bool check_keys(const YAML::Node& n, const std::string& what, const std::set<std::string>& allowed,
                const NetworkParseError& error) {
  if (!n.IsMap()) {
    error(n, what + " must be a mapping", "a mapping of keys to values");
    return false;
  }
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (!allowed.contains(key)) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      error(it->first, "unknown key '" + key + "' in " + what, "one of: " + list);
    }
  }
  return true;
}

}  // namespace

void parse_network(const YAML::Node& n, NetworkSpec& out, const NetworkParseError& error) {
  if (!check_keys(n, "network", {"regions", "links"}, error)) return;
  if (const YAML::Node regions = n["regions"]) {
    if (!regions.IsSequence()) {
      error(regions, "network.regions must be a list of region IDs", "e.g. [cn-hangzhou, cn-shanghai]");
    } else {
      for (const auto& r : regions) {
        if (!r.IsScalar()) error(r, "a region ID must be a single value", "a string");
        else out.regions.push_back(r.Scalar());
      }
    }
  }
  const YAML::Node links = n["links"];
  if (!links) return;
  if (!links.IsSequence()) {
    error(links, "network.links must be a list", "a list of {between: [A, B], bandwidth: 40MiB/s, latency: 5ms}");
    return;
  }
  for (const auto& l : links) {
    if (!check_keys(l, "a network link", {"between", "bandwidth", "latency"}, error)) continue;
    RegionLinkSpec link;
    const YAML::Node between = l["between"];
    if (!between || !between.IsSequence() || between.size() != 2 || !between[0].IsScalar() || !between[1].IsScalar()) {
      error(between ? between : l, "a link needs 'between' with two region IDs", "between: [cn-hangzhou, cn-shanghai]");
      continue;
    }
    link.a = between[0].Scalar();
    link.b = between[1].Scalar();
    if (link.a == link.b) error(between, "a link joins two different regions", "two distinct region IDs");
    const YAML::Node bw = l["bandwidth"];
    if (!bw || !bw.IsScalar()) {
      error(bw ? bw : l, "a link needs a bandwidth", "a size per second, e.g. 40MiB/s");
      continue;
    }
    if (auto v = parse_throughput_bytes_per_s(bw.Scalar())) link.bandwidth_bytes_per_s = *v;
    else {
      error(bw, "invalid bandwidth '" + bw.Scalar() + "'", "a size per second, e.g. 40MiB/s");
      continue;
    }
    if (const YAML::Node lat = l["latency"]) {
      auto d = lat.IsScalar() ? sim::parse_duration(lat.Scalar()) : std::nullopt;
      if (!d || *d < sim::SimDuration::zero()) error(lat, "invalid latency", "a duration, e.g. 5ms");
      else link.latency = *d;
    }
    if (link.a != link.b) out.links.push_back(std::move(link));
  }
}

}  // namespace ecsim::models
