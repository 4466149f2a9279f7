#include "analysis/utilisation_series.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/run_metrics.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"
#include "queue_scenarios.h"

namespace ecsim::analysis {
namespace {

using sim::SimDuration;
using sim::SimTime;
using test_support::metric;

// A run with both recorders attached.
struct Observed {
  std::unique_ptr<models::Simulation> sim;
  std::unique_ptr<LifecycleRecorder> lifecycle;
  std::unique_ptr<UtilisationRecorder> utilisation;
  UtilisationSeries series;
  RunMetrics metrics;
};

Observed observe(models::ScenarioSpec spec, std::uint64_t seed = 1) {
  Observed o;
  o.sim = std::make_unique<models::Simulation>(spec, seed);
  o.lifecycle = std::make_unique<LifecycleRecorder>(o.sim->world());
  o.utilisation = std::make_unique<UtilisationRecorder>(o.sim->world());
  o.sim->bus().subscribe(o.lifecycle.get());
  o.sim->bus().subscribe(o.utilisation.get());
  EXPECT_NE(o.sim->run(), sim::RunStop::kHitEventLimit);
  const SimTime end = o.sim->scheduler().now();
  o.series = o.utilisation->finish(end);
  o.metrics = compute_run_metrics(o.sim->log(), *o.lifecycle, o.sim->world(), end);
  return o;
}

models::ScenarioSpec parse(const std::string& yaml) {
  models::ParsedScenario parsed = models::parse_scenario_text(yaml, "utilisation.yaml");
  EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors.front().to_string());
  return parsed.spec;
}

const LevelSeries* find(const UtilisationSeries& s, const std::string& region, const std::string& resource) {
  for (const LevelSeries& l : s.levels) {
    if (l.region == region && l.resource == resource) return &l;
  }
  return nullptr;
}

// (start s, end s, mean, max) of each row, for readable expectations.
using Row = std::tuple<double, double, double, std::int64_t>;
std::vector<Row> rows(const std::vector<LevelRow>& in) {
  std::vector<Row> out;
  for (const LevelRow& r : in) out.emplace_back(r.start.since_start().seconds_f(), r.end.since_start().seconds_f(), r.mean, r.max);
  return out;
}

// Three one-disk CreateImage calls at 0 s, 5 s and 30 s, no noise: each snapshot job takes 10 s
// of setup plus 10 GiB at 1 GiB/s (the two overlapping transfers use exactly the 2 GiB/s
// capacity), then registration takes 45 s. Jobs: [0, 20), [5, 25), [30, 50); images Available at
// 65, 70 and 95 s (the end of the run).
constexpr const char* kThreeImages = R"(name: three
seed: 1
start: 2026-01-01T00:00:00Z
regions:
  cn-hangzhou: {quota: {unfinished_snapshots: 4}}
models:
  snapshot: {noise_cv: 0, categories: {cloud_essd: {setup: 10s, throughput: 1GiB/s}}}
  image: {noise_cv: 0, registration: 45s}
  api: {latency_cv: 0}
instances:
  - {InstanceId: i-0, RegionId: cn-hangzhou, Status: Running, Disks: [{DiskId: d-0, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}]}
  - {InstanceId: i-1, RegionId: cn-hangzhou, Status: Running, Disks: [{DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}]}
  - {InstanceId: i-2, RegionId: cn-hangzhou, Status: Running, Disks: [{DiskId: d-2, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}]}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-0, ImageName: img-a}
  - {at: 5s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, ImageName: img-b}
  - {at: 30s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-2, ImageName: img-c}
)";

TEST(UtilisationSeries, ChangePointsGiveTheExactStepFunction) {
  const Observed o = observe(parse(kThreeImages));
  ASSERT_EQ(o.series.end, SimTime::zero() + SimDuration::seconds(95));
  const LevelSeries* unfinished = find(o.series, "cn-hangzhou", "unfinished_snapshots");
  ASSERT_NE(unfinished, nullptr);
  EXPECT_EQ(unfinished->limit, 4);
  EXPECT_EQ(rows(level_rows_at_changes(*unfinished, o.series.end)),
            (std::vector<Row>{{0, 5, 1, 1}, {5, 20, 2, 2}, {20, 25, 1, 1}, {25, 30, 0, 0}, {30, 50, 1, 1}, {50, 95, 0, 0}}));
  const LevelSeries* transfers = find(o.series, "cn-hangzhou", "snapshot_transfers");
  ASSERT_NE(transfers, nullptr);
  EXPECT_FALSE(transfers->limit.has_value());
  EXPECT_EQ(rows(level_rows_at_changes(*transfers, o.series.end)),
            (std::vector<Row>{{0, 10, 0, 0}, {10, 15, 1, 1}, {15, 20, 2, 2}, {20, 25, 1, 1}, {25, 40, 0, 0}, {40, 50, 1, 1}, {50, 95, 0, 0}}));
  const LevelSeries* creating = find(o.series, "cn-hangzhou", "images_creating");
  ASSERT_NE(creating, nullptr);
  // The last image becomes Available at the end: that change only counts in the last row's max.
  EXPECT_EQ(rows(level_rows_at_changes(*creating, o.series.end)),
            (std::vector<Row>{{0, 5, 1, 1}, {5, 30, 2, 2}, {30, 65, 3, 3}, {65, 70, 2, 2}, {70, 95, 1, 1}}));
  EXPECT_EQ(find(o.series, "cn-hangzhou", "copy_slots"), nullptr) << "never used: absent";
}

