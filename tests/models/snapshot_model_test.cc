// The snapshot timing model (models/snapshot_service.h) as CreateImage drives it: setup, then the
// data at the category's throughput or the job's share of the region's capacity; incremental
// snapshots copy only the changed data; ESSD instant access makes the snapshot usable early.
// Noise is off (noise_cv 0) so every duration is exact.

#include <gtest/gtest.h>

#include "create_image_harness.h"

namespace ecsim::models::testing {
namespace {

constexpr double kUltraSetup_s = 30;
constexpr double kUltraMiBps = 120;
constexpr double kEssdSetup_s = 20;
constexpr double kEssdMiBps = 300;

std::string world(std::string_view region_body, std::string_view disks, std::string_view extra = "") {
  std::string w = "start: 2026-01-01T00:00:00Z\nregions:\n  cn-hangzhou: " + std::string(region_body) + "\n";
  w += "models:\n  snapshot: {noise_cv: 0, change_rate_per_day: 0.05}\n  image: {noise_cv: 0}\n";
  w += "instances:\n" + std::string(disks);
  w += extra;
  return w;
}

constexpr std::string_view kOneUltra =
    "  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Type: system, Category: cloud_efficiency, "
    "Size: 40GiB, Used: 40GiB}]}\n";
constexpr std::string_view kTwoUltra =
    "  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Type: system, Category: cloud_efficiency, "
    "Size: 40GiB, Used: 40GiB}]}\n"
    "  - {InstanceId: i-2, RegionId: cn-hangzhou, Disks: [{DiskId: d-2, Type: system, Category: cloud_efficiency, "
    "Size: 40GiB, Used: 40GiB}]}\n";
constexpr std::string_view kOneEssd =
    "  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, "
    "Size: 40GiB, Used: 40GiB}]}\n";

// Seconds from the start of the job to accomplished, for the snapshot of `disk_id` taken by the run.
double snapshot_duration_s(const Simulation& s, std::string_view disk_id) {
  for (const Snapshot& snap : s.world().snapshots()) {
    if (snap.source_disk_id == disk_id && snap.for_image != kNoIndex) {
      EXPECT_EQ(snap.status, SnapshotStatus::kAccomplished);
      return (snap.finished_at - snap.started_at).seconds_f();
    }
  }
  ADD_FAILURE() << "no snapshot of " << disk_id;
  return 0;
}

TEST(SnapshotModel, FullUltraDiskSnapshotTakesSetupPlusDataOverThroughput) {
  auto s = simulate(world("{}", kOneUltra), {Call{0, {{"InstanceId", "i-1"}}, {}}});
  EXPECT_NEAR(snapshot_duration_s(*s, "d-1"), kUltraSetup_s + 40 * 1024 / kUltraMiBps, 1e-3);
}

TEST(SnapshotModel, ConcurrentSnapshotsShareASmallRegionCapacity) {
  auto alone = simulate(world("{snapshot_capacity: 120MiB/s}", kTwoUltra), {Call{0, {{"InstanceId", "i-1"}}, {}}});
  auto together = simulate(world("{snapshot_capacity: 120MiB/s}", kTwoUltra),
                           {Call{0, {{"InstanceId", "i-1"}}, {}}, Call{0, {{"InstanceId", "i-2"}}, {}}});
  const double one = snapshot_duration_s(*alone, "d-1");
  EXPECT_NEAR(one, kUltraSetup_s + 40 * 1024 / kUltraMiBps, 1e-3);
  // Both transfer at the same time, at half the capacity each.
  EXPECT_GT(snapshot_duration_s(*together, "d-1"), one);
  EXPECT_NEAR(snapshot_duration_s(*together, "d-1"), kUltraSetup_s + 40 * 1024 / (kUltraMiBps / 2), 1e-3);
  EXPECT_NEAR(snapshot_duration_s(*together, "d-2"), kUltraSetup_s + 40 * 1024 / (kUltraMiBps / 2), 1e-3);
}

TEST(SnapshotModel, ALargeRegionCapacityDoesNotSlowConcurrentSnapshots) {
  auto together = simulate(world("{snapshot_capacity: 2GiB/s}", kTwoUltra),
                           {Call{0, {{"InstanceId", "i-1"}}, {}}, Call{0, {{"InstanceId", "i-2"}}, {}}});
  EXPECT_NEAR(snapshot_duration_s(*together, "d-1"), kUltraSetup_s + 40 * 1024 / kUltraMiBps, 1e-3);
  EXPECT_NEAR(snapshot_duration_s(*together, "d-2"), kUltraSetup_s + 40 * 1024 / kUltraMiBps, 1e-3);
}

TEST(SnapshotModel, IncrementalSnapshotCopiesOnlyTheDataChangedSinceThePrevious) {
  // The previous snapshot is 10 days old: 10 x 5% of the 40 GiB used = 20 GiB to copy.
  const std::string previous =
      "snapshots:\n  - {SnapshotId: s-prev, SourceDiskId: d-1, SourceDiskType: system, Size: 40GiB, "
      "CreationTime: 2025-12-22T00:00:00Z}\n";
  auto s = simulate(world("{}", kOneUltra, previous), {Call{0, {{"InstanceId", "i-1"}}, {}}});
  const Snapshot* taken = nullptr;
  for (const Snapshot& snap : s->world().snapshots()) {
    if (snap.for_image != kNoIndex) taken = &snap;
  }
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(taken->bytes_to_copy, 20 * kGiB);
  EXPECT_NEAR(snapshot_duration_s(*s, "d-1"), kUltraSetup_s + 20 * 1024 / kUltraMiBps, 1e-3);
}

TEST(SnapshotModel, FirstSnapshotOfADiskCopiesAllItsUsedData) {
  auto s = simulate(world("{}", kOneUltra), {Call{0, {{"InstanceId", "i-1"}}, {}}});
  for (const Snapshot& snap : s->world().snapshots()) EXPECT_EQ(snap.bytes_to_copy, 40 * kGiB);
}

TEST(SnapshotModel, EssdInstantAccessMakesTheImageAvailableSooner) {
  std::string with_ia = world("{}", kOneEssd);
  with_ia.replace(with_ia.find("snapshot: {noise_cv: 0, change_rate_per_day: 0.05}"),
                  std::string("snapshot: {noise_cv: 0, change_rate_per_day: 0.05}").size(),
                  "snapshot: {noise_cv: 0, change_rate_per_day: 0.05, instant_access_delay: 10s, "
                  "categories: {cloud_essd: {instant_access: true}}}");
  auto plain = simulate(world("{}", kOneEssd), {Call{0, {{"InstanceId", "i-1"}}, {}}});
  auto fast = simulate(with_ia, {Call{0, {{"InstanceId", "i-1"}}, {}}});
  const CallRecord& p = plain->log().records()[0];
  const CallRecord& f = fast->log().records()[0];
  ASSERT_EQ(p.status, "Available");
  ASSERT_EQ(f.status, "Available");
  EXPECT_NEAR((*p.status_at - p.at).seconds_f(), kEssdSetup_s + 40 * 1024 / kEssdMiBps + 45, 1e-3);
  EXPECT_NEAR((*f.status_at - f.at).seconds_f(), 10 + 45, 1e-3);
  // The snapshot itself still runs to completion in the background.
  EXPECT_NEAR(snapshot_duration_s(*fast, "d-1"), kEssdSetup_s + 40 * 1024 / kEssdMiBps, 1e-3);
}

}  // namespace
}  // namespace ecsim::models::testing
