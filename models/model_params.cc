#include "models/model_params.h"

namespace ecsim::models {

std::array<CategorySnapshotTiming, SnapshotModelParams::kCategories> SnapshotModelParams::defaults() {
  using sim::SimDuration;
  constexpr std::int64_t MiB = 1024LL * 1024;
  std::array<CategorySnapshotTiming, kCategories> t{};
  auto set = [&](DiskCategory c, SimDuration setup, std::int64_t mib_per_s) {
    t[static_cast<std::size_t>(c)] = CategorySnapshotTiming{setup, mib_per_s * MiB, false};
  };
  // Calibrated so that a full 40 GiB snapshot takes "several minutes" (Alibaba, 2017): about
  // 17 min on a basic disk, 6 min on an ultra disk, 4 min on a standard SSD, 2.5 min on an ESSD.
  set(DiskCategory::kCloud, SimDuration::seconds(60), 40);
  set(DiskCategory::kCloudEfficiency, SimDuration::seconds(30), 120);
  set(DiskCategory::kCloudSsd, SimDuration::seconds(30), 200);
  set(DiskCategory::kCloudEssd, SimDuration::seconds(20), 300);
  set(DiskCategory::kCloudAuto, SimDuration::seconds(20), 300);
  set(DiskCategory::kCloudEssdEntry, SimDuration::seconds(20), 200);
  // Local and elastic ephemeral disks cannot be snapshotted; the values are never used.
  set(DiskCategory::kEphemeralSsd, SimDuration::seconds(30), 100);
  set(DiskCategory::kLocalSsdPro, SimDuration::seconds(30), 100);
  set(DiskCategory::kLocalHddPro, SimDuration::seconds(30), 100);
  set(DiskCategory::kElasticEphemeralDiskStandard, SimDuration::seconds(30), 100);
  set(DiskCategory::kElasticEphemeralDiskPremium, SimDuration::seconds(30), 100);
  return t;
}

}  // namespace ecsim::models
