#include "analysis/run_metrics.h"

#include <gtest/gtest.h>

#include <set>

#include "analysis/sweep.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"
#include "queue_scenarios.h"

namespace ecsim::analysis {
namespace {

using test_support::metric;

models::ScenarioSpec quickstart() {
  auto parsed = models::parse_scenario_file(std::string(ECSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml");
  EXPECT_TRUE(parsed.ok());
  return parsed.spec;
}

TEST(RunMetrics, RecorderDoesNotChangeTheTrajectory) {
  const auto spec = quickstart();
  models::Simulation plain(spec, 42);
  plain.run();
  models::Simulation observed(spec, 42);
  LifecycleRecorder recorder(observed.world());
  observed.bus().subscribe(&recorder);
  observed.run();
  EXPECT_EQ(plain.scheduler().fingerprint(), observed.scheduler().fingerprint());
  EXPECT_EQ(plain.scheduler().now(), observed.scheduler().now());
  EXPECT_GT(recorder.accomplished, 0);
}

TEST(RunMetrics, QuickstartHasPhasesPerDiskAndNamesFollowTheKindRule) {
  const auto spec = quickstart();
  models::Simulation sim(spec, 42);
  LifecycleRecorder recorder(sim.world());
  sim.bus().subscribe(&recorder);
  sim.run();
  const RunMetrics m = compute_run_metrics(sim.log(), recorder, sim.world(), sim.scheduler().now());
  EXPECT_EQ(metric(m, "action.CreateImage.calls"), 1);
  EXPECT_EQ(metric(m, "action.CreateImage.ok"), 1);
  // Two disks: two snapshot jobs, each with a setup and a transfer phase.
  EXPECT_EQ(metric(m, "snapshot.accomplished"), 2);
  EXPECT_EQ(metric(m, "snapshot.total_s.count"), 2);
  EXPECT_NEAR(metric(m, "snapshot.setup_s.mean") + metric(m, "snapshot.transfer_s.mean"),
              metric(m, "snapshot.total_s.mean"), 1e-5);
  // The image waited for its slowest snapshot, then registration.
  EXPECT_NEAR(metric(m, "action.CreateImage.phase.snapshots_s.max"), metric(m, "snapshot.total_s.max"), 1e-5);
  EXPECT_EQ(metric(m, "image.registration_s.count"), 1);
  EXPECT_EQ(metric(m, "region.cn-hangzhou.snapshots_in_progress.max"), 2);
  std::set<std::string> names;
  for (const Metric& x : m) {
    EXPECT_TRUE(names.insert(x.name).second) << "duplicate " << x.name;
    EXPECT_EQ(kind_of_metric(x.name), x.kind) << x.name;
  }
}

TEST(RunMetrics, ErrorTableIsActionCodeHttp) {
  test_support::QueueScenario q;
  q.arrivals = 30;
  q.arrival_rate_per_s = 1.0;  // far above what 2 slots of 100 s serve
  q.unfinished_quota = 2;
  auto parsed = models::parse_scenario_text(test_support::queue_scenario_yaml(q), "q.yaml");
  ASSERT_TRUE(parsed.ok());
  const auto run = test_support::run_queue(parsed.spec, 1);
  EXPECT_EQ(run.rejected_unfinished, 28);
  EXPECT_EQ(metric(run.metrics, "error.CreateImage.TooManySnapshot.Unfinished.http_403"), 28);
  EXPECT_EQ(metric(run.metrics, "region.cn-hangzhou.unfinished_quota_utilisation.max"), 1.0);
}

TEST(RunMetrics, CopyImagePhasesAddUpToTheTimeToStatus) {
  auto parsed = models::parse_scenario_file(std::string(ECSIM_SOURCE_DIR) + "/scenarios/tour/07_copy_to_another_region.yaml");
  ASSERT_TRUE(parsed.ok());
  models::Simulation sim(parsed.spec, parsed.spec.seed);
  LifecycleRecorder recorder(sim.world());
  sim.bus().subscribe(&recorder);
  sim.run();
  const RunMetrics m = compute_run_metrics(sim.log(), recorder, sim.world(), sim.scheduler().now());
  const double copies = metric(m, "image.copy_build_s.count");
  ASSERT_GT(copies, 0);
  // A copy may start and then be cancelled or fail: each phase has at most as many samples as the
  // one before it; every sample is a non-negative duration.
  EXPECT_GE(metric(m, "image.copy_queue_s.count"), metric(m, "image.copy_transfer_s.count"));
  EXPECT_GE(metric(m, "image.copy_transfer_s.count"), copies);
  EXPECT_GE(metric(m, "image.copy_queue_s.p50"), 0);
  EXPECT_GT(metric(m, "image.copy_transfer_s.mean"), 0);
  EXPECT_GT(metric(m, "image.copy_build_s.mean"), 0);
}

TEST(RunMetrics, TimeAverageLevel) {
  EXPECT_DOUBLE_EQ(time_average_level({{0, 10}, {2, 30}}), 1.5);
  EXPECT_DOUBLE_EQ(time_average_level({}), 0.0);
}

}  // namespace
}  // namespace ecsim::analysis
