// The three ways CreateImage builds an image, and the reference's priority among them:
// InstanceId > DiskDeviceMapping > SnapshotId. A parameter of a lower-priority mode is ignored,
// not validated.

#include <gtest/gtest.h>

#include "create_image_harness.h"

namespace ecsim::models::testing {
namespace {

std::size_t snapshots_of_disk(const World& w, std::string_view disk_id) {
  std::size_t n = 0;
  for (const Snapshot& s : w.snapshots()) n += s.source_disk_id == disk_id ? 1 : 0;
  return n;
}

TEST(CreateImageFromInstance, SnapshotsEveryDiskAndMapsSystemFirst) {
  auto s = simulate(kWorld, {Call{0, {{"InstanceId", "i-web"}}, {}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  const Image& img = image_of(*s, 0);
  EXPECT_EQ(img.source_instance_id, "i-web");
  ASSERT_EQ(img.mappings.size(), 2u);
  EXPECT_EQ(img.mappings[0].device, "/dev/xvda");
  EXPECT_EQ(img.mappings[0].type, DiskType::kSystem);
  EXPECT_EQ(img.mappings[0].size_bytes, 40 * kGiB);
  EXPECT_EQ(img.mappings[1].device, "/dev/xvdb");
  EXPECT_EQ(img.mappings[1].type, DiskType::kData);
  EXPECT_EQ(s->world().snapshot(img.mappings[0].snapshot).source_disk_id, "d-sys");
  EXPECT_EQ(s->world().snapshot(img.mappings[1].snapshot).source_disk_id, "d-data");
  EXPECT_EQ(snapshots_of_disk(s->world(), "d-sys"), 1u);
  EXPECT_EQ(snapshots_of_disk(s->world(), "d-data"), 1u);
}

TEST(CreateImageFromInstance, StoppedInstanceIsAccepted) {
  constexpr std::string_view kStopped = R"(
regions: {cn-hangzhou: {}}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, Status: Stopped, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB}]}
)";
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}}, kStopped), kOk);
}

TEST(CreateImageFromInstance, InstanceOfAnotherRegionIsNotFound) {
  EXPECT_EQ(create_image({{"RegionId", "cn-beijing"}, {"InstanceId", "i-web"}}), "InvalidInstanceId.NotFound/404");
}

