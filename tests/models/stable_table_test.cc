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

// Three and a half chunks: the first (ordinary memory) and huge-page ones after it.
constexpr int kManyStrings = static_cast<int>(StableTable<std::string>::kChunkSize * 7 / 2);

TEST(StableTable, KeepsElementsInOrderAcrossManyChunks) {
  StableTable<std::string> t;
  for (int i = 0; i < kManyStrings; ++i) t.push_back("s-" + std::to_string(i));
  ASSERT_EQ(t.size(), static_cast<std::size_t>(kManyStrings));
  for (int i = 0; i < kManyStrings; ++i) ASSERT_EQ(t[i], "s-" + std::to_string(i));
  EXPECT_EQ(t.front(), "s-0");
  EXPECT_EQ(t.back(), "s-" + std::to_string(kManyStrings - 1));
  int expected = 0;
  for (const std::string& s : t) ASSERT_EQ(s, "s-" + std::to_string(expected++));
  EXPECT_EQ(expected, kManyStrings);
}

TEST(StableTable, HoldsElementsThatDoNotDivideAChunkEvenly) {
  struct Odd {
    char bytes[208];  // Image's size: 2 MiB is not a multiple of it
  };
  StableTable<Odd> t;
  const std::size_t n = StableTable<Odd>::kChunkSize * 2 + 3;
  for (std::size_t i = 0; i < n; ++i) {
    Odd o{};
    o.bytes[0] = static_cast<char>(i % 127);
    o.bytes[207] = static_cast<char>(i % 113);
    t.push_back(o);
  }
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(t[i].bytes[0], static_cast<char>(i % 127));
    ASSERT_EQ(t[i].bytes[207], static_cast<char>(i % 113));
  }
}

TEST(StableTable, ElementsNeverMoveWhenTheTableGrows) {
  StableTable<std::string> t;
  t.push_back("first");
  const std::string* first = &t[0];
  for (int i = 0; i < kManyStrings; ++i) t.push_back("x");
  EXPECT_EQ(&t[0], first);
  EXPECT_EQ(*first, "first");
}

TEST(StableTable, DestroysEveryElement) {
  auto alive = std::make_shared<int>(0);
  {
    StableTable<std::shared_ptr<int>> t;
    const int n = static_cast<int>(StableTable<std::shared_ptr<int>>::kChunkSize) + 7;  // two chunks
    for (int i = 0; i < n; ++i) t.push_back(alive);
    EXPECT_EQ(alive.use_count(), n + 1);
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
