// IdIndex: the World's lookup from an ID to its table index (models/id_index.h).

#include "models/id_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ecsim::models {
namespace {

struct Table {
  std::vector<std::string> ids;
  IdIndex index;
  auto key_of() const {
    return [this](std::uint32_t i) { return std::string_view(ids[i]); };
  }
  void add(std::string id) {
    ids.push_back(std::move(id));
    index.insert(ids.back(), static_cast<std::uint32_t>(ids.size() - 1), key_of());
  }
};

TEST(IdIndex, FindsNothingWhenEmpty) {
  Table t;
  EXPECT_FALSE(t.index.find("m-bp1", t.key_of()));
}

TEST(IdIndex, FindsEveryInsertedIdAcrossManyGrowths) {
  Table t;
  for (int i = 0; i < 100'000; ++i) t.add("s-bp" + std::to_string(i * 7919));
  ASSERT_EQ(t.index.size(), 100'000U);
  for (std::uint32_t i = 0; i < t.ids.size(); ++i) {
    const auto found = t.index.find(t.ids[i], t.key_of());
    ASSERT_TRUE(found) << t.ids[i];
    EXPECT_EQ(*found, i);
  }
}

TEST(IdIndex, DoesNotFindAnIdThatWasNeverInserted) {
  Table t;
  for (int i = 0; i < 1000; ++i) t.add("i-" + std::to_string(i));
  EXPECT_FALSE(t.index.find("i-1000", t.key_of()));
  EXPECT_FALSE(t.index.find("i-", t.key_of()));
  EXPECT_FALSE(t.index.find("", t.key_of()));
  EXPECT_FALSE(t.index.find("i-0 ", t.key_of()));
}

TEST(IdIndex, TellsApartIdsThatShareEveryCharacterButOne) {
  Table t;
  t.add("m-bp1aaaaaaaaaaaaaaaaaa");
  t.add("m-bp1aaaaaaaaaaaaaaaaab");
  t.add("m-bp1baaaaaaaaaaaaaaaaa");
  EXPECT_EQ(t.index.find("m-bp1aaaaaaaaaaaaaaaaab", t.key_of()), 1U);
  EXPECT_EQ(t.index.find("m-bp1baaaaaaaaaaaaaaaaa", t.key_of()), 2U);
  EXPECT_EQ(t.index.find("m-bp1aaaaaaaaaaaaaaaaaa", t.key_of()), 0U);
}

}  // namespace
}  // namespace ecsim::models

namespace ecsim::models {
namespace {

TEST(IdIndex, FindsAnIdRightAfterItsInsertWhileItsBatchIsHeldBack) {
  Table t;
  for (int k = 0; k < 40; ++k) {
    t.add("s-" + std::to_string(k));
    for (int j = 0; j <= k; ++j) ASSERT_EQ(t.index.find("s-" + std::to_string(j), t.key_of()), static_cast<std::uint32_t>(j));
    ASSERT_EQ(t.index.size(), static_cast<std::size_t>(k + 1));
  }
}

TEST(IdIndex, ADuplicateIdIsAnInternalErrorWhileHeldBack) {
  Table t;
  t.add("m-1");
  EXPECT_EXIT(t.add("m-1"), ::testing::ExitedWithCode(1), "duplicate ID");
}

TEST(IdIndex, ADuplicateOfAPlacedIdIsAnInternalErrorWhenItsBatchIsPlaced) {
  Table t;
  for (int k = 0; k < 40; ++k) t.add("m-" + std::to_string(k));
  EXPECT_EXIT(
      {
        for (int k = 0; k < 40; ++k) t.add(k == 0 ? "m-3" : "n-" + std::to_string(k));
      },
      ::testing::ExitedWithCode(1), "duplicate ID");
}

}  // namespace
}  // namespace ecsim::models
