// Randomness (sim/rng.h): pinned outputs, so any change to the engine or the seeding is deliberate;
// named streams that do not disturb each other; and the shape of every distribution, checked at
// fixed seeds with tolerances of about five standard errors (deterministic, so they cannot flake,
// and wide enough that a correct change of seed would still pass).

#include "sim/rng.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace ecsim::sim {
namespace {

constexpr int kSamples = 200'000;

struct Moments {
  double mean;
  double stddev;
};

template <typename Draw>
Moments moments_of(Draw draw) {
  double sum = 0;
  double sum_sq = 0;
  for (int i = 0; i < kSamples; ++i) {
    const double x = draw();
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / kSamples;
  return {mean, std::sqrt((sum_sq - kSamples * mean * mean) / (kSamples - 1))};
}

// --- pinned outputs ---------------------------------------------------------------------------------
// Computed once and checked against an independent implementation of xoshiro256** seeded with
// SplitMix64 (and, for streams, FNV-1a of the name); never edit these to make a test pass.

TEST(Rng, FirstOutputsOfSeed42ArePinned) {
  Rng rng(42);
  const std::array<std::uint64_t, 5> expected = {0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL, 0xae17533239e499a1ULL,
                                                 0xecb8ad4703b360a1ULL, 0xfde6dc7fe2ec5e64ULL};
  for (std::uint64_t want : expected) EXPECT_EQ(rng.next_u64(), want);
}

TEST(RngStreams, FirstOutputsOfStreamXUnderSeed42ArePinned) {
  RngStreams streams(42);
  EXPECT_EQ(streams.stream_seed("x"), 0x72ac36d832e72d7bULL);
  const std::array<std::uint64_t, 5> expected = {0xeab7e32e4d666947ULL, 0x38a750fab8c570f9ULL, 0xa24681bae8306ec0ULL,
                                                 0x58d00f7986d06d0fULL, 0x4e5c21fa9cb1730dULL};
  for (std::uint64_t want : expected) EXPECT_EQ(streams.stream("x").next_u64(), want);
}

// --- reproducibility and streams ---------------------------------------------------------------------

TEST(Rng, SameSeedDrawsTheSameSequence) {
  Rng a(12345);
  Rng b(12345);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.next_u64(), b.next_u64());
}

TEST(Rng, DifferentSeedsDrawDifferentSequences) {
  Rng a(1);
  Rng b(2);
  int equal = 0;
  for (int i = 0; i < 1000; ++i) equal += a.next_u64() == b.next_u64() ? 1 : 0;
  EXPECT_EQ(equal, 0);
}

TEST(RngStreams, StreamSeedDependsOnTheNameAndTheRoot) {
  const RngStreams streams(42);
  EXPECT_EQ(streams.root_seed(), 42u);
  EXPECT_NE(streams.stream_seed("a"), streams.stream_seed("b"));
  EXPECT_NE(streams.stream_seed("a"), streams.stream_seed("a "));
  EXPECT_NE(streams.stream_seed("a"), streams.stream_seed(""));
  EXPECT_NE(streams.stream_seed("a"), RngStreams(43).stream_seed("a"));
  EXPECT_EQ(streams.stream_seed("a"), RngStreams(42).stream_seed("a"));
}

TEST(RngStreams, StreamIsCreatedOnceAndKeepsItsState) {
  RngStreams streams(42);
  Rng& first = streams.stream("cn-hangzhou/latency/CopyImage");
  const std::uint64_t x = first.next_u64();
  Rng& again = streams.stream("cn-hangzhou/latency/CopyImage");
  EXPECT_EQ(&first, &again);
  Rng fresh(streams.stream_seed("cn-hangzhou/latency/CopyImage"));
  EXPECT_EQ(fresh.next_u64(), x);
  EXPECT_EQ(again.next_u64(), fresh.next_u64());
}

// Using another stream, or creating more streams, never changes what a stream draws.
TEST(RngStreams, StreamsAreIndependentOfEachOther) {
  RngStreams alone(7);
  std::vector<std::uint64_t> a_alone;
  for (int i = 0; i < 100; ++i) a_alone.push_back(alone.stream("a").next_u64());

  RngStreams interleaved(7);
  static_cast<void>(interleaved.stream("b").next_u64());  // "b" exists, and was used, before "a"
  std::vector<std::uint64_t> a_interleaved;
  for (int i = 0; i < 100; ++i) {
    a_interleaved.push_back(interleaved.stream("a").next_u64());
    static_cast<void>(interleaved.stream("b").uniform_u64(6));
    static_cast<void>(interleaved.stream(std::to_string(i).append("-stream")).next_u64());  // and many others
  }
  EXPECT_EQ(a_alone, a_interleaved);
}

TEST(RngStreams, ReferencesStayValidAsStreamsAreAdded) {
  RngStreams streams(7);
  Rng& a = streams.stream("a");
  for (int i = 0; i < 1000; ++i) static_cast<void>(streams.stream(std::to_string(i).append("-stream")));
  EXPECT_EQ(&a, &streams.stream("a"));
}

// --- integers ------------------------------------------------------------------------------------------

TEST(Rng, UniformU64StaysBelowTheBound) {
  Rng rng(1);
  EXPECT_EQ(rng.uniform_u64(1), 0u);
  for (const std::uint64_t bound : {std::uint64_t{2}, std::uint64_t{3}, std::uint64_t{10}, std::uint64_t{1} << 40,
                                    (std::uint64_t{1} << 63) + 1, std::numeric_limits<std::uint64_t>::max()}) {
    for (int i = 0; i < 10'000; ++i) ASSERT_LT(rng.uniform_u64(bound), bound) << bound;
  }
}

// Pearson's chi-squared over 10 equally likely bins: 9 degrees of freedom, and 27.88 is the
// critical value at p = 0.001.
TEST(Rng, UniformU64IsUniformOverTenBins) {
  Rng rng(2026);
  std::array<int, 10> counts{};
  for (int i = 0; i < kSamples; ++i) ++counts[rng.uniform_u64(10)];
  const double expected = kSamples / 10.0;
  double chi_squared = 0;
  for (int c : counts) chi_squared += (c - expected) * (c - expected) / expected;
  EXPECT_LT(chi_squared, 27.88);
}

TEST(Rng, UniformIntIncludesBothBounds) {
  Rng rng(3);
  std::array<int, 7> counts{};
  for (int i = 0; i < 70'000; ++i) {
    const std::int64_t v = rng.uniform_int(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    ++counts[static_cast<std::size_t>(v + 3)];
  }
  for (int c : counts) EXPECT_NEAR(c, 10'000, 500);  // ~5 standard errors (sd ~93)
  EXPECT_EQ(rng.uniform_int(5, 5), 5);
}

TEST(Rng, UniformIntCoversTheFullRange) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  Rng rng(4);
  int negative = 0;
  for (int i = 0; i < 10'000; ++i) negative += rng.uniform_int(kMin, kMax) < 0 ? 1 : 0;
  EXPECT_NEAR(negative, 5000, 250);
  bool saw_min = false, saw_max = false;
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t lo = rng.uniform_int(kMin, kMin + 1);
    const std::int64_t hi = rng.uniform_int(kMax - 1, kMax);
    ASSERT_TRUE(lo == kMin || lo == kMin + 1);
    ASSERT_TRUE(hi == kMax - 1 || hi == kMax);
    saw_min |= lo == kMin;
    saw_max |= hi == kMax;
  }
  EXPECT_TRUE(saw_min);
  EXPECT_TRUE(saw_max);
}

TEST(Rng, ChanceMatchesTheRatio) {
  Rng rng(5);
  int hits = 0;
  for (int i = 0; i < kSamples; ++i) hits += rng.chance(Ratio{1, 4}) ? 1 : 0;
  EXPECT_NEAR(hits, kSamples / 4, 1000);  // sd = sqrt(n p (1-p)) ~ 194
}

TEST(Rng, ChanceOfZeroNeverAndOfOneAlways) {
  Rng rng(6);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_FALSE(rng.chance(Ratio{0, 7}));
    ASSERT_TRUE(rng.chance(Ratio{7, 7}));
  }
}

// --- real-valued distributions ------------------------------------------------------------------------

TEST(Rng, Uniform01IsInTheHalfOpenUnitInterval) {
  Rng rng(7);
  const Moments m = moments_of([&] {
    const double u = rng.uniform01();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    return u;
  });
  EXPECT_NEAR(m.mean, 0.5, 0.0033);                  // se = 0.2887 / sqrt(n) ~ 0.00065
  EXPECT_NEAR(m.stddev, std::sqrt(1.0 / 12), 0.002);
}

TEST(Rng, ExponentialHasTheRequestedMeanAndVariance) {
  Rng rng(8);
  const Moments m = moments_of([&] { return rng.exponential(2.0); });
  EXPECT_NEAR(m.mean, 2.0, 0.023);                    // se of the mean = 2 / sqrt(n) ~ 0.0045
  EXPECT_NEAR(m.stddev * m.stddev, 4.0, 0.13);        // se of the variance = sqrt(8 * 16 / n) ~ 0.025
}

TEST(Rng, ExponentialIsNeverNegative) {
  Rng rng(9);
  for (int i = 0; i < 10'000; ++i) ASSERT_GE(rng.exponential(1.0), 0.0);
  EXPECT_EQ(rng.exponential(0.0), 0.0);
}

TEST(Rng, NormalHasTheRequestedMeanAndStddev) {
  Rng rng(10);
  const Moments m = moments_of([&] { return rng.normal(3.0, 2.0); });
  EXPECT_NEAR(m.mean, 3.0, 0.023);     // se = 2 / sqrt(n) ~ 0.0045
  EXPECT_NEAR(m.stddev, 2.0, 0.016);   // se = 2 / sqrt(2n) ~ 0.0032
}

TEST(Rng, NormalIsSymmetric) {
  Rng rng(11);
  int above = 0;
  for (int i = 0; i < kSamples; ++i) above += rng.normal(0.0, 1.0) > 0 ? 1 : 0;
  EXPECT_NEAR(above, kSamples / 2, 1120);  // sd = sqrt(n) / 2 ~ 224
}

TEST(Rng, LognormalUnitMeanHasMeanOneAndTheRequestedCv) {
  Rng rng(12);
  const Moments m = moments_of([&] { return rng.lognormal_unit_mean(0.5); });
  EXPECT_NEAR(m.mean, 1.0, 0.0056);             // se = 0.5 / sqrt(n) ~ 0.0011
  EXPECT_NEAR(m.stddev / m.mean, 0.5, 0.01);    // se of the cv ~ 0.0015 (heavy right tail)
}

TEST(Rng, LognormalUnitMeanWithZeroCvIsExactlyOne) {
  Rng rng(13);
  EXPECT_EQ(rng.lognormal_unit_mean(0.0), 1.0);
}

TEST(Rng, LognormalIsTheExponentialOfANormal) {
  Rng a(14);
  Rng b(14);
  for (int i = 0; i < 100; ++i) EXPECT_DOUBLE_EQ(a.lognormal(0.5, 0.25), std::exp(b.normal(0.5, 0.25)));
}

// --- PiecewiseLinear ---------------------------------------------------------------------------------

TEST(RngPiecewiseLinear, QuantileInterpolatesBetweenKnots) {
  const PiecewiseLinear d({{0.0, 0.0}, {10.0, 0.5}, {20.0, 1.0}});
  ASSERT_TRUE(d.valid());
  EXPECT_DOUBLE_EQ(d.quantile(0.0), 0.0);
  EXPECT_DOUBLE_EQ(d.quantile(0.25), 5.0);
  EXPECT_DOUBLE_EQ(d.quantile(0.5), 10.0);
  EXPECT_DOUBLE_EQ(d.quantile(0.75), 15.0);
  EXPECT_DOUBLE_EQ(d.quantile(1.0), 20.0);
  EXPECT_DOUBLE_EQ(d.mean(), 10.0);
}

TEST(RngPiecewiseLinear, QuantileSkipsSegmentsWithoutProbability) {
  const PiecewiseLinear d({{1.0, 0.0}, {2.0, 0.0}, {3.0, 0.5}, {7.0, 0.5}, {8.0, 1.0}});
  ASSERT_TRUE(d.valid());
  EXPECT_DOUBLE_EQ(d.quantile(0.0), 2.0);
  EXPECT_DOUBLE_EQ(d.quantile(0.25), 2.5);
  EXPECT_DOUBLE_EQ(d.quantile(0.5), 7.0);
  EXPECT_DOUBLE_EQ(d.quantile(0.75), 7.5);
}

TEST(RngPiecewiseLinear, SamplesFollowTheTable) {
  // 90% uniform on [0, 1], 10% uniform on [1, 11]: mean 1.05, stddev ~1.905.
  const PiecewiseLinear d({{0.0, 0.0}, {1.0, 0.9}, {11.0, 1.0}});
  ASSERT_TRUE(d.valid());
  EXPECT_DOUBLE_EQ(d.mean(), 1.05);
  Rng rng(15);
  int below_one = 0;
  const Moments m = moments_of([&] {
    const double x = d.sample(rng);
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 11.0);
    below_one += x < 1.0 ? 1 : 0;
    return x;
  });
  EXPECT_NEAR(m.mean, 1.05, 0.022);                 // se = 1.905 / sqrt(n) ~ 0.0043
  EXPECT_NEAR(below_one, kSamples * 9 / 10, 700);   // sd = sqrt(n 0.9 0.1) ~ 134
}

TEST(RngPiecewiseLinear, RejectsMalformedKnots) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<std::vector<std::pair<double, double>>> malformed = {
      {},                                        // no knots
      {{1.0, 0.0}},                              // one knot
      {{0.0, 0.1}, {1.0, 1.0}},                  // does not start at p = 0
      {{0.0, 0.0}, {1.0, 0.9}},                  // does not end at p = 1
      {{0.0, 0.0}, {2.0, 0.5}, {1.0, 1.0}},      // values decrease
      {{0.0, 0.0}, {1.0, 0.7}, {2.0, 0.5}, {3.0, 1.0}},  // probabilities decrease
      {{0.0, 0.0}, {nan, 0.5}, {1.0, 1.0}},      // a value is NaN
      {{0.0, 0.0}, {1.0, nan}, {2.0, 1.0}},      // a probability is NaN
      {{0.0, 0.0}, {inf, 1.0}},                  // a value is infinite
      {{-inf, 0.0}, {1.0, 1.0}},                 // the first value is infinite
      {{nan, 0.0}, {1.0, 1.0}},                  // the first value is NaN
  };
  for (std::size_t i = 0; i < malformed.size(); ++i) {
    EXPECT_FALSE(PiecewiseLinear(malformed[i]).valid()) << "case " << i;
  }
}

TEST(RngPiecewiseLinear, AcceptsAPointMass) {
  const PiecewiseLinear d({{4.0, 0.0}, {4.0, 1.0}});
  ASSERT_TRUE(d.valid());
  Rng rng(16);
  EXPECT_DOUBLE_EQ(d.sample(rng), 4.0);
  EXPECT_DOUBLE_EQ(d.mean(), 4.0);
}

}  // namespace
}  // namespace ecsim::sim
