// StableTable: World's append-only tables (models/stable_table.h).

#include "models/stable_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace ecsim::models {
namespace {

TEST(StableTable, StartsEmpty) {
  StableTable<int> t;
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.size(), 0U);
  EXPECT_EQ(t.begin(), t.end());
}

TEST(StableTable, KeepsElementsInOrderAcrossManyChunks) {
  StableTable<std::string> t;
  for (int i = 0; i < 5000; ++i) t.push_back("s-" + std::to_string(i));
  ASSERT_EQ(t.size(), 5000U);
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(t[i], "s-" + std::to_string(i));
  EXPECT_EQ(t.front(), "s-0");
  EXPECT_EQ(t.back(), "s-4999");
  int expected = 0;
  for (const std::string& s : t) ASSERT_EQ(s, "s-" + std::to_string(expected++));
  EXPECT_EQ(expected, 5000);
}

TEST(StableTable, ElementsNeverMoveWhenTheTableGrows) {
  StableTable<std::string> t;
  t.push_back("first");
  const std::string* first = &t[0];
  for (int i = 0; i < 10'000; ++i) t.push_back("x");
  EXPECT_EQ(&t[0], first);
  EXPECT_EQ(*first, "first");
}

TEST(StableTable, DestroysEveryElement) {
  auto alive = std::make_shared<int>(0);
  {
    StableTable<std::shared_ptr<int>> t;
    for (int i = 0; i < 2500; ++i) t.push_back(alive);
    EXPECT_EQ(alive.use_count(), 2501);
  }
  EXPECT_EQ(alive.use_count(), 1);
}

TEST(StableTable, WorksWithTheStandardAlgorithms) {
  StableTable<int> t;
  for (int i = 0; i < 3000; ++i) t.push_back(i * 2);
  EXPECT_EQ(std::count_if(t.begin(), t.end(), [](int v) { return v % 4 == 0; }), 1500);
  const auto it = std::lower_bound(t.begin(), t.end(), 2048);
  EXPECT_EQ(it - t.begin(), 1024);
  EXPECT_EQ(*it, 2048);
  std::vector<int> copy(t.begin(), t.end());
  EXPECT_EQ(copy.size(), 3000U);
}

}  // namespace
}  // namespace ecsim::models
