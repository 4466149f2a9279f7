// Every scenario in scenarios/ is a test: it must validate, and every expect: entry in it must
// hold when it runs at its own seed (what `ecsim check FILE` reports as "N passed, 0 failed").
// One test per file, so `ctest -R QuotaExceed_Image` runs one scenario.

#include <gtest/gtest.h>

#include <string>

#include "models/scenario/assertions.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::scenario_tests {

using namespace ::ecsim::testing;  // scenario_files, run_scenario, test_name_for

namespace {

class ScenarioFile : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioFile, ValidatesAndEveryExpectationHolds) {
  const ScenarioRun run = run_scenario(GetParam());
  for (const auto& e : run.parsed.errors) ADD_FAILURE() << e.to_string();
  ASSERT_TRUE(run.parsed.ok());
  ASSERT_NE(run.stop, sim::RunStop::kHitEventLimit);
  for (const auto& r : models::check_expectations(run.calls, run.sim->log())) {
    EXPECT_TRUE(r.passed) << GetParam() << ":" << r.pos.line << ":" << r.pos.col << ": " << r.operation
                          << ": expected " << r.expected << ", got " << r.got;
  }
  for (const auto& r : models::check_assertions(run.parsed.spec.assertions, run.sim->log())) {
    EXPECT_TRUE(r.passed) << GetParam() << ":" << r.pos.line << ":" << r.pos.col << ": assertion: expected " << r.expected
                          << ", got " << r.got;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioFile, ::testing::ValuesIn(scenario_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return test_name_for(info.param); });

// The scenarios written as specifications (the error table and the tour) must pin something:
// a file without expect: entries would pass vacuously.
class SpecificationScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(SpecificationScenario, PinsAtLeastOneOutcome) {
  const models::ParsedScenario parsed = models::parse_scenario_file((scenarios_root() / GetParam()).string());
  ASSERT_TRUE(parsed.ok());
  int expectations = 0;
  for (const auto& call : parsed.spec.workload) expectations += call.expect ? 1 : 0;
  EXPECT_GT(expectations, 0) << GetParam() << " has no expect: entry";
}

std::vector<std::string> specification_scenarios() {
  std::vector<std::string> files = scenario_files("errors");
  for (const auto& f : scenario_files("tour")) files.push_back(f);
  return files;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, SpecificationScenario, ::testing::ValuesIn(specification_scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return test_name_for(info.param); });

TEST(ScenarioFiles, TheErrorTableAndTourFoldersAreFound) {
  // Guards the discovery itself: an empty list would make the parameterized tests vanish.
  EXPECT_GE(scenario_files("errors/create_image").size(), 64u);
  EXPECT_GE(scenario_files("tour").size(), 4u);
}

}  // namespace
}  // namespace ecsim::scenario_tests
