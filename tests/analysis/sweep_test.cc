#include "analysis/sweep.h"

#include <gtest/gtest.h>

#include "models/scenario/scenario_parser.h"

namespace ecsim::analysis {
namespace {

models::ScenarioSpec spec() {
  auto parsed = models::parse_scenario_file(std::string(ECSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml");
  EXPECT_TRUE(parsed.ok());
  return parsed.spec;
}

TEST(Sweep, AppliesEverySupportedPath) {
  auto s = spec();
  EXPECT_EQ(apply_override(s, "regions.cn-hangzhou.quota.unfinished_snapshots", "10"), "");
  EXPECT_EQ(s.regions.at("cn-hangzhou").quota.unfinished_snapshots, 10);
  EXPECT_EQ(apply_override(s, "regions.cn-hangzhou.snapshot_capacity", "512MiB/s"), "");
  EXPECT_EQ(s.regions.at("cn-hangzhou").snapshot_capacity_bytes_per_s, 512LL * 1024 * 1024);
  EXPECT_EQ(apply_override(s, "models.snapshot.categories.cloud_essd.throughput", "100MiB/s"), "");
  EXPECT_EQ(s.params.snapshot.timing(models::DiskCategory::kCloudEssd).throughput_bytes_per_s, 100LL * 1024 * 1024);
  EXPECT_EQ(apply_override(s, "models.snapshot.categories.cloud_essd.setup", "45s"), "");
  EXPECT_EQ(s.params.snapshot.timing(models::DiskCategory::kCloudEssd).setup, sim::SimDuration::seconds(45));
  EXPECT_EQ(apply_override(s, "models.image.registration", "2m"), "");
  EXPECT_EQ(s.params.image.registration, sim::SimDuration::minutes(2));
  EXPECT_EQ(apply_override(s, "models.image.check", "1m"), "");
  EXPECT_EQ(s.params.image.check, sim::SimDuration::minutes(1));
  EXPECT_EQ(apply_override(s, "seed", "7"), "");
  EXPECT_EQ(s.seed, 7u);
}

TEST(Sweep, RejectsWrongPathsAndValues) {
  auto s = spec();
  EXPECT_NE(apply_override(s, "regions.cn-nowhere.quota.images", "1"), "");
  EXPECT_NE(apply_override(s, "regions.cn-hangzhou.quota.bogus", "1"), "");
  EXPECT_NE(apply_override(s, "regions.cn-hangzhou.quota.images", "-1"), "");
  EXPECT_NE(apply_override(s, "models.snapshot.categories.floppy.setup", "1s"), "");
  EXPECT_NE(apply_override(s, "models.image.check", "soon"), "");
  EXPECT_NE(apply_override(s, "name", "x"), "");
  std::string error;
  EXPECT_FALSE(parse_set_argument("a=", error));
  EXPECT_FALSE(parse_set_argument("a=1,,2", error));
}

TEST(Sweep, GridIsRowMajorWithTheLastSetFastest) {
  std::string error;
  auto a = parse_set_argument("a=1,2", error);
  auto b = parse_set_argument("b=x,y,z", error);
  ASSERT_TRUE(a && b);
  const auto grid = expand_grid({*a, *b});
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_EQ(grid[0].label, "a=1;b=x");
  EXPECT_EQ(grid[1].label, "a=1;b=y");
  EXPECT_EQ(grid[5].label, "a=2;b=z");
}

TEST(Sweep, RowsRoundTripThroughTheCsv) {
  const RunMetrics m = {{"action.CreateImage.ok", 3, MetricKind::kCount}, {"snapshot.total_s.mean", 0.1, MetricKind::kValue}};
  const std::string text = std::string(kSweepCsvHeader) + render_sweep_rows("a=1;b=2", 1, 99, m) +
                           "a=1;b=2,2,99,x,1\n" /* a later pair */ + "broken,line\n" + "a=1;b=2,3,99,x";
  const SweepRows rows = parse_sweep_csv(text);
  ASSERT_EQ(rows.pairs.size(), 2u);  // the unterminated last line is not a row
  const auto& p = rows.pairs.at({"a=1;b=2", 1});
  EXPECT_EQ(p.seed, 99u);
  ASSERT_EQ(p.metrics.size(), 2u);
  EXPECT_EQ(p.metrics[0].kind, MetricKind::kCount);
  EXPECT_EQ(p.metrics[1].value, 0.1);
  EXPECT_EQ(render_sweep_rows("a=1;b=2", 1, 99, p.metrics), render_sweep_rows("a=1;b=2", 1, 99, m));
}

}  // namespace
}  // namespace ecsim::analysis
