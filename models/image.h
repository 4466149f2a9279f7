#pragma once
// Custom images and their disk mappings.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/disk.h"
#include "models/lifecycle.h"
#include "models/rare_vector.h"
#include "models/resource_id.h"
#include "models/small_vector.h"
#include "models/snapshot.h"
#include "models/symbol.h"
#include "sim/optional_time.h"
#include "sim/time.h"

namespace ecsim::models {

struct ImageDiskMapping {
  Symbol device;                         // /dev/xvda for the system disk, /dev/xvdb.. for data
  DiskType type = DiskType::kSystem;
  SnapshotIndex snapshot = kNoIndex;     // kNoIndex: an empty data disk
  std::int64_t size_bytes = 0;
};
static_assert(sizeof(ImageDiskMapping) == 24);

// Phases of an image being created, for the latency breakdown and the narration.
enum class ImagePhase : std::uint8_t { kSnapshots, kRegistering, kChecking, kDone };

// The attributes that take one of a few values across a region (and the source disk and instance,
// shared by all the images made from them) are Symbols: 4 bytes each instead of 32 (docs/performance.md).
struct Image {
  ResourceId image_id;
  std::string name;
  Symbol region_id;
  Symbol description;
  Symbol family;
  Symbol version;
  Symbol owner_account;
  Symbol owner_alias = symbol_of<"self">();      // self | system | others | marketplace
  Symbol resource_group;
  Symbol platform = symbol_of<"Others Linux">();
  Symbol architecture = symbol_of<"x86_64">();
  Symbol boot_mode = symbol_of<"UEFI-Preferred">();
  Symbol imds_support = symbol_of<"v1">();
  Symbol detection_strategy;
  Symbol source_instance_id;
  ImageStatus status = ImageStatus::kAvailable;
  ImagePhase phase = ImagePhase::kDone;
  bool importing = false;              // ImportImage still running -> ImageIsImporting
  std::uint8_t snapshots_waiting = 0;  // snapshots not yet usable (at most 17 disks)
  RareVector<std::pair<std::string, std::string>> tags;
  SmallVector<ImageDiskMapping> mappings;  // inline when there is one (the usual system disk)

  sim::CalendarTime creation_time;
  sim::SimTime created_at;                 // virtual time of the CreateImage call
  sim::OptionalSimTime finished_at;        // virtual time of the terminal state
  sim::SimTime snapshots_ready_at;
  sim::SimTime registered_at;
  std::uint32_t created_by_call = 0xffffffffU;  // workload call index, for status tracking

  // Locks held by the other lifecycle calls (DeleteImage's 403s; docs/lifecycle.md).
  ImageIndex copied_from = kNoIndex;   // a CopyImage target: its source image
  int copies_in_flight = 0;            // copies of this image still Waiting or Creating
  int exports_in_flight = 0;           // ExportImage tasks running -> ImageIsExporting
  // The accounts it is shared with: World::image_shared_with (few images have any).
};

}  // namespace ecsim::models
