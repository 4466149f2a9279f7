// The cookbook scenarios (scenarios/cookbook/, documented in docs/scenarios.md) show what their
// page says they show, and replay byte for byte: clients, generators and faults are all drawn
// from named streams of the seed.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "analysis/operations_writer.h"
#include "models/region_network.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::scenario_tests {

using namespace ::ecsim::testing;  // scenario_files, run_scenario, test_name_for

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

TEST(Cookbook, FanOutCopiesTheGoldenImageToEveryOtherRegionOfTheDefaultNetwork) {
  const ScenarioRun run = run_scenario("cookbook/fanout_20_regions.yaml");
  ASSERT_TRUE(run.sim);
  const models::World& world = run.sim->world();
  std::set<std::string> regions_with_the_image;
  for (const auto& r : run.sim->log().records()) {
    ASSERT_EQ(r.outcome, models::Outcome::kOk) << r.action << " " << r.code;
    ASSERT_EQ(r.status, "Available") << r.action;
    const auto image = world.find_image(*r.response_field("ImageId"));
    ASSERT_TRUE(image.has_value());
    regions_with_the_image.insert(world.image(*image).region_id);
  }
  // The default network's 20 public regions: the image is built in one and copied to the 19 others.
  const models::NetworkSpec network = models::default_network();
  EXPECT_EQ(regions_with_the_image, std::set<std::string>(network.regions.begin(), network.regions.end()));
}

TEST(Cookbook, FanOutTheCopyAloneOnItsLinkIsTheFastest) {
  // The copies share the links out of Hangzhou (processor sharing). Only the Chengdu copy has its
  // link to itself, at the full mainland 40 MiB/s; every other copy shares a link or crosses a
  // narrower one, so it takes at least twice as long to transfer.
  const ScenarioRun run = run_scenario("cookbook/fanout_20_regions.yaml");
  ASSERT_TRUE(run.sim);
  std::map<std::string, sim::SimDuration> copy_time;
  for (const auto& r : run.sim->log().records()) {
    if (r.action != "CopyImage") continue;
    const auto image = run.sim->world().find_image(*r.response_field("ImageId"));
    ASSERT_TRUE(image.has_value() && r.status_at.has_value());
    copy_time[run.sim->world().image(*image).region_id] = *r.status_at - r.at;
  }
  ASSERT_EQ(copy_time.size(), 19u);
  for (const auto& [region, took] : copy_time) {
    if (region != "cn-chengdu") {
      EXPECT_GT(took, copy_time.at("cn-chengdu")) << region;
    }
  }
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
