// The precedence table at the top of models/api/create_image.cc: a request that fails several
// checks is answered with the first one in the table.

#include <gtest/gtest.h>

#include "create_image_harness.h"

namespace ecsim::models::testing {
namespace {

TEST(CreateImagePrecedence, RequestFailingThreeChecksGetsTheFirst) {
  // 2 ImageName, 3 Description, 30 instance exists.
  const Params three{{"InstanceId", "i-none"}, {"ImageName", "9-lives"}, {"Description", "https://x"}};
  EXPECT_EQ(create_image(three), "InvalidImageName.Malformed/400");
  Params two = three;
  two["ImageName"] = "nine-lives";
  EXPECT_EQ(create_image(two), "InvalidDescription.Malformed/400");
  Params one = two;
  one["Description"] = "nine lives";
  EXPECT_EQ(create_image(one), "InvalidInstanceId.NotFound/404");
}

TEST(CreateImagePrecedence, ParametersComeBeforeTheRegion) {
  EXPECT_EQ(create_image({{"RegionId", "cn-nowhere"}, {"SnapshotId", "s-sys"}, {"Architecture", "sparc"}}),
            "InvalidArchitecture.Malformed/400");
  EXPECT_EQ(create_image({{"RegionId", "cn-nowhere"}, {"SnapshotId", "s-sys"}}), "InvalidRegionId.NotFound/404");
}

TEST(CreateImagePrecedence, MissingRegionIdComesFirstOfAll) {
  EXPECT_EQ(create_image({{"RegionId", ""}, {"ImageName", "1bad"}}), "MissingParameter/400");
}

TEST(CreateImagePrecedence, ParameterChecksRunInTableOrder) {
  // Each request fails checks k and k+1..; the answer is check k's.
  EXPECT_EQ(create_image({{"ImageFamily", "aliyun"}, {"ImageVersion", "a/b"}, {"Platform", "DOS"}}), "InvalidImageFamily.Malformed/400");
  EXPECT_EQ(create_image({{"ImageVersion", "a/b"}, {"Platform", "DOS"}}), "InvalidImageVersion.Malformed/400");
  EXPECT_EQ(create_image({{"Platform", "DOS"}, {"Architecture", "sparc"}}), "InvalidPlatform.Malformed/400");
  EXPECT_EQ(create_image({{"BootMode", "Legacy"}, {"DetectionStrategy", "Full"}}), "InvalidBootMode.Malformed/400");
  EXPECT_EQ(create_image({{"Architecture", "arm64"}, {"BootMode", "BIOS"}, {"DetectionStrategy", "Full"}}),
            "InvalidBootMode.NotSupport/400");
  EXPECT_EQ(create_image({{"DetectionStrategy", "Full"}, {"Features.ImdsSupport", "v9"}}), "InvalidDetectionStrategy.Malformed/400");
  EXPECT_EQ(create_image({{"Features.ImdsSupport", "v9"}, {"Tag.21.Key", "k"}}), "InvalidParameter.FeaturesImdsSupport/400");
  EXPECT_EQ(create_image({{"Tag.21.Key", "acs:k"}, {"ClientToken", std::string(65, 't')}}), "QuotaExceed.Tags/403");
  EXPECT_EQ(create_image({{"Tag.1.Key", "k"}, {"Tag.2.Key", "k"}, {"ClientToken", std::string(65, 't')}}), "Duplicate.TagKey/400");
  EXPECT_EQ(create_image({{"ClientToken", std::string(65, 't')}}), "InvalidParameter/400");
}

TEST(CreateImagePrecedence, AccountStatesInTableOrder) {
  auto with_account = [](std::string_view account) {
    std::string w(kWorld);
    w += "account: ";
    w += account;
    w += "\n";
    return create_image({{"SnapshotId", "s-sys"}, {"ResourceGroupId", "rg-none"}}, w);
  };
  EXPECT_EQ(with_account("{Status: Abnormal, Balance: insufficient}"), "InvalidResourceGroup.NotFound/404");
  EXPECT_EQ(create_image({{"SnapshotId", "s-sys"}}, std::string(kWorld) + "account: {Status: Abnormal, Balance: insufficient}\n"),
            "AccountForbidden.CreateOrder/400");
  EXPECT_EQ(create_image({{"SnapshotId", "s-sys"}}, std::string(kWorld) + "account: {Status: EnterpriseRevoked, Balance: insufficient}\n"),
            "AccountEnterpriseStatusInvalid/403");
  EXPECT_EQ(create_image({{"SnapshotId", "s-sys"}}, std::string(kWorld) + "account: {Balance: insufficient, SnapshotService: inactive}\n"),
            "InvalidAccountStatus.NotEnoughBalance/403");
}

TEST(CreateImagePrecedence, InstanceLockComesBeforeItsStatus) {
  constexpr std::string_view kLocked = R"(
regions: {cn-hangzhou: {}}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, Status: Starting, OperationLocks: [security], HibernationConfigured: true,
     Disks: [{DiskId: d-1, Type: data, Category: ephemeral_ssd, Size: 40GiB}]}
)";
  EXPECT_EQ(create_image({{"InstanceId", "i-1"}}, kLocked), "InstanceLockedForSecurity/400");
}

TEST(CreateImagePrecedence, SnapshotAgeComesBeforeItsStatusAndCategory) {
  constexpr std::string_view kOld = R"(
regions: {cn-hangzhou: {}}
snapshots:
  - {SnapshotId: s-1, SourceDiskType: system, Size: 40GiB, CreationTime: 2013-01-01T00:00:00Z, Status: progressing, Category: archive, DefaultFree: true}
)";
  EXPECT_EQ(create_image({{"SnapshotId", "s-1"}}, kOld), "InvalidSnapshot.TooOld/403");
}

TEST(CreateImagePrecedence, SnapshotsAreCheckedInMappingOrder) {
  constexpr std::string_view kTwo = R"(
regions: {cn-hangzhou: {}}
snapshots:
  - {SnapshotId: s-sys, SourceDiskType: system, Size: 40GiB, Category: flash}
  - {SnapshotId: s-data, SourceDiskType: data, Size: 40GiB, Category: archive}
)";
  EXPECT_EQ(create_image({{"DiskDeviceMapping.1.SnapshotId", "s-data"}, {"DiskDeviceMapping.2.SnapshotId", "s-sys"}}, kTwo),
            "InvalidSnapshotCategory.NotSupportImageCreation/403");
  EXPECT_EQ(create_image({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.2.SnapshotId", "s-data"}}, kTwo),
            "OperationDenied.InvalidSnapshotCategory/403");
}

TEST(CreateImagePrecedence, DuplicateNameComesBeforeTheQuotas) {
  std::string w(kWorld);
  w.replace(w.find("cn-hangzhou: {}"), 15, "cn-hangzhou: {quota: {images: 1}}");
  auto s = simulate(w, {Call{0, {{"SnapshotId", "s-sys"}, {"ImageName", "web"}}, {}},
                        Call{10, {{"SnapshotId", "s-sys"}, {"ImageName", "web"}}, {}},
                        Call{20, {{"SnapshotId", "s-sys"}, {"ImageName", "db"}}, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), "InvalidImageName.Duplicated/400");
  EXPECT_EQ(outcome(s->log().records()[2]), "QuotaExceed.Image/403");
}

}  // namespace
}  // namespace ecsim::models::testing
