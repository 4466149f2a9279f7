#pragma once
// Cloud disks: category, size, used data, encryption and the states that block snapshots.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/symbol.h"
#include "sim/time.h"

namespace ecsim::models {

enum class DiskCategory : std::uint8_t {
  kCloud,             // basic disk (legacy)
  kCloudEfficiency,   // ultra disk (legacy)
  kCloudSsd,          // standard SSD (legacy)
  kCloudEssd,         // ESSD (PL0..PL3)
  kCloudAuto,         // ESSD AutoPL
  kCloudEssdEntry,    // ESSD Entry
  kEphemeralSsd,      // local disk: cannot be imaged (InvalidDiskCategory.CreateImage)
  kLocalSsdPro,       // local disk
  kLocalHddPro,       // local disk
  kElasticEphemeralDiskStandard,  // no snapshots (InvalidOperation.DiskCategoryUnsupported)
  kElasticEphemeralDiskPremium,
};

std::optional<DiskCategory> parse_disk_category(std::string_view s);
std::string_view to_string(DiskCategory c);
// The ESSD family keeps up to 10 snapshots in progress per disk; legacy disks only one.
bool is_essd_family(DiskCategory c);
bool is_local_disk(DiskCategory c);
bool is_elastic_ephemeral(DiskCategory c);

enum class DiskType : std::uint8_t { kSystem, kData };

// Disk states of DescribeDisks that matter to snapshots. In_use is the normal state of an
// attached disk; Invalid is the state the reference says needs an instance restart.
enum class DiskStatus : std::uint8_t { kInUse, kAvailable, kAttaching, kDetaching, kCreating, kReIniting, kInvalid };
std::optional<DiskStatus> parse_disk_status(std::string_view s);
std::string_view to_string(DiskStatus s);

using DiskIndex = std::uint32_t;
using InstanceIndex = std::uint32_t;
inline constexpr std::uint32_t kNoIndex = 0xffffffffU;

struct Disk {
  Symbol disk_id;  // Symbols: every snapshot of it repeats them (source_disk_id)
  Symbol region_id;
  InstanceIndex instance = kNoIndex;
  DiskType type = DiskType::kData;
  DiskCategory category = DiskCategory::kCloudEfficiency;
  int performance_level = 1;            // ESSD PL0..PL3
  std::int64_t size_bytes = 0;
  std::int64_t used_bytes = 0;          // what the first (full) snapshot copies
  DiskStatus status = DiskStatus::kInUse;
  bool never_attached = false;          // -> IncorrectDiskStatus.NeverAttached
  bool transferring = false;            // -> IncorrectDiskStatus.Transferring
  bool attached_while_stopped = false;  // -> IncorrectInstanceStatus.NeedRestart until restarted
  bool encrypted = false;
  Symbol kms_key_id;
  // Snapshot bookkeeping.
  int snapshots_in_progress = 0;
  std::optional<sim::CalendarTime> last_snapshot_time;  // for incremental snapshots
};

}  // namespace ecsim::models
