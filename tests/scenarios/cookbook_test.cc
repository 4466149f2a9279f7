// The cookbook scenarios (scenarios/cookbook/, documented in docs/scenarios.md) show what their
// page says they show, and replay byte for byte: clients, generators and faults are all drawn
// from named streams of the seed.

#include <gtest/gtest.h>

#include <string>

#include "analysis/operations_writer.h"
#include "scenario_runner.h"

namespace ecsim::scenario_tests {
namespace {

TEST(Cookbook, EveryScenarioReplaysByteForByte) {
  const auto files = scenario_files("cookbook");
  ASSERT_GE(files.size(), 3u);
  for (const std::string& file : files) {
    const ScenarioRun a = run_scenario(file), b = run_scenario(file);
    ASSERT_TRUE(a.sim && b.sim) << file;
    EXPECT_EQ(analysis::render_operations_jsonl(a.sim->log()), analysis::render_operations_jsonl(b.sim->log())) << file;
    EXPECT_EQ(a.sim->scheduler().fingerprint(), b.sim->scheduler().fingerprint()) << file;
  }
}

TEST(Cookbook, NightlyImagesMakesOneImageADayAtTwo) {
  const ScenarioRun run = run_scenario("cookbook/nightly_images.yaml");
  ASSERT_TRUE(run.sim);
  const auto& records = run.sim->log().records();
  ASSERT_EQ(records.size(), 7u);
  for (std::size_t day = 0; day < records.size(); ++day) {
    EXPECT_EQ(records[day].at, sim::SimTime::zero() + sim::SimDuration::days(static_cast<std::int64_t>(day)) +
                                   sim::SimDuration::hours(2));
    EXPECT_EQ(records[day].name, "nightly-" + std::to_string(day + 1));
  }
}

TEST(Cookbook, RetryStormShowsTheCostOfRetryingWithoutAToken) {
  const ScenarioRun run = run_scenario("cookbook/retry_storm.yaml");
  ASSERT_TRUE(run.sim);
  std::size_t orphans_with_token = 0, orphans_without = 0, retries = 0;
  for (const auto& r : run.sim->log().records()) {
    ASSERT_TRUE(r.client.has_value());
    (*r.client == "terraform" ? orphans_with_token : orphans_without) += r.orphaned.size();
    retries += r.attempts - 1;
  }
  EXPECT_EQ(orphans_with_token, 0u);
  EXPECT_GT(orphans_without, 0u);
  EXPECT_GT(retries, 10u);
  EXPECT_EQ(run.sim->world().images().size(), 40u + orphans_without);
}

TEST(Cookbook, RegionalOutageFailsTheBareCallAndThePatientClientRidesItOut) {
  const ScenarioRun run = run_scenario("cookbook/regional_outage.yaml");
  ASSERT_TRUE(run.sim);
  const auto& records = run.sim->log().records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].code, "ServiceUnavailable");
  EXPECT_EQ(records[2].outcome, models::Outcome::kOk);
  EXPECT_GE(records[2].at + records[2].api_latency, sim::SimTime::zero() + sim::SimDuration::hours(3));
  EXPECT_GT(records[2].attempts, 1u);
}

}  // namespace
}  // namespace ecsim::scenario_tests
