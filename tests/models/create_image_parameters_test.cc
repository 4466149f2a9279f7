// CreateImage's parameter rules at their boundaries, through the handler (precedence checks 1-22
// of models/api/create_image.cc). Each test is one rule; the request is otherwise valid (from the
// system-disk snapshot s-sys), so the answer is either "ok" or that rule's error.

#include <gtest/gtest.h>

#include "create_image_harness.h"
#include "models/api/param_rules.h"

namespace ecsim::models::testing {
namespace {

constexpr const char* kNameMalformed = "InvalidImageName.Malformed/400";
constexpr const char* kDescriptionMalformed = "InvalidDescription.Malformed/400";
constexpr const char* kFamilyMalformed = "InvalidImageFamily.Malformed/400";
const std::string kChinese = "镜";  // one character, three bytes

// --- ImageName: 2-128 characters, letter or Chinese first, no http(s)://, acs: or aliyun prefix ---

TEST(CreateImageName, OneCharacterIsMalformed) { EXPECT_EQ(from_snapshot_with({{"ImageName", "a"}}), kNameMalformed); }
TEST(CreateImageName, TwoCharactersAreAccepted) { EXPECT_EQ(from_snapshot_with({{"ImageName", "ab"}}), kOk); }
TEST(CreateImageName, OneHundredTwentyEightCharactersAreAccepted) {
  EXPECT_EQ(from_snapshot_with({{"ImageName", repeat("a", 128)}}), kOk);
}
TEST(CreateImageName, OneHundredTwentyNineCharactersAreMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageName", repeat("a", 129)}}), kNameMalformed);
}
TEST(CreateImageName, LengthCountsChineseCharactersNotBytes) {
  EXPECT_EQ(from_snapshot_with({{"ImageName", repeat(kChinese, 128)}}), kOk);
  EXPECT_EQ(from_snapshot_with({{"ImageName", repeat(kChinese, 129)}}), kNameMalformed);
}
TEST(CreateImageName, LeadingDigitIsMalformed) { EXPECT_EQ(from_snapshot_with({{"ImageName", "1web"}}), kNameMalformed); }
TEST(CreateImageName, LeadingChineseCharacterIsAccepted) {
  EXPECT_EQ(from_snapshot_with({{"ImageName", "镜像web-1"}}), kOk);
}
TEST(CreateImageName, LeadingPunctuationIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageName", "-web"}}), kNameMalformed);
  EXPECT_EQ(from_snapshot_with({{"ImageName", "_web"}}), kNameMalformed);
}
TEST(CreateImageName, HttpPrefixIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageName", "http://web"}}), kNameMalformed);
  EXPECT_EQ(from_snapshot_with({{"ImageName", "https://web"}}), kNameMalformed);
}
TEST(CreateImageName, AcsAndAliyunPrefixesAreMalformed) {
  // Both would otherwise be well-formed names: the prefix rule alone rejects them.
  EXPECT_EQ(from_snapshot_with({{"ImageName", "acs:web"}}), kNameMalformed);
  EXPECT_EQ(from_snapshot_with({{"ImageName", "aliyun-web"}}), kNameMalformed);
  EXPECT_EQ(from_snapshot_with({{"ImageName", "myaliyun-web"}}), kOk);
}
TEST(CreateImageName, PeriodsColonsUnderscoresAndHyphensAreAllowed) {
  EXPECT_EQ(from_snapshot_with({{"ImageName", "web-1.0:golden_a"}}), kOk);
}
TEST(CreateImageName, OtherPunctuationIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageName", "web golden"}}), kNameMalformed);
  EXPECT_EQ(from_snapshot_with({{"ImageName", "web/golden"}}), kNameMalformed);
  EXPECT_EQ(from_snapshot_with({{"ImageName", "web@golden"}}), kNameMalformed);
}

// --- Description: 2-256 characters, not starting with http(s):// ---

TEST(CreateImageDescription, OneCharacterIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"Description", "x"}}), kDescriptionMalformed);
}
TEST(CreateImageDescription, TwoCharactersAreAccepted) { EXPECT_EQ(from_snapshot_with({{"Description", "xy"}}), kOk); }
TEST(CreateImageDescription, TwoHundredFiftySixCharactersAreAccepted) {
  EXPECT_EQ(from_snapshot_with({{"Description", repeat("d", 256)}}), kOk);
  EXPECT_EQ(from_snapshot_with({{"Description", repeat(kChinese, 256)}}), kOk);
}
TEST(CreateImageDescription, TwoHundredFiftySevenCharactersAreMalformed) {
  EXPECT_EQ(from_snapshot_with({{"Description", repeat("d", 257)}}), kDescriptionMalformed);
}
TEST(CreateImageDescription, HttpPrefixIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"Description", "http://example.com"}}), kDescriptionMalformed);
  EXPECT_EQ(from_snapshot_with({{"Description", "https://example.com"}}), kDescriptionMalformed);
}
TEST(CreateImageDescription, UrlAfterTheStartIsAccepted) {
  EXPECT_EQ(from_snapshot_with({{"Description", "see http://example.com"}}), kOk);
}
TEST(CreateImageDescription, AnyCharacterIsAccepted) {
  EXPECT_EQ(from_snapshot_with({{"Description", "Golden image (web), v1.0 / 中文!"}}), kOk);
}

