// The region's quotas as CreateImage meets them (precedence checks 53-57 and the per-disk
// snapshot concurrency of check 37).

#include <gtest/gtest.h>

#include "create_image_harness.h"

namespace ecsim::models::testing {
namespace {

// kWorld with the quota of cn-hangzhou replaced.
std::string with_quota(std::string_view quota) {
  std::string w(kWorld);
  w.replace(w.find("cn-hangzhou: {}"), 15, "cn-hangzhou: {quota: " + std::string(quota) + "}");
  return w;
}

Call from_snapshot(double at, Params extra = {}) {
  Params p{{"SnapshotId", "s-sys"}};
  for (const auto& [k, v] : extra) p[k] = v;
  return Call{at, p, {}};
}

TEST(ImageQuota, TheImageOverTheQuotaIsRefused) {
  auto s = simulate(with_quota("{images: 2}"), {from_snapshot(0), from_snapshot(10), from_snapshot(20)});
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
  EXPECT_EQ(outcome(s->log().records()[2]), "QuotaExceed.Image/403");
}

TEST(ImageQuota, OnlyTheAccountsOwnImagesCount) {
  std::string w = with_quota("{images: 1}");
  w += "images:\n  - {ImageId: m-market, RegionId: cn-hangzhou, ImageOwnerAlias: marketplace}\n"
       "  - {ImageId: m-shared, RegionId: cn-hangzhou, ImageOwnerAlias: others, OwnerAccount: '999'}\n";
  auto s = simulate(w, {from_snapshot(0), from_snapshot(10)});
  EXPECT_EQ(outcome(s->log().records()[0]), kOk);
  EXPECT_EQ(outcome(s->log().records()[1]), "QuotaExceed.Image/403");
}

TEST(ImageQuota, EachRegionHasItsOwn) {
  auto s = simulate(with_quota("{images: 1}"), {from_snapshot(0), Call{10, {{"RegionId", "cn-beijing"}, {"SnapshotId", "s-bj"}}, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
}

TEST(ImageFamilyQuota, ANewFamilyOverTheQuotaIsRefused) {
  auto s = simulate(with_quota("{image_families: 2}"),
                    {from_snapshot(0, {{"ImageFamily", "a1"}}), from_snapshot(10, {{"ImageFamily", "b1"}}),
                     from_snapshot(20, {{"ImageFamily", "c1"}}), from_snapshot(30, {{"ImageFamily", "a1"}})});
  EXPECT_EQ(outcome(s->log().records()[2]), "ImageFamilyQuotaExceed/400");
  EXPECT_EQ(outcome(s->log().records()[3]), kOk);  // an existing family is no new family
}

TEST(ImagesPerFamilyQuota, TheImageOverTheFamilysQuotaIsRefused) {
  auto s = simulate(with_quota("{images_per_family: 2}"),
                    {from_snapshot(0, {{"ImageFamily", "web"}}), from_snapshot(10, {{"ImageFamily", "web"}}),
                     from_snapshot(20, {{"ImageFamily", "web"}}), from_snapshot(30, {{"ImageFamily", "db"}})});
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
  EXPECT_EQ(outcome(s->log().records()[2]), "ImageQuotaExceed.ImageFamily/400");
  EXPECT_EQ(outcome(s->log().records()[3]), kOk);
}

TEST(SnapshotQuota, CountsEveryDiskOfTheInstance) {
  // 2 declared snapshots; i-web has 2 disks: 4 fit in a quota of 4, not in 3.
  EXPECT_EQ(create_image({{"InstanceId", "i-web"}}, with_quota("{snapshots: 4}")), kOk);
  EXPECT_EQ(create_image({{"InstanceId", "i-web"}}, with_quota("{snapshots: 3}")), "QuotaExceed.Snapshot/403");
}

TEST(SnapshotQuota, DoesNotApplyToImagesFromExistingSnapshots) {
  EXPECT_EQ(create_image({{"SnapshotId", "s-sys"}}, with_quota("{snapshots: 0}")), kOk);
}

TEST(UnfinishedSnapshotQuota, CountsDeclaredSnapshotsStillProgressing) {
  constexpr std::string_view kBusy = R"(
regions: {cn-hangzhou: {quota: {unfinished_snapshots: 1}}}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB}]}
snapshots:
  - {SnapshotId: s-busy, SourceDiskType: system, Size: 40GiB, Status: progressing}
)";
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}}, kBusy), "TooManySnapshot.Unfinished/403");
}

TEST(UnfinishedSnapshotQuota, RefusesTheCallThatWouldGoOver) {
  constexpr std::string_view kTwo = R"(
regions: {cn-hangzhou: {quota: {unfinished_snapshots: 2}}}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB},
                                                      {DiskId: d-2, Type: data, Category: cloud_essd, Size: 40GiB}]}
  - {InstanceId: i-2, RegionId: cn-hangzhou, Disks: [{DiskId: d-3, Type: system, Category: cloud_essd, Size: 40GiB}]}
)";
  auto s = simulate(kTwo, {Call{0, {{"InstanceId", "i-1"}}, {}}, Call{1, {{"InstanceId", "i-2"}}, {}},
                           Call{3600, {{"InstanceId", "i-2"}}, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), "TooManySnapshot.Unfinished/403");
  EXPECT_EQ(outcome(s->log().records()[2]), kOk);
}

constexpr std::string_view kOneDisk = R"(
regions: {cn-hangzhou: {quota: {concurrent_snapshots_per_disk: 2}}}
instances:
  - {InstanceId: i-essd, RegionId: cn-hangzhou, Disks: [{DiskId: d-essd, Type: system, Category: cloud_essd, Size: 40GiB, Used: 30GiB}]}
  - {InstanceId: i-ssd, RegionId: cn-hangzhou, Disks: [{DiskId: d-ssd, Type: system, Category: cloud_ssd, Size: 40GiB, Used: 30GiB}]}
)";

TEST(ConcurrentSnapshotQuota, EssdDiskTakesSnapshotsUpToTheQuotaAtOnce) {
  auto s = simulate(kOneDisk, {Call{0, {{"InstanceId", "i-essd"}}, {}}, Call{1, {{"InstanceId", "i-essd"}}, {}},
                               Call{2, {{"InstanceId", "i-essd"}}, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
  const CallRecord& third = s->log().records()[2];
  EXPECT_EQ(outcome(third), "QuotaExceed.ConcurrentSnapshotQuota/403");
  EXPECT_NE(third.message.find("d-essd"), std::string::npos) << third.message;
  EXPECT_NE(third.message.find("(2)"), std::string::npos) << third.message;
}

TEST(ConcurrentSnapshotQuota, LegacyDiskTakesOneSnapshotAtATimeWhateverTheQuota) {
  auto s = simulate(kOneDisk, {Call{0, {{"InstanceId", "i-ssd"}}, {}}, Call{1, {{"InstanceId", "i-ssd"}}, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), "IncorrectDiskStatus.CreatingSnapshot/403");
}

TEST(ConcurrentSnapshotQuota, FreesUpWhenTheSnapshotsFinish) {
  auto s = simulate(kOneDisk, {Call{0, {{"InstanceId", "i-ssd"}}, {}}, Call{3600, {{"InstanceId", "i-ssd"}}, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
}

}  // namespace
}  // namespace ecsim::models::testing
