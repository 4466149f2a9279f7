// OptionalSimTime: an optional virtual time in 8 bytes (sim/optional_time.h).

#include "sim/optional_time.h"

#include <gtest/gtest.h>

namespace ecsim::sim {
namespace {

TEST(OptionalSimTime, StartsEmpty) {
  const OptionalSimTime t;
  EXPECT_FALSE(t.has_value());
  EXPECT_FALSE(t);
  EXPECT_EQ(t.value_or(SimTime::from_ticks(7)), SimTime::from_ticks(7));
}

TEST(OptionalSimTime, HoldsEveryVirtualTimeFromZeroToTheEnd) {
  for (const SimTime at : {SimTime::zero(), SimTime::from_ticks(1), SimTime::max()}) {
    const OptionalSimTime t = at;
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(*t, at);
  }
}

TEST(OptionalSimTime, ResetEmptiesIt) {
  OptionalSimTime t = SimTime::from_ticks(5);
  t.reset();
  EXPECT_FALSE(t.has_value());
}

TEST(OptionalSimTime, ReadingAnEmptyOneIsAnInternalError) {
  const OptionalSimTime t;
  EXPECT_EXIT((void)*t, ::testing::ExitedWithCode(1), "internal error");
}

}  // namespace
}  // namespace ecsim::sim