// --- ImageFamily: 2-128 characters, letter or Chinese first, no aliyun/acs: prefix, no URL ---

TEST(CreateImageFamily, OneCharacterIsMalformed) { EXPECT_EQ(from_snapshot_with({{"ImageFamily", "f"}}), kFamilyMalformed); }
TEST(CreateImageFamily, TwoCharactersAreAccepted) { EXPECT_EQ(from_snapshot_with({{"ImageFamily", "fa"}}), kOk); }
TEST(CreateImageFamily, OneHundredTwentyEightCharactersAreAccepted) {
  EXPECT_EQ(from_snapshot_with({{"ImageFamily", repeat("f", 128)}}), kOk);
}
TEST(CreateImageFamily, OneHundredTwentyNineCharactersAreMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageFamily", repeat("f", 129)}}), kFamilyMalformed);
}
TEST(CreateImageFamily, AliyunAndAcsPrefixesAreMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageFamily", "aliyun-base"}}), kFamilyMalformed);
  EXPECT_EQ(from_snapshot_with({{"ImageFamily", "acs:base"}}), kFamilyMalformed);
}
TEST(CreateImageFamily, UrlAnywhereIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageFamily", "web-http://x"}}), kFamilyMalformed);
  EXPECT_EQ(from_snapshot_with({{"ImageFamily", "webhttps://x"}}), kFamilyMalformed);
}
TEST(CreateImageFamily, RuleRejectsUrlEvenWhereOtherwiseWellFormed) {
  // The characters of "http://" are not allowed in a family anyway; the rule itself is pinned here.
  EXPECT_FALSE(rules::valid_image_family("web-http://x"));
  EXPECT_TRUE(rules::valid_image_family("web-http-x"));
}
TEST(CreateImageFamily, LeadingDigitIsMalformed) { EXPECT_EQ(from_snapshot_with({{"ImageFamily", "9web"}}), kFamilyMalformed); }
TEST(CreateImageFamily, LeadingChineseCharacterIsAccepted) {
  EXPECT_EQ(from_snapshot_with({{"ImageFamily", "杭州-daily:1_a"}}), kOk);
}
TEST(CreateImageFamily, PeriodIsMalformedUnlikeInImageName) {
  // The reference lists digits, colons, underscores and hyphens for families; names add periods.
  EXPECT_EQ(from_snapshot_with({{"ImageFamily", "web.daily"}}), kFamilyMalformed);
}

// --- ImageVersion (our format: 1-40 letters, digits, periods, underscores, hyphens) ---

TEST(CreateImageVersion, ReferenceExampleIsAccepted) { EXPECT_EQ(from_snapshot_with({{"ImageVersion", "2017011017"}}), kOk); }
TEST(CreateImageVersion, FortyCharactersAreAcceptedFortyOneAreMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageVersion", repeat("1", 40)}}), kOk);
  EXPECT_EQ(from_snapshot_with({{"ImageVersion", repeat("1", 41)}}), "InvalidImageVersion.Malformed/400");
}
TEST(CreateImageVersion, SlashIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"ImageVersion", "2017/01"}}), "InvalidImageVersion.Malformed/400");
}

// --- Tags: at most 20; key 1-128 without aliyun/acs: prefix or URL; value 0-128 without acs: or URL ---

Params tags(int n) {
  Params p;
  for (int i = 1; i <= n; ++i) {
    p["Tag." + std::to_string(i) + ".Key"] = "k" + std::to_string(i);
    p["Tag." + std::to_string(i) + ".Value"] = "v";
  }
  return p;
}
std::string with_tag(const std::string& key, const std::string& value) {
  return from_snapshot_with({{"Tag.1.Key", key}, {"Tag.1.Value", value}});
}

