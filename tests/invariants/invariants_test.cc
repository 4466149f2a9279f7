// The whole-run invariants (models/invariants.h) hold for every scenario under scenarios/ at its
// own seed, and each family of checks does fire when the state it guards is broken on purpose
// (so that an empty violation list means something).

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/testing/run_cli.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::invariant_tests {

using namespace ::ecsim::testing;  // scenario_files, run_checked, test_name_for

namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

class EveryScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryScenario, InvariantsHoldAtItsOwnSeed) {
  const CheckedRun run = run_checked(GetParam());
  ASSERT_TRUE(run.parse_errors.empty()) << joined(run.parse_errors);
  ASSERT_NE(run.stop, sim::RunStop::kHitEventLimit);
  EXPECT_TRUE(run.violations.empty()) << GetParam() << "\n" << joined(run.violations);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, EveryScenario, ::testing::ValuesIn(scenario_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return test_name_for(info.param); });

TEST(EveryScenario, DiscoveryFindsTheScenarioFolders) {
  // An empty list would make the parameterized tests above vanish without failing.
  EXPECT_GE(scenario_files().size(), 70u);
  EXPECT_GE(scenario_files("tour").size(), 4u);
}

// A finished run of the first tour scenario (one image from an instance), to break on purpose.
class BrokenState : public ::testing::Test {
 protected:
  void SetUp() override {
    parsed_ = models::parse_scenario_file((scenarios_root() / "tour/01_from_instance.yaml").string());
    for (const auto& e : parsed_.errors) ADD_FAILURE() << e.to_string();
    ASSERT_TRUE(parsed_.ok());
    sim_ = std::make_unique<models::Simulation>(parsed_.spec, parsed_.spec.seed);
    monitor_ = std::make_unique<models::InvariantMonitor>(*sim_);
    stop_ = sim_->run();
    ASSERT_EQ(stop_, sim::RunStop::kExhausted);
    ASSERT_FALSE(sim_->world().images().empty());
  }

  // The first image created by the run that ended Available.
  models::Image& available_image() {
    for (std::size_t i = 0; i < sim_->world().images().size(); ++i) {
      models::Image& img = sim_->world().image(static_cast<models::ImageIndex>(i));
      if (img.status == models::ImageStatus::kAvailable && !img.mappings.empty()) return img;
    }
    ADD_FAILURE() << "no Available image";
    return sim_->world().image(0);
  }

  std::string violations() { return joined(monitor_->finish(stop_)); }

  models::ParsedScenario parsed_;
  std::unique_ptr<models::Simulation> sim_;
  std::unique_ptr<models::InvariantMonitor> monitor_;
  sim::RunStop stop_ = sim::RunStop::kExhausted;
};

TEST_F(BrokenState, UntouchedRunHasNoViolation) { EXPECT_EQ(violations(), ""); }

TEST_F(BrokenState, CounterDriftIsReported) {
  ++sim_->world().find_region(available_image().region_id)->images_count;
  EXPECT_NE(violations().find("counter drift in cn-hangzhou: images"), std::string::npos);
}

TEST_F(BrokenState, QuotaAboveItsBoundIsReported) {
  models::Region* region = sim_->world().find_region(available_image().region_id);
  region->quota.images = 0;  // the monitor's bound was fixed at the start: max(quota, initial)
  region->images_count += 1000;
  EXPECT_NE(violations().find("quota exceeded: images"), std::string::npos);
}

TEST_F(BrokenState, ResourceLeftCreatingIsReported) {
  available_image().status = models::ImageStatus::kCreating;
  EXPECT_NE(violations().find("is still Creating after the last event"), std::string::npos);
}

TEST_F(BrokenState, DeletedSnapshotUnderAnAvailableImageIsReported) {
  const models::SnapshotIndex s = available_image().mappings.front().snapshot;
  ASSERT_NE(s, models::kNoIndex);
  sim_->world().snapshot(s).status = models::SnapshotStatus::kDeleted;
  EXPECT_NE(violations().find("was deleted"), std::string::npos);
}

TEST_F(BrokenState, DuplicateIdIsReported) {
  models::Image& img = available_image();
  img.image_id = sim_->world().instances().front().instance_id.str();
  EXPECT_NE(violations().find("is used by a instance and a image"), std::string::npos);
}

TEST_F(BrokenState, SnapshotEndingInAnUnreachableStateIsReported) {
  // Created in the run, so it started progressing; "progressing" again after the last event.
  const models::SnapshotIndex s = available_image().mappings.front().snapshot;
  sim_->world().snapshot(s).status = models::SnapshotStatus::kProgressing;
  EXPECT_NE(violations().find("still progressing after the last event"), std::string::npos);
}

TEST(InvariantMonitor, TimeGoingBackwardsIsReported) {
  const models::ParsedScenario parsed =
      models::parse_scenario_file((scenarios_root() / "tour/01_from_instance.yaml").string());
  ASSERT_TRUE(parsed.ok());
  models::Simulation sim(parsed.spec, parsed.spec.seed);
  models::InvariantMonitor monitor(sim);
  monitor.on_event(sim::SimTime::from_ticks(10), 0, sim::Event{});
  monitor.on_event(sim::SimTime::from_ticks(5), 1, sim::Event{});
  const std::string v = joined(monitor.finish(sim.run()));
  EXPECT_NE(v.find("time went backwards"), std::string::npos) << v;
}

TEST(InvariantMonitor, FormatViolationsPrefixesEachLine) {
  EXPECT_EQ(models::format_violations({"a", "b"}), "invariant violated: a\ninvariant violated: b\n");
}

}  // namespace
}  // namespace ecsim::invariant_tests

namespace ecsim::invariant_tests {
namespace {

// `--check-invariants` on the command line: accepted by run and check, exit 0 when they hold.
int run_binary(const std::string& args) { return run_cli(args).status; }

TEST(CheckInvariantsFlag, RunAndCheckAcceptItAndPassOnTheTour) {
  const std::string tour = (scenarios_root() / "tour").string();
  const std::string out = (std::filesystem::temp_directory_path() / "ecsim_check_invariants_test").string();
  EXPECT_EQ(run_binary("run " + tour + "/04_quota_and_concurrency.yaml --quiet --check-invariants --out " + out), 0);
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(out) / "summary.json"));
  EXPECT_EQ(run_binary("check " + tour + "/01_from_instance.yaml " + tour + "/06_failed_snapshot.yaml --check-invariants"),
            0);
  std::filesystem::remove_all(out);
}

}  // namespace
}  // namespace ecsim::invariant_tests
