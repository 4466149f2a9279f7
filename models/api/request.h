#pragma once
// An API request as the RPC wire has it: an action and flat string parameters, lists and
// objects spelled Alibaba's way ("DiskDeviceMapping.1.SnapshotId", "Tag.2.Key",
// "Features.ImdsSupport"). A list entry given as an empty object is kept as the bare prefix
// ("DiskDeviceMapping.2" = "") so that handlers can tell it from an absent one.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/dependency_graph.h"

namespace ecsim::models {

struct ApiRequest {
  std::string action;
  std::map<std::string, std::string, std::less<>> params;

  // The value of a parameter; nullopt when absent. An empty string counts as absent, as in the
  // real API's query strings.
  std::optional<std::string_view> get(std::string_view key) const {
    auto it = params.find(key);
    if (it == params.end() || it->second.empty()) return std::nullopt;
    return std::string_view(it->second);
  }
  bool has_prefix(std::string_view prefix) const {
    auto it = params.lower_bound(prefix);
    return it != params.end() && std::string_view(it->first).substr(0, prefix.size()) == prefix;
  }
  bool flag(std::string_view key) const {
    auto v = get(key);
    return v && (*v == "true" || *v == "True" || *v == "TRUE");
  }
  std::string region_id() const { return std::string(get("RegionId").value_or("")); }
};

// The resource a call created or changed, whose terminal state the call log follows.
struct TrackedResource {
  ResourceKind kind = ResourceKind::kImage;
  std::uint32_t index = 0;
};

struct ApiResponse {
  std::vector<std::pair<std::string, std::string>> fields;  // the body, e.g. {"ImageId", "m-..."}
  std::optional<TrackedResource> tracked;
};

}  // namespace ecsim::models
