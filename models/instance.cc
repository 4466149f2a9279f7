#include "models/instance.h"

#include <array>
#include <utility>

#include "sim/assert.h"

namespace ecsim::models {
namespace {
constexpr std::array<std::pair<InstanceStatus, std::string_view>, 5> kNames{{
    {InstanceStatus::kPending, "Pending"},
    {InstanceStatus::kRunning, "Running"},
    {InstanceStatus::kStarting, "Starting"},
    {InstanceStatus::kStopping, "Stopping"},
    {InstanceStatus::kStopped, "Stopped"},
}};
}  // namespace

std::optional<InstanceStatus> parse_instance_status(std::string_view s) {
  for (const auto& [st, name] : kNames) {
    if (name == s) return st;
  }
  return std::nullopt;
}

std::string_view to_string(InstanceStatus s) {
  for (const auto& [st, name] : kNames) {
    if (st == s) return name;
  }
  ECSIM_UNREACHABLE("unknown InstanceStatus");
}

}  // namespace ecsim::models