TEST(CreateImageTags, TwentyTagsAreAccepted) { EXPECT_EQ(from_snapshot_with(tags(20)), kOk); }
TEST(CreateImageTags, TwentyOneTagsExceedTheQuota) { EXPECT_EQ(from_snapshot_with(tags(21)), "QuotaExceed.Tags/403"); }
TEST(CreateImageTags, TagNumberAboveTwentyExceedsTheQuota) {
  EXPECT_EQ(from_snapshot_with({{"Tag.21.Key", "k"}, {"Tag.21.Value", "v"}}), "QuotaExceed.Tags/403");
}
TEST(CreateImageTags, KeyPrefixesAliyunAndAcsAreMalformed) {
  EXPECT_EQ(with_tag("aliyun-team", "v"), "InvalidTagKey.Malformed/400");
  EXPECT_EQ(with_tag("acs:team", "v"), "InvalidTagKey.Malformed/400");
}
TEST(CreateImageTags, KeyWithUrlIsMalformed) { EXPECT_EQ(with_tag("see-http://x", "v"), "InvalidTagKey.Malformed/400"); }
TEST(CreateImageTags, EmptyKeyIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"Tag.1.Value", "v"}}), "InvalidTagKey.Malformed/400");
}
TEST(CreateImageTags, KeyOf128IsAcceptedAnd129Malformed) {
  EXPECT_EQ(with_tag(repeat("k", 128), "v"), kOk);
  EXPECT_EQ(with_tag(repeat("k", 129), "v"), "InvalidTagKey.Malformed/400");
}
TEST(CreateImageTags, EmptyValueIsAccepted) { EXPECT_EQ(with_tag("team", ""), kOk); }
TEST(CreateImageTags, ValueOf128IsAcceptedAnd129Malformed) {
  EXPECT_EQ(with_tag("team", repeat("v", 128)), kOk);
  EXPECT_EQ(with_tag("team", repeat("v", 129)), "InvalidTagValue.Malformed/400");
}
TEST(CreateImageTags, ValueStartingWithAcsIsMalformedButAliyunIsAccepted) {
  EXPECT_EQ(with_tag("team", "acs:web"), "InvalidTagValue.Malformed/400");
  EXPECT_EQ(with_tag("team", "aliyun-web"), kOk);
}
TEST(CreateImageTags, ValueWithUrlIsMalformed) {
  EXPECT_EQ(with_tag("team", "see https://wiki"), "InvalidTagValue.Malformed/400");
}
TEST(CreateImageTags, KeysAreCheckedBeforeValues) {
  EXPECT_EQ(from_snapshot_with({{"Tag.1.Key", "team"}, {"Tag.1.Value", "acs:x"}, {"Tag.2.Key", "acs:y"}, {"Tag.2.Value", "v"}}),
            "InvalidTagKey.Malformed/400");
}
TEST(CreateImageTags, DuplicateKeysAreRejected) {
  EXPECT_EQ(from_snapshot_with({{"Tag.1.Key", "team"}, {"Tag.1.Value", "a"}, {"Tag.2.Key", "team"}, {"Tag.2.Value", "b"}}),
            "Duplicate.TagKey/400");
}
TEST(CreateImageTags, LowercaseKeyAndValueFieldsAreAccepted) {
  auto s = simulate(kWorld, {Call{0, {{"SnapshotId", "s-sys"}, {"Tag.1.key", "team"}, {"Tag.1.value", "web"}}, {}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  const Image& img = image_of(*s, 0);
  ASSERT_EQ(img.tags.size(), 1u);
  EXPECT_EQ(img.tags[0].first, "team");
  EXPECT_EQ(img.tags[0].second, "web");
}

// --- ClientToken: ASCII, at most 64 characters ---

TEST(CreateImageClientToken, SixtyFourCharactersAreAccepted) {
  EXPECT_EQ(from_snapshot_with({{"ClientToken", repeat("t", 64)}}), kOk);
}
TEST(CreateImageClientToken, SixtyFiveCharactersAreInvalid) {
  EXPECT_EQ(from_snapshot_with({{"ClientToken", repeat("t", 65)}}), "InvalidParameter/400");
}
TEST(CreateImageClientToken, NonAsciiIsInvalid) {
  EXPECT_EQ(from_snapshot_with({{"ClientToken", "token-令牌"}}), "InvalidParameter/400");
}

// --- DiskDeviceMapping.N.Device ---

std::string mapping(const Params& entries) { return create_image(entries); }

TEST(CreateImageDevice, SystemDiskOnXvdaIsAccepted) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.1.Device", "/dev/xvda"}}), kOk);
}
TEST(CreateImageDevice, DataDisksOnXvdbAndXvdzAreAccepted) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"},
                     {"DiskDeviceMapping.2.SnapshotId", "s-data"}, {"DiskDeviceMapping.2.Device", "/dev/xvdb"},
                     {"DiskDeviceMapping.3.DiskType", "data"}, {"DiskDeviceMapping.3.Device", "/dev/xvdz"}}),
            kOk);
}
TEST(CreateImageDevice, XvdaaIsMalformed) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"},
                     {"DiskDeviceMapping.2.SnapshotId", "s-data"}, {"DiskDeviceMapping.2.Device", "/dev/xvdaa"}}),
            "InvalidDevice.Malformed/400");
}
TEST(CreateImageDevice, SdaIsMalformed) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.1.Device", "/dev/sda"}}),
            "InvalidDevice.Malformed/400");
}
TEST(CreateImageDevice, SystemDiskOffXvdaIsMalformed) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.1.DiskType", "system"},
                     {"DiskDeviceMapping.1.Device", "/dev/xvdb"}}),
            "InvalidDevice.Malformed/400");
}
TEST(CreateImageDevice, SystemSnapshotWithoutDiskTypeOffXvdaIsMalformed) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.1.Device", "/dev/xvdc"}}),
            "InvalidDevice.Malformed/400");
}
TEST(CreateImageDevice, DataDiskOnXvdaIsMalformed) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"},
                     {"DiskDeviceMapping.2.DiskType", "data"}, {"DiskDeviceMapping.2.Device", "/dev/xvda"}}),
            "InvalidDevice.Malformed/400");
}
TEST(CreateImageDevice, DataSnapshotWithoutDiskTypeOnXvdaIsMalformed) {
  // Its role comes from the snapshot (data), so /dev/xvda cannot be its device.
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-data"}, {"DiskDeviceMapping.1.Device", "/dev/xvda"},
                     {"DiskDeviceMapping.2.SnapshotId", "s-sys"}}),
            "InvalidDevice.Malformed/400");
}
TEST(CreateImageDevice, RepeatedDeviceIsInUse) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"},
                     {"DiskDeviceMapping.2.SnapshotId", "s-data"}, {"DiskDeviceMapping.2.Device", "/dev/xvdc"},
                     {"DiskDeviceMapping.3.DiskType", "data"}, {"DiskDeviceMapping.3.Device", "/dev/xvdc"}}),
            "InvalidDevice.InUse/400");
}
TEST(CreateImageDevice, DataDevicesAreAssignedInSequenceAroundTheGivenOnes) {
  auto s = simulate(kWorld, {Call{0, {{"DiskDeviceMapping.1.SnapshotId", "s-sys"},
                                      {"DiskDeviceMapping.2.DiskType", "data"}, {"DiskDeviceMapping.2.Device", "/dev/xvdb"},
                                      {"DiskDeviceMapping.3.SnapshotId", "s-data"}}, {}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  const Image& img = image_of(*s, 0);
  ASSERT_EQ(img.mappings.size(), 3u);
  EXPECT_EQ(img.mappings[0].device, "/dev/xvda");
  EXPECT_EQ(img.mappings[1].device, "/dev/xvdb");
  EXPECT_EQ(img.mappings[2].device, "/dev/xvdc");
}

// --- DiskDeviceMapping.N.Size ---

std::string sized(const std::string& snapshot, const std::string& size, const std::string& region = "cn-hangzhou") {
  Params p{{"RegionId", region}, {"DiskDeviceMapping.1.SnapshotId", region == "cn-beijing" ? "s-bj" : "s-sys"}};
  if (snapshot.empty()) {
    p["DiskDeviceMapping.2.DiskType"] = "data";
    p["DiskDeviceMapping.2.Size"] = size;
  } else {
    p["DiskDeviceMapping.1.Size"] = size;
  }
  return create_image(p);
}
constexpr const char* kBadSize = "InvalidSize.ValueNotSupported/400";

TEST(CreateImageSize, BelowTheSnapshotSizeIsRejected) { EXPECT_EQ(sized("s-sys", "39"), kBadSize); }
TEST(CreateImageSize, TheSnapshotSizeIsAccepted) { EXPECT_EQ(sized("s-sys", "40"), kOk); }
TEST(CreateImageSize, WithSnapshotUpTo32768IsAccepted) {
  EXPECT_EQ(sized("s-sys", "32768"), kOk);
  EXPECT_EQ(sized("s-sys", "32769"), kBadSize);
}
TEST(CreateImageSize, EmptyDiskOfOtherCategoriesIs20To32768) {
  EXPECT_EQ(sized("", "19"), kBadSize);
  EXPECT_EQ(sized("", "20"), kOk);
  EXPECT_EQ(sized("", "32768"), kOk);
  EXPECT_EQ(sized("", "32769"), kBadSize);
}
TEST(CreateImageSize, EmptyBasicDiskIs5To2000) {
  EXPECT_EQ(sized("", "4", "cn-beijing"), kBadSize);
  EXPECT_EQ(sized("", "5", "cn-beijing"), kOk);
  EXPECT_EQ(sized("", "2000", "cn-beijing"), kOk);
  EXPECT_EQ(sized("", "2001", "cn-beijing"), kBadSize);
}
TEST(CreateImageSize, DefaultsAreTheSnapshotSizeAndTheCategoryMinimum) {
  auto hz = simulate(kWorld, {Call{0, {{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.2.DiskType", "data"}}, {}}});
  const Image& img = image_of(*hz, 0);
  ASSERT_EQ(img.mappings.size(), 2u);
  EXPECT_EQ(img.mappings[0].size_bytes, 40 * kGiB);
  EXPECT_EQ(img.mappings[1].size_bytes, 20 * kGiB);
  auto bj = simulate(kWorld, {Call{0, {{"RegionId", "cn-beijing"}, {"DiskDeviceMapping.1.SnapshotId", "s-bj"},
                                       {"DiskDeviceMapping.2.DiskType", "data"}}, {}}});
  EXPECT_EQ(image_of(*bj, 0).mappings.at(1).size_bytes, 5 * kGiB);
}
TEST(CreateImageSize, NotAWholeNumberOfGibIsRejected) {
  EXPECT_EQ(sized("s-sys", "40GiB"), kBadSize);
  EXPECT_EQ(sized("s-sys", "40.5"), kBadSize);
  EXPECT_EQ(sized("s-sys", "0"), kBadSize);
}

// --- Enumerated values ---

TEST(CreateImagePlatform, EveryListedPlatformIsAccepted) {
  for (const char* p : {"Aliyun", "Anolis", "CentOS", "Ubuntu", "CoreOS", "SUSE", "Debian", "OpenSUSE", "FreeBSD",
                        "RedHat", "Kylin", "UOS", "Fedora", "Fedora CoreOS", "CentOS Stream", "AlmaLinux",
                        "Rocky Linux", "Gentoo", "Customized Linux", "Others Linux", "Windows Server 2022",
                        "Windows Server 2019", "Windows Server 2016", "Windows Server 2012", "Windows Server 2008",
                        "Windows Server 2003"}) {
    EXPECT_TRUE(rules::valid_platform(p)) << p;
  }
  EXPECT_EQ(from_snapshot_with({{"Platform", "Fedora CoreOS"}}), kOk);
}
TEST(CreateImagePlatform, UnlistedOrMiscasedPlatformIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"Platform", "Windows Server 2025"}}), "InvalidPlatform.Malformed/400");
  EXPECT_EQ(from_snapshot_with({{"Platform", "ubuntu"}}), "InvalidPlatform.Malformed/400");
}
TEST(CreateImageArchitecture, ListedValuesAreAccepted) {
  for (const char* a : {"i386", "x86_64", "arm64"}) EXPECT_EQ(from_snapshot_with({{"Architecture", a}}), kOk) << a;
}
TEST(CreateImageArchitecture, OtherValueIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"Architecture", "amd64"}}), "InvalidArchitecture.Malformed/400");
}
TEST(CreateImageBootMode, ListedValuesAreAcceptedOnX86_64) {
  for (const char* m : {"BIOS", "UEFI", "UEFI-Preferred"}) {
    EXPECT_EQ(from_snapshot_with({{"Architecture", "x86_64"}, {"BootMode", m}}), kOk) << m;
  }
}
TEST(CreateImageBootMode, OtherValueIsMalformed) {
  EXPECT_EQ(from_snapshot_with({{"BootMode", "bios"}}), "InvalidBootMode.Malformed/400");
}
TEST(CreateImageBootMode, Arm64WithBiosIsNotSupported) {
  EXPECT_EQ(from_snapshot_with({{"Architecture", "arm64"}, {"BootMode", "BIOS"}}), "InvalidBootMode.NotSupport/400");
  EXPECT_EQ(from_snapshot_with({{"Architecture", "arm64"}, {"BootMode", "UEFI"}}), kOk);
}
TEST(CreateImageBootMode, I386WithUefiIsNotSupported) {
  EXPECT_EQ(from_snapshot_with({{"Architecture", "i386"}, {"BootMode", "UEFI"}}), "InvalidBootMode.NotSupport/400");
}
TEST(CreateImageBootMode, WithoutArchitectureTheDefaultX86_64Applies) {
  EXPECT_EQ(from_snapshot_with({{"BootMode", "BIOS"}}), kOk);
}
TEST(CreateImageDetectionStrategy, OnlyStandardIsAccepted) {
  EXPECT_EQ(from_snapshot_with({{"DetectionStrategy", "Standard"}}), kOk);
  EXPECT_EQ(from_snapshot_with({{"DetectionStrategy", "standard"}}), "InvalidDetectionStrategy.Malformed/400");
}
TEST(CreateImageImdsSupport, V1AndV2AreAcceptedOthersNot) {
  EXPECT_EQ(from_snapshot_with({{"Features.ImdsSupport", "v1"}}), kOk);
  EXPECT_EQ(from_snapshot_with({{"Features.ImdsSupport", "v2"}}), kOk);
  EXPECT_EQ(from_snapshot_with({{"Features.ImdsSupport", "v3"}}), "InvalidParameter.FeaturesImdsSupport/400");
}