TEST(UtilisationSeries, FixedIntervalsGiveTimeWeightedMeansAndMaxima) {
  const Observed o = observe(parse(kThreeImages));
  const LevelSeries* unfinished = find(o.series, "cn-hangzhou", "unfinished_snapshots");
  ASSERT_NE(unfinished, nullptr);
  // [0, 20): 1 x 5 s + 2 x 15 s; [20, 40): 1 x 5 s + 1 x 10 s; [40, 60): 1 x 10 s; the last
  // interval is cut at the end of the run.
  EXPECT_EQ(rows(level_rows_every(*unfinished, o.series.end, SimDuration::seconds(20))),
            (std::vector<Row>{{0, 20, 1.75, 2}, {20, 40, 0.75, 1}, {40, 60, 0.5, 1}, {60, 80, 0, 0}, {80, 95, 0, 0}}));
}

TEST(UtilisationSeries, ThroughputCountsCompletionsPerInterval) {
  const Observed o = observe(parse(kThreeImages));
  const std::string csv = render_throughput_csv(o.series, SimDuration::seconds(40));
  // Snapshots accomplished at 20, 25, 50 s; images Available at 65, 70, 95 s (the last interval
  // is closed, so the completion at the end counts).
  EXPECT_EQ(csv,
            "start_us,end_us,region,event,count\n"
            "0,40000000,cn-hangzhou,images_available,0\n"
            "40000000,80000000,cn-hangzhou,images_available,2\n"
            "80000000,95000000,cn-hangzhou,images_available,1\n"
            "0,40000000,cn-hangzhou,snapshots_accomplished,2\n"
            "40000000,80000000,cn-hangzhou,snapshots_accomplished,1\n"
            "80000000,95000000,cn-hangzhou,snapshots_accomplished,0\n");
}

TEST(UtilisationSeries, CsvHasLimitsAndFractionsOnlyWhereThereIsALimit) {
  const Observed o = observe(parse(kThreeImages));
  const std::string csv = render_utilisation_csv(o.series, SimDuration::seconds(40));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "start_us,end_us,region,resource,limit,mean,max,mean_fraction,max_fraction");
  // Sorted by region, resource, start: images_creating first (no limit: empty columns). Over
  // [0, 40): 1 x 5 s + 2 x 25 s + 3 x 10 s = 85 image-seconds, a mean of 2.125.
  EXPECT_NE(csv.find("\n0,40000000,cn-hangzhou,images_creating,,2.125,3,,\n"), std::string::npos) << csv;
  // unfinished_snapshots over [0, 40): 1 x 5 + 2 x 15 + 1 x 5 + 1 x 10 = 50 job-seconds: a mean
  // of 1.25 of the quota of 4.
  EXPECT_NE(csv.find("\n0,40000000,cn-hangzhou,unfinished_snapshots,4,1.25,2,0.3125,0.5\n"), std::string::npos) << csv;
}

// Two 10 GiB copies into a region with one copy slot over a 10 MiB/s link, at 0 s and 1 s, no
// build: the first copies over [0, 1024 s), the second waits [1, 1024) then copies until 2048 s.
constexpr const char* kTwoCopies = R"(name: copies
seed: 1
start: 2026-01-01T00:00:00Z
regions:
  cn-hangzhou: {}
  cn-shanghai: {copy_slots: 1}
network:
  links:
    - {between: [cn-hangzhou, cn-shanghai], bandwidth: 10MiB/s, latency: 0ms}
snapshots:
  - {SnapshotId: s-a, RegionId: cn-hangzhou, SourceDiskType: system, Size: 10GiB, CreationTime: 2025-12-01T00:00:00Z}
  - {SnapshotId: s-b, RegionId: cn-hangzhou, SourceDiskType: system, Size: 10GiB, CreationTime: 2025-12-01T00:00:00Z}
images:
  - {ImageId: m-a, RegionId: cn-hangzhou, ImageName: a, Snapshots: [s-a]}
  - {ImageId: m-b, RegionId: cn-hangzhou, ImageName: b, Snapshots: [s-b]}
workload:
  - {at: 0s, Action: CopyImage, RegionId: cn-hangzhou, ImageId: m-a, DestinationRegionId: cn-shanghai}
  - {at: 1s, Action: CopyImage, RegionId: cn-hangzhou, ImageId: m-b, DestinationRegionId: cn-shanghai}
)";

