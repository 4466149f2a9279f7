// DurationSamples: exact latency samples in about 4 bytes each (analysis/duration_samples.h).

#include "analysis/duration_samples.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "sim/rng.h"

namespace ecsim::analysis {
namespace {

using sim::SimDuration;

TEST(DurationSamples, StartsEmpty) {
  const DurationSamples s;
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(s.values().empty());
}

TEST(DurationSamples, GivesBackWhatWasAddedInOrder) {
  const DurationSamples s = {SimDuration::seconds(3), SimDuration::zero(), SimDuration::from_ticks(1)};
  EXPECT_EQ(s.size(), 3U);
  EXPECT_EQ(s.values(), (std::vector<SimDuration>{SimDuration::seconds(3), SimDuration::zero(), SimDuration::from_ticks(1)}));
}

TEST(DurationSamples, KeepsLongAndNegativeSamplesExactlyAndInPlace) {
  // 2^32 - 1 ticks is the marker, so it must round-trip as a long sample.
  const SimDuration marker = SimDuration::from_ticks(0xffffffffLL);
  const SimDuration below = SimDuration::from_ticks(0xfffffffeLL);
  const SimDuration day = SimDuration::seconds(86'400);
  const SimDuration negative = SimDuration::from_ticks(-5);
  const DurationSamples s = {SimDuration::seconds(1), marker, below, day, negative, SimDuration::seconds(2)};
  EXPECT_EQ(s.values(), (std::vector<SimDuration>{SimDuration::seconds(1), marker, below, day, negative, SimDuration::seconds(2)}));
}

TEST(DurationSamples, AgreesWithAVectorOverRandomSamples) {
  sim::Rng rng(5);
  DurationSamples s;
  std::vector<SimDuration> reference;
  for (int i = 0; i < 20'000; ++i) {
    // Mostly short; one in eight beyond 32 bits.
    const std::int64_t ticks = rng.uniform_u64(8) == 0 ? rng.uniform_int(1LL << 32, 1LL << 45) : rng.uniform_int(0, 1LL << 31);
    s.push_back(SimDuration::from_ticks(ticks));
    reference.push_back(SimDuration::from_ticks(ticks));
  }
  EXPECT_EQ(s.values(), reference);
  std::vector<SimDuration> appended = {SimDuration::seconds(9)};
  s.append_to(appended);
  EXPECT_EQ(appended.size(), reference.size() + 1);
  EXPECT_EQ(appended.back(), reference.back());
}

}  // namespace
}  // namespace ecsim::analysis
