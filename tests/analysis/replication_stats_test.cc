#include "analysis/replication_stats.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/rng.h"

namespace ecsim::analysis {
namespace {

TEST(ReplicationStats, SeedsAreSplitMix64OutputsOfTheBaseSeed) {
  const auto seeds = replication_seeds(42, 3);
  std::uint64_t state = 42;
  ASSERT_EQ(seeds.size(), 3u);
  for (std::uint64_t s : seeds) EXPECT_EQ(s, sim::splitmix64(state));
  // A prefix of a longer list: K only adds replications, it never renames them.
  const auto more = replication_seeds(42, 5);
  EXPECT_TRUE(std::equal(seeds.begin(), seeds.end(), more.begin()));
  EXPECT_NE(seeds[0], seeds[1]);
}

TEST(ReplicationStats, StudentTQuantiles) {
  EXPECT_DOUBLE_EQ(student_t_975(1), 12.7062);
  EXPECT_DOUBLE_EQ(student_t_975(4), 2.7764);
  EXPECT_DOUBLE_EQ(student_t_975(30), 2.0423);
  EXPECT_NEAR(student_t_975(50), 2.0086, 1e-3);   // table value 2.0086
  EXPECT_NEAR(student_t_975(100), 1.9840, 1e-3);  // table value 1.9840
  EXPECT_NEAR(student_t_975(1000000), 1.9600, 1e-4);
  for (std::int64_t df = 1; df < 500; ++df) EXPECT_GE(student_t_975(df), student_t_975(df + 1)) << df;
}

TEST(ReplicationStats, MeanCi) {
  const MeanCi ci = mean_ci95({1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(ci.mean, 3);
  EXPECT_NEAR(ci.stddev, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(ci.half_width, 2.7764 * std::sqrt(2.5) / std::sqrt(5.0), 1e-12);
  EXPECT_TRUE(std::isinf(mean_ci95({7}).half_width));
}

TEST(ReplicationStats, MissingCountsAreZeroAndMissingValuesAreLeftOut) {
  const std::vector<RunMetrics> runs = {
      {{"a.count", 2, MetricKind::kCount}, {"v", 10, MetricKind::kValue}},
      {{"e", 4, MetricKind::kCount}},
  };
  const auto agg = aggregate_replications(runs);
  ASSERT_EQ(agg.size(), 3u);
  EXPECT_EQ(agg[0].name, "a.count");
  EXPECT_EQ(agg[0].ci.n, 2u);
  EXPECT_DOUBLE_EQ(agg[0].ci.mean, 1.0);
  EXPECT_EQ(agg[1].name, "v");
  EXPECT_EQ(agg[1].ci.n, 1u);
  EXPECT_EQ(agg[2].name, "e");
  EXPECT_DOUBLE_EQ(agg[2].ci.mean, 2.0);
}

TEST(ReplicationStats, CsvRendering) {
  const std::vector<RunMetrics> runs = {{{"x,y", 0.5, MetricKind::kValue}}};
  EXPECT_EQ(render_replications_csv({9}, runs), "replication,seed,metric,value\n0,9,\"x,y\",0.5\n");
  EXPECT_EQ(split_csv_line("\"x,y\",\"a\"\"b\",3"), (std::vector<std::string>{"x,y", "a\"b", "3"}));
  EXPECT_EQ(format_number(1e-7), "1e-7");
  const auto table = render_aggregate_table(aggregate_replications({{{"m", 1, MetricKind::kValue}},
                                                                    {{"m", 3, MetricKind::kValue}}}),
                                            true);
  EXPECT_EQ(table, "| metric | n | mean | 95% CI |\n|---|---:|---:|---|\n| m | 2 | 2 | [-10.7062, 14.7062] |\n");
}

}  // namespace
}  // namespace ecsim::analysis