TEST(UtilisationSeries, CopySlotsAndTheCopyQueueOfTheDestination) {
  models::ScenarioSpec spec = parse(kTwoCopies);
  spec.params.copy.build = SimDuration::zero();
  spec.params.copy.noise_cv = 0;
  const Observed o = observe(spec);
  ASSERT_EQ(o.series.end, SimTime::zero() + SimDuration::seconds(2048));
  const LevelSeries* slots = find(o.series, "cn-shanghai", "copy_slots");
  ASSERT_NE(slots, nullptr);
  EXPECT_EQ(slots->limit, 1);
  // At 1024 s the first copy frees the slot and the second takes it: the level stays 1.
  EXPECT_EQ(rows(level_rows_at_changes(*slots, o.series.end)), (std::vector<Row>{{0, 1024, 1, 1}, {1024, 2048, 1, 1}}));
  const LevelSeries* queue = find(o.series, "cn-shanghai", "copy_queue");
  ASSERT_NE(queue, nullptr);
  EXPECT_EQ(rows(level_rows_at_changes(*queue, o.series.end)),
            (std::vector<Row>{{0, 1, 0, 0}, {1, 1024, 1, 1}, {1024, 2048, 0, 0}}));
  EXPECT_EQ(find(o.series, "cn-hangzhou", "copy_queue"), nullptr);
}

TEST(UtilisationSeries, IntegratesToTheTimeAverageAndPeaksAtTheMaximumOfRunMetrics) {
  // A loaded loss system: 4 unfinished-snapshot slots, offered load 3, jobs rejected when full.
  test_support::QueueScenario q;
  q.arrivals = 300;
  q.arrival_rate_per_s = 0.03;
  q.unfinished_quota = 4;
  const Observed o = observe(parse(test_support::queue_scenario_yaml(q)));
  const LevelSeries* unfinished = find(o.series, "cn-hangzhou", "unfinished_snapshots");
  ASSERT_NE(unfinished, nullptr);
  const double end_ticks = static_cast<double>(o.series.end.ticks());
  const double time_avg = metric(o.metrics, "region.cn-hangzhou.snapshots_in_progress.time_avg");
  const double max = metric(o.metrics, "region.cn-hangzhou.snapshots_in_progress.max");
  ASSERT_GT(time_avg, 1.0);
  ASSERT_EQ(max, 4);
  for (const auto& sampled : {level_rows_at_changes(*unfinished, o.series.end),
                              level_rows_every(*unfinished, o.series.end, SimDuration::minutes(7)),
                              level_rows_every(*unfinished, o.series.end, auto_sample_interval(o.series.end))}) {
    double area = 0;
    std::int64_t peak = 0;
    for (const LevelRow& r : sampled) {
      area += r.mean * static_cast<double>((r.end - r.start).ticks());
      peak = std::max(peak, r.max);
    }
    EXPECT_NEAR(area / end_ticks, time_avg, 1e-12 * time_avg);
    EXPECT_EQ(static_cast<double>(peak), max);
    EXPECT_EQ(sampled.front().start, SimTime::zero());
    EXPECT_EQ(sampled.back().end, o.series.end);
  }
}

TEST(UtilisationSeries, RecorderDoesNotChangeTheTrajectory) {
  models::ScenarioSpec spec = parse(kThreeImages);
  models::Simulation plain(spec, 3);
  plain.run();
  const Observed o = observe(spec, 3);
  EXPECT_EQ(plain.scheduler().fingerprint(), o.sim->scheduler().fingerprint());
  EXPECT_EQ(plain.scheduler().now(), o.sim->scheduler().now());
}

TEST(UtilisationSeries, AutoIntervalKeepsAtMostTwoThousandRowsPerSeries) {
  EXPECT_EQ(auto_sample_interval(SimTime::zero() + SimDuration::hours(2)), SimDuration::minutes(1));
  EXPECT_EQ(auto_sample_interval(SimTime::zero() + SimDuration::hours(24)), SimDuration::minutes(1));
  // 100 days: 1 h would give 2400 intervals, 2 h gives 1200.
  EXPECT_EQ(auto_sample_interval(SimTime::zero() + SimDuration::hours(2400)), SimDuration::hours(2));
  EXPECT_EQ(auto_sample_interval(SimTime::zero() + SimDuration::hours(24 * 365 * 200)), SimDuration::hours(24 * 30));
}

TEST(UtilisationSeries, NoRowsForARunOfZeroLength) {
  LevelSeries s;
  s.changes = {{SimTime::zero(), 1}};
  EXPECT_TRUE(level_rows_at_changes(s, SimTime::zero()).empty());
  EXPECT_TRUE(level_rows_every(s, SimTime::zero(), SimDuration::minutes(1)).empty());
}

}  // namespace
}  // namespace ecsim::analysis