TEST(CreateImageFromSnapshot, UsesTheSnapshotAsTheSystemDiskAndCreatesNoSnapshot) {
  auto s = simulate(kWorld, {Call{0, {{"SnapshotId", "s-sys"}}, {}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  const Image& img = image_of(*s, 0);
  ASSERT_EQ(img.mappings.size(), 1u);
  EXPECT_EQ(img.mappings[0].device, "/dev/xvda");
  EXPECT_EQ(img.mappings[0].type, DiskType::kSystem);
  EXPECT_EQ(s->world().snapshot(img.mappings[0].snapshot).snapshot_id, "s-sys");
  EXPECT_EQ(s->world().snapshots().size(), 3u);  // the three declared ones
}

TEST(CreateImageFromSnapshot, DataDiskSnapshotAloneHasNoSystemDisk) {
  EXPECT_EQ(create_image({{"SnapshotId", "s-data"}}), "OperationDenied/400");
}

TEST(CreateImageFromSnapshot, SnapshotOfAnotherRegionIsNotFound) {
  EXPECT_EQ(create_image({{"SnapshotId", "s-bj"}}), "InvalidSnapshotId.NotFound/404");
}

TEST(CreateImageFromMapping, BuildsSystemDataAndEmptyDisks) {
  auto s = simulate(kWorld, {Call{0, {{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.2.SnapshotId", "s-data"},
                                      {"DiskDeviceMapping.3.DiskType", "data"}, {"DiskDeviceMapping.3.Size", "50"}}, {}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  const Image& img = image_of(*s, 0);
  ASSERT_EQ(img.mappings.size(), 3u);
  EXPECT_EQ(s->world().snapshot(img.mappings[0].snapshot).snapshot_id, "s-sys");
  EXPECT_EQ(s->world().snapshot(img.mappings[1].snapshot).snapshot_id, "s-data");
  EXPECT_EQ(img.mappings[1].size_bytes, 100 * kGiB);
  EXPECT_EQ(img.mappings[2].snapshot, kNoIndex);
  EXPECT_EQ(img.mappings[2].size_bytes, 50 * kGiB);
}

TEST(CreateImagePriority, InstanceIdWinsOverMappingAndSnapshotId) {
  auto s = simulate(kWorld, {Call{0, {{"InstanceId", "i-web"}, {"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"SnapshotId", "s-sys"}}, {}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  const Image& img = image_of(*s, 0);
  EXPECT_EQ(img.source_instance_id, "i-web");
  EXPECT_EQ(img.mappings.size(), 2u);
  EXPECT_EQ(snapshots_of_disk(s->world(), "d-sys"), 1u);
}

TEST(CreateImagePriority, MappingWinsOverSnapshotId) {
  auto s = simulate(kWorld, {Call{0, {{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.2.SnapshotId", "s-data"},
                                      {"SnapshotId", "s-sys"}}, {}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  EXPECT_EQ(image_of(*s, 0).mappings.size(), 2u);
}

TEST(CreateImagePriority, IgnoredModesAreNotValidated) {
  // A malformed mapping and an unknown SnapshotId do not matter when InstanceId decides.
  EXPECT_EQ(create_image({{"InstanceId", "i-web"}, {"DiskDeviceMapping.1.Device", "/dev/sda"}, {"SnapshotId", "s-none"}}), kOk);
  // An unknown SnapshotId does not matter when DiskDeviceMapping decides.
  EXPECT_EQ(create_image({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"SnapshotId", "s-none"}}), kOk);
}

TEST(CreateImageImdsSupport, DefaultsToV1FromASnapshot) {
  auto s = simulate(kWorld, {Call{0, {{"SnapshotId", "s-sys"}}, {}}});
  EXPECT_EQ(image_of(*s, 0).imds_support, "v1");
}

TEST(CreateImageImdsSupport, IsInheritedFromTheInstancesImage) {
  constexpr std::string_view kWorldV2 = R"(
regions: {cn-hangzhou: {}}
images:
  - {ImageId: m-base, RegionId: cn-hangzhou, ImageName: base, ImdsSupport: v2, Status: Available}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, ImageId: m-base, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB}]}
)";
  auto inherited = simulate(kWorldV2, {Call{0, {{"InstanceId", "i-1"}}, {}}});
  EXPECT_EQ(image_of(*inherited, 0).imds_support, "v2");
  auto given = simulate(kWorldV2, {Call{0, {{"InstanceId", "i-1"}, {"Features.ImdsSupport", "v1"}}, {}}});
  EXPECT_EQ(image_of(*given, 0).imds_support, "v1");
}

TEST(CreateImageFromInstance, MarketplaceImageVersionMustMatchOrBeEmpty) {
  constexpr std::string_view kMarket = R"(
regions: {cn-hangzhou: {}}
images:
  - {ImageId: m-market, RegionId: cn-hangzhou, ImageOwnerAlias: marketplace, ImageVersion: "2017011017"}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, ImageId: m-market, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB}]}
)";
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}, {"ImageVersion", "2017011018"}}, kMarket), "InvalidImageVersion.Malformed/400");
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}, {"ImageVersion", "2017011017"}}, kMarket), kOk);
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}}, kMarket), kOk);
}

TEST(CreateImageFromInstance, EncryptedDiskWithTheDefaultKeyNeedsOnlyKmsAuthorization) {
  constexpr std::string_view kEncrypted = R"(
regions: {cn-hangzhou: {}}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB, Encrypted: true}]}
)";
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}}, kEncrypted), kOk);
  std::string unauthorized(kEncrypted);
  unauthorized += "account: {KmsAuthorized: false}\n";
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}}, unauthorized), "InvalidParameter.KMSKeyId.KMSUnauthorized/403");
}

TEST(CreateImageFromInstance, UnknownCmkCountsAsNotEnabled) {
  constexpr std::string_view kUnknownKey = R"(
regions: {cn-hangzhou: {}}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB, Encrypted: true, KMSKeyId: key-gone}]}
)";
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}}, kUnknownKey), "InvalidParameter.KMSKeyId.CMKNotEnabled/403");
}

}  // namespace
}  // namespace ecsim::models::testing
