// Seed sweep (VOPR-lite): the tour and error scenarios at many seeds, checking the whole-run
// invariants only. Different seeds are allowed to give different outputs (and expectations
// pinned at a scenario's own seed may not hold at another), but no seed may break an invariant.

#include <gtest/gtest.h>

#include <string>

#include "tests/testing/scenario_runs.h"

namespace ecsim::invariant_tests {

using namespace ::ecsim::testing;  // scenario_files, run_checked, test_name_for

namespace {

constexpr std::uint64_t kSeedsPerFile = 20;

std::vector<std::string> swept_files() {
  std::vector<std::string> files = scenario_files("tour");
  for (const auto& f : scenario_files("errors")) files.push_back(f);
  files.push_back("quickstart.yaml");
  return files;
}

class SeedSweep : public ::testing::TestWithParam<std::string> {};

TEST_P(SeedSweep, InvariantsHoldAtEverySeed) {
  for (std::uint64_t seed = 1; seed <= kSeedsPerFile; ++seed) {
    // Spread the seeds over the 64-bit range too, not only small values.
    const std::uint64_t s = seed * 0x9E3779B97F4A7C15ULL;
    const CheckedRun run = run_checked(GetParam(), s);
    ASSERT_TRUE(run.parse_errors.empty()) << run.parse_errors.front();
    ASSERT_NE(run.stop, sim::RunStop::kHitEventLimit) << "seed " << s;
    for (const auto& v : run.violations) ADD_FAILURE() << GetParam() << " --seed " << s << ": " << v;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, SeedSweep, ::testing::ValuesIn(swept_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return test_name_for(info.param); });

TEST(SeedSweepFiles, TourAndErrorFoldersAreFound) { EXPECT_GE(swept_files().size(), 70u); }

}  // namespace
}  // namespace ecsim::invariant_tests