// --- Required parameters and DiskDeviceMapping shape ---

TEST(CreateImageRequired, NoSourceIsMissingParameter) {
  auto s = simulate(kWorld, {Call{0, {{"ImageName", "web"}}, {}}});
  const CallRecord& r = s->log().records()[0];
  EXPECT_EQ(outcome(r), "MissingParameter/400");
  EXPECT_NE(r.message.find("SnapshotId or InstanceId or DiskDeviceMapping"), std::string::npos);
}
TEST(CreateImageRequired, NoRegionIdIsMissingParameter) {
  auto s = simulate(kWorld, {Call{0, {{"RegionId", ""}, {"SnapshotId", "s-sys"}}, {}}});
  const CallRecord& r = s->log().records()[0];
  EXPECT_EQ(outcome(r), "MissingParameter/400");
  EXPECT_NE(r.message.find("RegionId"), std::string::npos);
}
TEST(CreateImageMapping, EntryWithEveryFieldEmptyIsAllEmpty) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.2", ""}}),
            "InvalidParameter.AllEmpty/400");
}
TEST(CreateImageMapping, DiskTypeOtherThanSystemOrDataIsNotSupported) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.1.DiskType", "root"}}),
            "InvalidDiskType.ValueNotSupported/400");
}
TEST(CreateImageMapping, SystemEntryWithoutSnapshotIsMissingItsSnapshot) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.DiskType", "system"}, {"DiskDeviceMapping.1.Size", "40"}}),
            "InvalidSystemSnapshot.Missing/403");
}
TEST(CreateImageMapping, NoSystemDiskIsOperationDenied400) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-data"}}), "OperationDenied/400");
}
TEST(CreateImageMapping, TwoSystemDisksAreOperationDenied400) {
  EXPECT_EQ(mapping({{"DiskDeviceMapping.1.SnapshotId", "s-sys"}, {"DiskDeviceMapping.2.SnapshotId", "s-sys"}}),
            "OperationDenied/400");
}
Params data_disks(int n) {
  Params p{{"DiskDeviceMapping.1.SnapshotId", "s-sys"}};
  for (int i = 2; i <= n + 1; ++i) p["DiskDeviceMapping." + std::to_string(i) + ".SnapshotId"] = "s-data";
  return p;
}
TEST(CreateImageMapping, SixteenDataDisksAreAccepted) { EXPECT_EQ(mapping(data_disks(16)), kOk); }
TEST(CreateImageMapping, SeventeenDataDisksAreOperationDenied400) {
  EXPECT_EQ(mapping(data_disks(17)), "OperationDenied/400");
}

}  // namespace
}  // namespace ecsim::models::testing
