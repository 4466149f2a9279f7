// Resource and request IDs (models/id_generator.h): Alibaba's shapes, and a pure function of
// (seed, kind, region, n), so that one kind of ID never renames another.

#include "models/id_generator.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

namespace ecsim::models {
namespace {

TEST(IdGenerator, ImageAndSnapshotIdsCarryThePrefixTheRegionCodeAndEighteenCharacters) {
  IdGenerator ids(7);
  EXPECT_TRUE(std::regex_match(ids.next_image_id("cn-hangzhou"), std::regex("m-bp[0-9a-z]{18}")));
  EXPECT_TRUE(std::regex_match(ids.next_snapshot_id("cn-shanghai"), std::regex("s-uf[0-9a-z]{18}")));
}

TEST(IdGenerator, ARequestIdIsAnUppercaseUuid) {
  IdGenerator ids(7);
  for (int k = 0; k < 100; ++k) {
    const std::string id = ids.next_request_id();
    ASSERT_TRUE(std::regex_match(id, std::regex("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"))) << id;
  }
}

TEST(IdGenerator, TheSameSeedGivesTheSameIds) {
  IdGenerator a(42), b(42);
  for (int k = 0; k < 50; ++k) {
    ASSERT_EQ(a.next_image_id("cn-hangzhou"), b.next_image_id("cn-hangzhou"));
    ASSERT_EQ(a.next_request_id(), b.next_request_id());
  }
}

TEST(IdGenerator, OneKindOfIdNeverShiftsAnother) {
  IdGenerator plain(42), busy(42);
  for (int k = 0; k < 20; ++k) {
    busy.next_snapshot_id("cn-hangzhou");
    busy.next_image_id("cn-beijing");
    busy.next_request_id();
    ASSERT_EQ(plain.next_image_id("cn-hangzhou"), busy.next_image_id("cn-hangzhou")) << k;
  }
}

TEST(IdGenerator, IdsOfAKindAreDistinct) {
  IdGenerator ids(1);
  std::set<std::string> seen;
  for (int k = 0; k < 10'000; ++k) ASSERT_TRUE(seen.insert(ids.next_image_id("cn-hangzhou")).second) << k;
}

TEST(IdGenerator, AnUnknownRegionGetsATwoCharacterCodeOfItsName) {
  const std::string long_region(100, 'x');  // longer than any key kept on the stack
  IdGenerator a(3), b(3);
  const std::string id = a.next_image_id(long_region);
  EXPECT_TRUE(std::regex_match(id, std::regex("m-[0-9a-z]{20}"))) << id;
  EXPECT_EQ(id.substr(2, 2), IdGenerator::region_code(long_region));
  EXPECT_EQ(id, b.next_image_id(long_region));
  EXPECT_NE(a.next_image_id(long_region), id);
}

}  // namespace
}  // namespace ecsim::models
