#include "analysis/distribution_summary.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/rng.h"

namespace ecsim::analysis {
namespace {

using sim::SimDuration;

std::vector<SimDuration> seconds_list(std::initializer_list<std::int64_t> values) {
  std::vector<SimDuration> out;
  for (std::int64_t v : values) out.push_back(SimDuration::seconds(v));
  return out;
}

std::string to_json(const DistributionSummary& summary) {
  JsonWriter w;
  write_duration_summary(w, summary);
  return w.take();
}

TEST(DistributionSummary, NearestRankOnOneToTen) {
  // Shuffled on purpose: summarize_durations sorts.
  const DistributionSummary s = summarize_durations(seconds_list({7, 3, 10, 1, 5, 9, 2, 8, 4, 6}));
  EXPECT_EQ(s.count, 10u);
  EXPECT_EQ(s.p50, SimDuration::seconds(5));   // ceil(0.50 * 10) = 5th smallest
  EXPECT_EQ(s.p90, SimDuration::seconds(9));   // ceil(0.90 * 10) = 9th
  EXPECT_EQ(s.p99, SimDuration::seconds(10));  // ceil(0.99 * 10) = 10th
  EXPECT_EQ(s.max, SimDuration::seconds(10));
  EXPECT_EQ(s.mean, SimDuration::milliseconds(5500));
}

TEST(DistributionSummary, NearestRankIsAlwaysOneOfTheSamples) {
  const std::vector<SimDuration> sorted = seconds_list({10, 20, 30, 40});
  EXPECT_EQ(nearest_rank_percentile(sorted, 1), SimDuration::seconds(10));   // ceil(0.04) = 1
  EXPECT_EQ(nearest_rank_percentile(sorted, 25), SimDuration::seconds(10));  // ceil(1.0) = 1
  EXPECT_EQ(nearest_rank_percentile(sorted, 26), SimDuration::seconds(20));  // ceil(1.04) = 2
  EXPECT_EQ(nearest_rank_percentile(sorted, 50), SimDuration::seconds(20));  // 2
  EXPECT_EQ(nearest_rank_percentile(sorted, 51), SimDuration::seconds(30));  // ceil(2.04) = 3
  EXPECT_EQ(nearest_rank_percentile(sorted, 100), SimDuration::seconds(40));
}

TEST(DistributionSummary, NearestRankOnAHundredSamples) {
  std::vector<SimDuration> sorted;
  for (int i = 1; i <= 100; ++i) sorted.push_back(SimDuration::seconds(i));
  EXPECT_EQ(nearest_rank_percentile(sorted, 50), SimDuration::seconds(50));
  EXPECT_EQ(nearest_rank_percentile(sorted, 90), SimDuration::seconds(90));
  EXPECT_EQ(nearest_rank_percentile(sorted, 99), SimDuration::seconds(99));
}

TEST(DistributionSummary, SingleSampleIsEveryStatistic) {
  const DistributionSummary s = summarize_durations({SimDuration::milliseconds(12'500)});
  EXPECT_EQ(s.count, 1u);
  for (SimDuration v : {s.mean, s.p50, s.p90, s.p99, s.max}) {
    EXPECT_EQ(v, SimDuration::milliseconds(12'500));
  }
  EXPECT_EQ(to_json(s), R"({"count":1,"mean":12.5,"p50":12.5,"p90":12.5,"p99":12.5,"max":12.5})");
}

TEST(DistributionSummary, EmptyHasCountZeroAndNullFields) {
  const DistributionSummary s = summarize_durations({});
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(to_json(s), R"({"count":0,"mean":null,"p50":null,"p90":null,"p99":null,"max":null})");
}

TEST(DistributionSummary, MeanRoundsToTheNearestTickHalvesUp) {
  const auto ticks = [](std::initializer_list<std::int64_t> values) {
    std::vector<SimDuration> out;
    for (std::int64_t v : values) out.push_back(SimDuration::from_ticks(v));
    return exact_mean(out).ticks();
  };
  EXPECT_EQ(ticks({1, 2}), 2);        // 1.5 -> 2
  EXPECT_EQ(ticks({1, 1, 2}), 1);     // 1.333 -> 1
  EXPECT_EQ(ticks({1, 2, 2}), 2);     // 1.667 -> 2
  EXPECT_EQ(ticks({0, 0, 0, 1}), 0);  // 0.25 -> 0
  EXPECT_EQ(ticks({-1, -2}), -1);     // -1.5 -> -1 (up, towards +infinity)
  EXPECT_EQ(ticks({-3, 1}), -1);
}

TEST(DistributionSummary, MeanDoesNotOverflowOnHugeSamples) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max() - 1;
  const std::vector<SimDuration> samples(1000, SimDuration::from_ticks(big));
  EXPECT_EQ(exact_mean(samples).ticks(), big);
  const std::vector<SimDuration> mixed = {SimDuration::from_ticks(big),
                                          SimDuration::from_ticks(big - 2)};
  EXPECT_EQ(exact_mean(mixed).ticks(), big - 1);
}

TEST(DistributionSummary, MicrosecondMeanIsWrittenExactly) {
  const DistributionSummary s = summarize_durations(
      {SimDuration::from_ticks(1), SimDuration::from_ticks(2), SimDuration::from_ticks(4)});
  // (1 + 2 + 4) / 3 = 2.333 us -> 2 us
  EXPECT_EQ(
      to_json(s),
      R"({"count":3,"mean":0.000002,"p50":0.000002,"p90":0.000004,"p99":0.000004,"max":0.000004})");
}

}  // namespace
}  // namespace ecsim::analysis

namespace ecsim::analysis {
namespace {

void expect_same_summary(const DistributionSummary& a, const DistributionSummary& b) {
  EXPECT_EQ(a.count, b.count);
  if (a.count == 0 || b.count == 0) return;
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.p50, b.p50);
  EXPECT_EQ(a.p90, b.p90);
  EXPECT_EQ(a.p99, b.p99);
  EXPECT_EQ(a.max, b.max);
}

TEST(SummarizeSamples, AgreesWithSummarizeDurationsOverEveryKindOfSample) {
  // Compact, negative, the marker value itself and beyond 32 bits, over several lists at once;
  // many equal values too, so that the percentiles' ranks fall on runs of them.
  sim::Rng rng(3);
  for (int round = 0; round < 100; ++round) {
    std::vector<DurationSamples> parts(1 + rng.uniform_u64(3));
    std::vector<sim::SimDuration> all;
    const auto n = rng.uniform_u64(round < 90 ? 200 : 5000);
    for (std::uint64_t k = 0; k < n; ++k) {
      std::int64_t ticks = 0;
      switch (rng.uniform_u64(round % 2 == 0 ? 5 : 8)) {
        case 5:
        case 6:
        case 7: ticks = rng.uniform_int(0, 3); break;
        case 0: ticks = -rng.uniform_int(1, 1'000'000); break;
        case 1: ticks = 0xffffffffLL; break;
        case 2: ticks = rng.uniform_int(1LL << 32, 1LL << 40); break;
        default: ticks = rng.uniform_int(0, 5'000'000); break;
      }
      parts[rng.uniform_u64(parts.size())].push_back(sim::SimDuration::from_ticks(ticks));
      all.push_back(sim::SimDuration::from_ticks(ticks));
    }
    std::vector<const DurationSamples*> pointers;
    for (const DurationSamples& p : parts) pointers.push_back(&p);
    expect_same_summary(summarize_samples(pointers), summarize_durations(all));
  }
}

TEST(SummarizeSamples, OfNothingHasCountZero) {
  const DurationSamples none;
  const std::array<const DurationSamples*, 1> parts = {&none};
  EXPECT_EQ(summarize_samples(parts).count, 0U);
}

}  // namespace
}  // namespace ecsim::analysis
