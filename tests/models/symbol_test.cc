// Symbol: an interned string that reads, compares and orders like the std::string it replaces.

#include "models/symbol.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace ecsim::models {
namespace {

TEST(Symbol, DefaultIsTheEmptyString) {
  const Symbol s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.str(), "");
  EXPECT_EQ(s, Symbol(""));
  EXPECT_EQ(s.size(), 0U);
}

TEST(Symbol, KeepsItsText) {
  const Symbol s = std::string("cn-hangzhou");
  EXPECT_EQ(s.str(), "cn-hangzhou");
  EXPECT_EQ(std::string_view(s), "cn-hangzhou");
  EXPECT_STREQ(s.c_str(), "cn-hangzhou");
  EXPECT_EQ(s.size(), 11U);
  EXPECT_FALSE(s.empty());
}

TEST(Symbol, EqualTextsAreOneSymbol) {
  const std::size_t before = Symbol::interned_count();
  const Symbol a = "symbol-test-equal-texts";
  const Symbol b = std::string("symbol-test-") + "equal-texts";
  EXPECT_EQ(a, b);
  EXPECT_EQ(&a.str(), &b.str());  // one copy of the text
  EXPECT_EQ(Symbol::interned_count(), before + 1);
}

TEST(Symbol, ComparesWithEveryKindOfString) {
  const Symbol s = "x86_64";
  EXPECT_TRUE(s == "x86_64");
  EXPECT_TRUE(s == std::string("x86_64"));
  EXPECT_TRUE(s == std::string_view("x86_64"));
  EXPECT_TRUE("x86_64" == s);
  EXPECT_TRUE(s != "arm64");
  EXPECT_TRUE(s != Symbol("arm64"));
}

TEST(Symbol, OrdersByTextNotByInterningOrder) {
  const Symbol late_z = "symbol-test-order-z";
  const Symbol later_a = "symbol-test-order-a";  // interned after z
  EXPECT_LT(later_a, late_z);
  std::map<Symbol, int> m{{late_z, 1}, {later_a, 2}};
  EXPECT_EQ(m.begin()->first, "symbol-test-order-a");
  EXPECT_LT(later_a, std::string("symbol-test-order-b"));
}

TEST(Symbol, ConcatenatesAndPrints) {
  const Symbol s = "bp";
  EXPECT_EQ("m-" + s, "m-bp");
  EXPECT_EQ(s + "1", "bp1");
  std::ostringstream out;
  out << s;
  EXPECT_EQ(out.str(), "bp");
}

TEST(Symbol, InterningFromManyThreadsGivesOneSymbolPerText) {
  // Replications run on threads; each must see the same Symbol for the same text and read it
  // while the others intern.
  constexpr int kThreads = 4;
  constexpr int kTexts = 20000;
  std::vector<std::vector<Symbol>> seen(kThreads);
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([t, &seen] {
      for (int i = 0; i < kTexts; ++i) {
        const int n = (t % 2 == 0) ? i : kTexts - 1 - i;
        seen[t].push_back(Symbol("symbol-thread-" + std::to_string(n)));
      }
    });
  }
  for (std::thread& w : workers) w.join();
  for (int i = 0; i < kTexts; ++i) {
    const std::string text = "symbol-thread-" + std::to_string(i);
    for (int t = 0; t < kThreads; ++t) {
      const Symbol& s = seen[t][(t % 2 == 0) ? i : kTexts - 1 - i];
      ASSERT_EQ(s.str(), text);
      ASSERT_EQ(s, seen[0][i]);
    }
  }
}

TEST(Symbol, ALiteralSymbolIsTheSymbolOfItsTextInternedOnce) {
  EXPECT_EQ(symbol_of<"a-literal-for-the-test">(), Symbol("a-literal-for-the-test"));
  const std::size_t before = Symbol::interned_count();
  EXPECT_EQ(symbol_of<"a-literal-for-the-test">().str(), "a-literal-for-the-test");
  EXPECT_EQ(Symbol::interned_count(), before);
  EXPECT_TRUE(symbol_of<"">().empty());
}

}  // namespace
}  // namespace ecsim::models
