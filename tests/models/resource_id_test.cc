// ResourceId: an ID held inline in 24 bytes that reads like a string (models/resource_id.h).

#include "models/resource_id.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace ecsim::models {
namespace {

TEST(ResourceId, DefaultIsEmpty) {
  const ResourceId id;
  EXPECT_TRUE(id.empty());
  EXPECT_EQ(id.view(), "");
  EXPECT_STREQ(id.c_str(), "");
}

TEST(ResourceId, AGeneratedIdOf23CharactersIsHeldInlineAndTerminated) {
  const std::string text = "m-bp1g6zv0ce8oghu7k9abc";
  ASSERT_EQ(text.size(), ResourceId::kInlineCapacity);
  const ResourceId id(text);
  EXPECT_EQ(id.view(), text);
  EXPECT_EQ(id.size(), 23U);
  EXPECT_EQ(std::strlen(id.c_str()), 23U);
  EXPECT_FALSE(id.empty());
}

TEST(ResourceId, ALongerIdFromAScenarioKeepsEveryCharacter) {
  const std::string text = "s-golden-system-disk-snapshot-of-the-web-tier";
  const ResourceId id(text);
  EXPECT_EQ(id.view(), text);
  EXPECT_STREQ(id.c_str(), text.c_str());
  EXPECT_EQ(ResourceId(text), id);
}

TEST(ResourceId, AnIdHoldingANulIsNotCutShort) {
  const std::string text("m-a\0b", 5);
  const ResourceId id(text);
  EXPECT_EQ(id.view(), text);
  EXPECT_EQ(id.size(), 5U);
}

TEST(ResourceId, ComparesWithStringsByText) {
  const ResourceId id("m-abc");
  EXPECT_EQ(id, "m-abc");
  EXPECT_EQ(id, std::string("m-abc"));
  EXPECT_EQ(id, std::string_view("m-abc"));
  EXPECT_NE(id, "m-abd");
  EXPECT_LT(id, "m-abd");
  EXPECT_GT(ResourceId("m-b"), id);
}

TEST(ResourceId, SortsByTextWhetherInlineOrLong) {
  std::vector<ResourceId> ids = {"s-zz", "s-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "s-m", "s-"};
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> texts;
  for (const ResourceId& id : ids) texts.push_back(id.str());
  EXPECT_EQ(texts, (std::vector<std::string>{"s-", "s-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "s-m", "s-zz"}));
}

TEST(ResourceId, ConcatenatesAndPrintsLikeAString) {
  const ResourceId id("m-abc");
  EXPECT_EQ("image " + id, "image m-abc");
  EXPECT_EQ(std::string("image ") + id + " done", "image m-abc done");
  std::ostringstream out;
  out << id;
  EXPECT_EQ(out.str(), "m-abc");
}

TEST(ResourceId, AssigningAShorterIdLeavesNoTrailOfTheLongerOne) {
  ResourceId id("m-abcdefghijklmnopqrstu");
  id = "m-x";
  EXPECT_EQ(id.view(), "m-x");
  EXPECT_EQ(id.size(), 3U);
}

}  // namespace
}  // namespace ecsim::models
