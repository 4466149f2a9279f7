// RareVector: 8 bytes while empty, a vector when not (models/rare_vector.h).

#include "models/rare_vector.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace ecsim::models {
namespace {

std::vector<std::string> items(const RareVector<std::string>& v) { return {v.begin(), v.end()}; }

TEST(RareVector, IsOnePointerWide) { EXPECT_EQ(sizeof(RareVector<std::string>), sizeof(void*)); }

TEST(RareVector, StartsEmpty) {
  const RareVector<std::string> v;
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.size(), 0U);
  EXPECT_EQ(v.begin(), v.end());
}

TEST(RareVector, TakesAVectorAndKeepsItsOrder) {
  RareVector<std::string> v = std::vector<std::string>{"b", "a"};
  EXPECT_EQ(items(v), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(v[1], "a");
}

TEST(RareVector, AssigningNothingMakesItEmptyAgain) {
  RareVector<std::string> v = std::vector<std::string>{"a"};
  const std::set<std::string> none;
  v.assign(none.begin(), none.end());
  EXPECT_TRUE(v.empty());
}

TEST(RareVector, PushBackAppends) {
  RareVector<std::string> v;
  v.push_back("a");
  v.push_back("b");
  EXPECT_EQ(items(v), (std::vector<std::string>{"a", "b"}));
}

TEST(RareVector, CopiesAreDeep) {
  RareVector<std::string> a = std::vector<std::string>{"a"};
  RareVector<std::string> b = a;
  b.push_back("b");
  EXPECT_EQ(items(a), std::vector<std::string>{"a"});
  EXPECT_EQ(items(b), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(a == b);
  b = a;
  EXPECT_TRUE(a == b);
}

}  // namespace
}  // namespace ecsim::models
