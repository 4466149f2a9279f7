// The same scenario and seed give byte-identical outputs; a different seed gives a different run.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/testing/run_scenario.h"

namespace ecsim::testing {
namespace {

TEST(Replay, SameScenarioAndSeedGiveIdenticalOutputsInProcess) {
  const RunOutputs a = run_scenario_file("scenarios/quickstart.yaml", 42);
  const RunOutputs b = run_scenario_file("scenarios/quickstart.yaml", 42);
  EXPECT_EQ(a.operations_jsonl, b.operations_jsonl);
  EXPECT_EQ(a.summary_json, b.summary_json);
  EXPECT_EQ(a.fingerprint_txt, b.fingerprint_txt);
}

TEST(Replay, DifferentSeedsGiveDifferentTrajectories) {
  const RunOutputs a = run_scenario_file("scenarios/quickstart.yaml", 1);
  const RunOutputs b = run_scenario_file("scenarios/quickstart.yaml", 2);
  EXPECT_NE(a.fingerprint_txt, b.fingerprint_txt);
  EXPECT_NE(a.operations_jsonl, b.operations_jsonl);
}

TEST(Replay, TwoRunsOfTheBinaryWriteByteIdenticalFiles) {
  const std::filesystem::path tmp = std::filesystem::temp_directory_path() / "ecsim_replay_test";
  std::filesystem::remove_all(tmp);
  for (const char* run : {"a", "b"}) {
    const std::string cmd = std::string(ECSIM_BINARY_PATH) + " run " + source_path("scenarios/quickstart.yaml") +
                            " --quiet --out " + (tmp / run).string();
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  for (const char* file : {"operations.jsonl", "summary.json", "fingerprint.txt"}) {
    const std::string a = read_file((tmp / "a" / file).string());
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, read_file((tmp / "b" / file).string())) << file;
  }
  std::filesystem::remove_all(tmp);
}

TEST(Replay, SeedFlagOverridesTheScenarioSeed) {
  const std::filesystem::path tmp = std::filesystem::temp_directory_path() / "ecsim_seed_test";
  std::filesystem::remove_all(tmp);
  const std::string cmd = std::string(ECSIM_BINARY_PATH) + " run " + source_path("scenarios/quickstart.yaml") +
                          " --quiet --seed 7 --out " + tmp.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(read_file((tmp / "fingerprint.txt").string()), run_scenario_file("scenarios/quickstart.yaml", 7).fingerprint_txt);
  std::filesystem::remove_all(tmp);
}

}  // namespace
}  // namespace ecsim::testing
