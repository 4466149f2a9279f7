#pragma once
// Snapshots: `progressing` -> `accomplished` | `failed`, with the attributes CreateImage checks.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/disk.h"
#include "models/lifecycle.h"
#include "models/resource_id.h"
#include "models/symbol.h"
#include "sim/time.h"

namespace ecsim::models {

using SnapshotIndex = std::uint32_t;
using ImageIndex = std::uint32_t;

// standard: the normal snapshot; flash: the legacy local "flash" snapshot of instant access;
// archive: an archived snapshot (cold storage), which cannot be used to create images.
enum class SnapshotCategory : std::uint8_t { kStandard, kFlash, kArchive };
std::optional<SnapshotCategory> parse_snapshot_category(std::string_view s);
std::string_view to_string(SnapshotCategory c);

struct Snapshot {
  ResourceId snapshot_id;
  Symbol region_id;
  Symbol source_disk_id;
  Symbol storage_location = symbol_of<"region">();  // "cloudbox" -> SnapshotStorageLocationUnsupported
  Symbol kms_key_id;
  DiskIndex source_disk = kNoIndex;  // kNoIndex when the disk is not part of the scenario
  int disks_created = 0;  // disks created from it -> SnapshotCreatedDisk unless Force
  ImageIndex for_image = kNoIndex;  // the image waiting on this snapshot, if any
  ImageIndex first_user = kNoIndex; // the first image whose mappings use it (World::images_using)
  DiskType source_disk_type = DiskType::kSystem;
  std::optional<DiskCategory> source_disk_category;
  SnapshotStatus status = SnapshotStatus::kAccomplished;
  SnapshotCategory category = SnapshotCategory::kStandard;
  // Flags in one byte (a region holds 10^7 snapshots: 104 bytes each instead of 112).
  bool default_free : 1 = false;          // -> InvalidOperation.DefaultFreeSnapshotNotSupport
  bool retained_system_disk : 1 = false;  // of a system disk kept after its instance was released
  bool encrypted : 1 = false;
  bool instant_access : 1 = false;
  bool usable : 1 = false;             // accomplished, or instant access already made it usable
  bool counted_for_image : 1 = false;  // the image has already counted it as ready
  std::int64_t source_disk_size_bytes = 0;  // SourceDiskSize; the minimum size of a disk made from it
  sim::CalendarTime creation_time;

  // The snapshot job. What matters only while it runs (its rate cap, its pending event, the
  // bytes copied, an injected fault) is in the snapshot service's table of jobs in flight, not
  // here: a region keeps millions of snapshots and runs about a hundred jobs at once.
  std::int64_t bytes_to_copy = 0;  // full (used data) or incremental (changed data)
  sim::SimTime started_at;      // virtual time the job started
  sim::SimTime finished_at;
};
static_assert(sizeof(Snapshot) <= 104);

}  // namespace ecsim::models
