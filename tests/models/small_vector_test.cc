// SmallVector: the first element inline, the rest on the heap (models/small_vector.h).

#include "models/small_vector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ecsim::models {
namespace {

struct Item {
  std::int64_t value = 0;
  std::uint32_t tag = 0;
};

std::vector<std::int64_t> values(const SmallVector<Item>& v) {
  std::vector<std::int64_t> out;
  for (const Item& item : v) out.push_back(item.value);
  return out;
}

SmallVector<Item> of(std::initializer_list<std::int64_t> xs) {
  SmallVector<Item> v;
  for (std::int64_t x : xs) v.push_back(Item{x, 0});
  return v;
}

TEST(SmallVector, StartsEmpty) {
  const SmallVector<Item> v;
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.size(), 0U);
  EXPECT_EQ(v.begin(), v.end());
}

TEST(SmallVector, HoldsOneElementInPlace) {
  SmallVector<Item> v = of({7});
  EXPECT_EQ(v.size(), 1U);
  EXPECT_EQ(static_cast<const void*>(v.data()), static_cast<const void*>(&v));
  EXPECT_EQ(v.front().value, 7);
}

TEST(SmallVector, KeepsEveryElementInOrderAsItGrows) {
  SmallVector<Item> v;
  std::vector<std::int64_t> expected;
  for (std::int64_t x = 0; x < 100; ++x) {
    v.push_back(Item{x, 0});
    expected.push_back(x);
    ASSERT_EQ(values(v), expected);
  }
}

TEST(SmallVector, ElementsChangeInPlace) {
  SmallVector<Item> v = of({1, 2, 3});
  v[1].value = 20;
  v.at(2).value = 30;
  EXPECT_EQ(values(v), (std::vector<std::int64_t>{1, 20, 30}));
}

TEST(SmallVector, InsertPutsAnElementBeforeAnother) {
  SmallVector<Item> v = of({2});
  v.insert(v.begin(), Item{1, 0});
  EXPECT_EQ(values(v), (std::vector<std::int64_t>{1, 2}));
  v.insert(v.end(), Item{4, 0});
  v.insert(v.begin() + 2, Item{3, 0});
  EXPECT_EQ(values(v), (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST(SmallVector, AtOutOfRangeThrows) {
  SmallVector<Item> v = of({1});
  EXPECT_THROW(v.at(1), std::out_of_range);
}

TEST(SmallVector, CopiesAreIndependent) {
  for (const auto& xs : {std::vector<std::int64_t>{5}, std::vector<std::int64_t>{5, 6, 7}}) {
    SmallVector<Item> a;
    for (std::int64_t x : xs) a.push_back(Item{x, 0});
    SmallVector<Item> b = a;
    b[0].value = 99;
    EXPECT_EQ(a[0].value, 5);
    EXPECT_EQ(values(b).size(), xs.size());
    SmallVector<Item> c = of({1, 2, 3, 4});
    c = a;
    EXPECT_EQ(values(c), xs);
  }
}

TEST(SmallVector, AMovedFromVectorIsEmptyAndUsable) {
  for (std::size_t n : {1U, 3U}) {
    SmallVector<Item> a;
    for (std::size_t k = 0; k < n; ++k) a.push_back(Item{static_cast<std::int64_t>(k), 0});
    SmallVector<Item> b = std::move(a);
    EXPECT_EQ(b.size(), n);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): specified to be empty
    a.push_back(Item{42, 0});
    EXPECT_EQ(values(a), std::vector<std::int64_t>{42});
    SmallVector<Item> c = of({9, 9});
    c = std::move(b);
    EXPECT_EQ(c.size(), n);
  }
}

}  // namespace
}  // namespace ecsim::models
