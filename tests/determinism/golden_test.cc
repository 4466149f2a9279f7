// Golden outputs: scenarios run at pinned seeds must reproduce the checked-in files byte for
// byte. A diff here is a change in behaviour: review it like code. To accept an intended change:
//
//   ECSIM_UPDATE_GOLDEN=1 ./build/tests/determinism/ecsim_determinism_tests --gtest_filter='Golden*'
//
// then read `git diff tests/golden` before committing.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/testing/run_scenario.h"

namespace ecsim::testing {
namespace {

struct GoldenCase {
  const char* scenario;
  std::uint64_t seed;
  const char* dir;
};

void compare_or_update(const std::string& golden_path, const std::string& actual) {
  if (const char* update = std::getenv("ECSIM_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(std::filesystem::path(golden_path).parent_path());
    std::ofstream(golden_path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(golden_path)) << golden_path << " is missing; run with ECSIM_UPDATE_GOLDEN=1";
  EXPECT_EQ(read_file(golden_path), actual) << "output differs from " << golden_path;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, OutputsMatchTheCheckedInFiles) {
  const GoldenCase& c = GetParam();
  const RunOutputs out = run_scenario_file(c.scenario, c.seed);
  const std::string dir = source_path(std::string("tests/golden/") + c.dir);
  compare_or_update(dir + "/operations.jsonl", out.operations_jsonl);
  compare_or_update(dir + "/summary.json", out.summary_json);
  compare_or_update(dir + "/fingerprint.txt", out.fingerprint_txt);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Golden,
                         ::testing::Values(GoldenCase{"scenarios/quickstart.yaml", 42, "quickstart/seed_42"},
                                           GoldenCase{"scenarios/quickstart.yaml", 7, "quickstart/seed_7"}),
                         [](const auto& info) {
                           std::string name = info.param.dir;
                           for (char& ch : name) {
                             if (ch == '/') ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace ecsim::testing
