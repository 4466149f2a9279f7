// NameIndex: images by (region, name), a multimap that forgets (models/name_index.h).

#include "models/name_index.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/rng.h"

namespace ecsim::models {
namespace {

struct Table {
  std::vector<std::pair<std::string, std::string>> keys;  // (region, name) of each element
  NameIndex index;
  auto key_of() const {
    return [this](std::uint32_t i) { return NameIndex::Key{keys[i].first, keys[i].second}; };
  }
  std::uint32_t add(std::string region, std::string name) {
    keys.emplace_back(std::move(region), std::move(name));
    const auto i = static_cast<std::uint32_t>(keys.size() - 1);
    index.insert(keys[i].first, keys[i].second, i);
    return i;
  }
  void erase(std::uint32_t i) { index.erase(keys[i].first, keys[i].second, i); }
  std::optional<std::uint32_t> find(const std::string& region, const std::string& name) const {
    return index.find_first(region, name, key_of());
  }
};

TEST(NameIndex, FindsNothingWhenEmpty) {
  Table t;
  EXPECT_FALSE(t.find("cn-hangzhou", "web"));
}

TEST(NameIndex, TheSameNameInAnotherRegionIsAnotherKey) {
  Table t;
  t.add("cn-hangzhou", "web");
  EXPECT_FALSE(t.find("cn-shanghai", "web"));
  EXPECT_EQ(t.find("cn-hangzhou", "web"), 0U);
}

TEST(NameIndex, RegionAndNameDoNotRunTogether) {
  Table t;
  t.add("cn-hangzhou", "aweb");
  EXPECT_FALSE(t.find("cn-hangzhoua", "web"));
}

TEST(NameIndex, FindsTheSmallestIndexOfASharedName) {
  Table t;
  t.add("r", "other");
  const auto a = t.add("r", "web");
  const auto b = t.add("r", "web");
  EXPECT_EQ(t.find("r", "web"), a);
  t.erase(a);
  EXPECT_EQ(t.find("r", "web"), b);
  t.erase(b);
  EXPECT_FALSE(t.find("r", "web"));
  EXPECT_EQ(t.index.size(), 1U);
}

TEST(NameIndex, ErasingWhatIsNotThereChangesNothing) {
  Table t;
  t.add("r", "web");
  t.keys.emplace_back("r", "never-inserted");
  t.erase(1);
  EXPECT_EQ(t.index.size(), 1U);
  EXPECT_EQ(t.find("r", "web"), 0U);
}

// Random inserts and erases, checked after each against a std::multimap, across many rehashes
// (growth, and rebuilds that drop tombstones).
TEST(NameIndex, AgreesWithAMultimapUnderRandomInsertsAndErases) {
  Table t;
  std::map<std::pair<std::string, std::string>, std::set<std::uint32_t>> model;
  std::vector<std::uint32_t> live;
  sim::Rng rng(7);
  for (int step = 0; step < 60'000; ++step) {
    if (live.empty() || rng.next_u64() % 3 != 0) {
      const std::string region = "r" + std::to_string(rng.next_u64() % 3);
      const std::string name = "n" + std::to_string(rng.next_u64() % 2000);
      const auto i = t.add(region, name);
      model[{region, name}].insert(i);
      live.push_back(i);
    } else {
      const std::size_t k = rng.next_u64() % live.size();
      const std::uint32_t i = live[k];
      live[k] = live.back();
      live.pop_back();
      t.erase(i);
      model[t.keys[i]].erase(i);
    }
    if (step % 97 == 0) {
      for (const auto& [key, indices] : model) {
        const auto found = t.find(key.first, key.second);
        if (indices.empty()) {
          ASSERT_FALSE(found) << key.first << "/" << key.second;
        } else {
          ASSERT_EQ(found, *indices.begin()) << key.first << "/" << key.second;
        }
      }
      ASSERT_EQ(t.index.size(), live.size());
    }
  }
}

}  // namespace
}  // namespace ecsim::models
