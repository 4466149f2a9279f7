#pragma once
// ECS instances: status, operation locks and the flags CreateImage checks.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/disk.h"
#include "models/resource_id.h"
#include "models/small_vector.h"
#include "models/snapshot.h"
#include "models/symbol.h"

namespace ecsim::models {

enum class InstanceStatus : std::uint8_t { kPending, kRunning, kStarting, kStopping, kStopped };
std::optional<InstanceStatus> parse_instance_status(std::string_view s);
std::string_view to_string(InstanceStatus s);

struct Instance {
  Symbol instance_id;  // Symbols: every image made from it repeats them (source_instance_id)
  Symbol region_id;
  InstanceStatus status = InstanceStatus::kRunning;
  std::set<std::string> operation_locks;  // e.g. "security" -> InstanceLockedForSecurity
  bool hibernation_configured = false;    // -> HibernationConfigured.InstanceOperationForbidden
  ResourceId image_id;                    // the image the instance was created from, if known
  ImageIndex created_from = kNoIndex;     // that image, when the scenario has it (World::set_created_from)
  SmallVector<DiskIndex> disks;           // system disk first when there is one (inline when alone)
};

}  // namespace ecsim::models
