#pragma once
// A region: its quotas (the contract's keys, with documented defaults) and its snapshot
// service's capacity.

#include <cstdint>
#include <map>
#include <string>

namespace ecsim::models {

struct RegionQuota {
  std::int64_t images = 100;                      // -> QuotaExceed.Image
  std::int64_t image_families = 50;               // -> ImageFamilyQuotaExceed
  std::int64_t images_per_family = 20;            // -> ImageQuotaExceed.ImageFamily
  std::int64_t snapshots = 1000;                  // -> QuotaExceed.Snapshot
  std::int64_t unfinished_snapshots = 100;        // -> TooManySnapshot.Unfinished
  std::int64_t concurrent_snapshots_per_disk = 10;  // ESSD family -> QuotaExceed.ConcurrentSnapshotQuota
};

// What DeleteImage answers for an image that does not exist: the API page says "the request is
// ignored", its error table lists 404 InvalidImageId.NotFound (docs/lifecycle.md).
enum class MissingImageDelete { kError, kIgnore };

struct Region {
  std::string region_id;
  RegionQuota quota;
  // Aggregate bytes/s the region's snapshot service copies for all snapshots in transfer.
  std::int64_t snapshot_capacity_bytes_per_s = 2LL * 1024 * 1024 * 1024;
  // Category of the empty data disks of a DiskDeviceMapping without SnapshotId.
  std::string empty_disk_category = "cloud_efficiency";
  // regions.<id>.missing_image_delete: error (default) | ignore.
  MissingImageDelete missing_image_delete = MissingImageDelete::kError;
  // regions.<id>.copy_slots: CopyImage tasks this region runs at once as a destination; the rest
  // wait in FIFO order ("A region supports only up to five concurrent image copy tasks").
  int copy_slots = 5;

  // Live counters, kept by the world as resources come and go.
  std::int64_t images_count = 0;          // custom images owned by the account, not deleted
  std::int64_t snapshots_count = 0;       // snapshots not deleted
  std::int64_t snapshots_unfinished = 0;  // snapshots progressing
  std::map<std::string, std::int64_t> images_per_family;  // family -> live images
};

}  // namespace ecsim::models
