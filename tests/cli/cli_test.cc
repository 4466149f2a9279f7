// The command line as the contract pins it: exit statuses, FILE:LINE:COL errors, the check report.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/testing/run_cli.h"

namespace {

using ecsim::testing::CliResult;
using ecsim::testing::run_cli;

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

const std::string kSource = ECSIM_SOURCE_DIR;

TEST(Cli, RunOfTheQuickstartExitsZeroAndPrintsTheSeedFirst) {
  const auto out = std::filesystem::temp_directory_path() / "ecsim_cli_run";
  const CliResult r = run_cli("run " + kSource + "/scenarios/quickstart.yaml --out " + out.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind("seed 42", 0), 0u) << r.out;
  EXPECT_TRUE(std::filesystem::exists(out / "operations.jsonl"));
  EXPECT_TRUE(std::filesystem::exists(out / "summary.json"));
  std::filesystem::remove_all(out);
}

TEST(Cli, ValidateOfAMalformedScenarioExitsTwoWithFileLineColumn) {
  const std::string file = write_temp("ecsim_cli_bad.yaml",
                                      "name: bad\nregions:\n  cn-hangzhou: {}\nworkload:\n  - at: soon\n    Action: CreateImage\n");
  const CliResult r = run_cli("validate " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(file + ":5:9: error: invalid time 'soon'"), std::string::npos) << r.out;
}

TEST(Cli, ValidateReportsEveryProblemInOnePass) {
  const std::string file = write_temp("ecsim_cli_two.yaml",
                                      "name: two\nbogus: 1\nregions:\n  cn-hangzhou: {}\ninstances:\n"
                                      "  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Size: huge}]}\n");
  const CliResult r = run_cli("validate " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(":2:1: error: unknown key 'bogus'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("invalid size 'huge'"), std::string::npos) << r.out;
}

TEST(Cli, MalformedYamlIsAnErrorNotACrash) {
  const std::string file = write_temp("ecsim_cli_yaml.yaml", "name: [unclosed\nregions: {\n");
  const CliResult r = run_cli("run " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("error: malformed YAML"), std::string::npos) << r.out;
}

TEST(Cli, MissingFileIsAnInvalidScenario) {
  const CliResult r = run_cli("validate /nonexistent/scenario.yaml");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("/nonexistent/scenario.yaml:1:1: error: cannot read the file"), std::string::npos) << r.out;
}

TEST(Cli, CheckPrintsFailedExpectationsAndAClosingCount) {
  const std::string file = write_temp(
      "ecsim_cli_check.yaml",
      "name: check\nregions:\n  cn-hangzhou: {}\nworkload:\n"
      "  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-none, expect: {code: InvalidInstanceId.NotFound, http: 404}}\n"
      "  - {at: 1s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-none, expect: {code: null}}\n");
  const CliResult r = run_cli("check " + file);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("expected success (code null), got InvalidInstanceId.NotFound (HTTP 404)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 passed, 1 failed"), std::string::npos) << r.out;
}

TEST(Cli, UnknownCommandExitsTwo) { EXPECT_EQ(run_cli("frobnicate").status, 2); }

TEST(Cli, BadSeedIsRejected) {
  const CliResult r = run_cli("run " + kSource + "/scenarios/quickstart.yaml --seed minus-one");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--seed needs a non-negative integer"), std::string::npos);
}

TEST(Cli, GraphPrintsTheDependencyGraphAsDot) {
  const CliResult r = run_cli("graph " + kSource + "/scenarios/quickstart.yaml");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("digraph resources {", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"d-sys-1\" -> \"i-web-1\" [label=\"attached to\"]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[label=\"uses\"]"), std::string::npos) << r.out;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// `ecsim run` streams its call log (docs/performance.md) unless --events, --timeline or
// --check-invariants needs all of it; both ways must print and write the same bytes.
TEST(Cli, AStreamedRunWritesWhatARunKeepingTheWholeLogWrites) {
  for (const char* scenario : {"cookbook/retry_storm.yaml", "cookbook/fanout_20_regions.yaml", "tour/09_delete_in_order.yaml"}) {
    const auto streamed = std::filesystem::temp_directory_path() / "ecsim_cli_streamed";
    const auto kept = std::filesystem::temp_directory_path() / "ecsim_cli_kept";
    const std::string file = kSource + "/scenarios/" + scenario;
    const CliResult a = run_cli("run " + file + " --out " + streamed.string());
    const CliResult b = run_cli("run " + file + " --check-invariants --out " + kept.string());
    ASSERT_EQ(a.status, 0) << a.out;
    ASSERT_EQ(b.status, 0) << b.out;
    EXPECT_EQ(a.out.substr(0, a.out.find("outputs: ")), b.out.substr(0, b.out.find("outputs: "))) << scenario;
    for (const char* name : {"operations.jsonl", "summary.json", "fingerprint.txt", "utilisation.csv", "throughput.csv"}) {
      EXPECT_EQ(read_all(streamed / name), read_all(kept / name)) << scenario << ": " << name;
    }
    std::filesystem::remove_all(streamed);
    std::filesystem::remove_all(kept);
  }
}

TEST(Cli, UnwritableOutputDirectoryIsAnInternalFailureNotACrash) {
  const std::string file = write_temp("ecsim_cli_plainfile", "x");
  const CliResult r = run_cli("run " + kSource + "/scenarios/quickstart.yaml --quiet --out " + file + "/sub");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("cannot write outputs"), std::string::npos) << r.out;
}

TEST(Cli, LifecycleDotPrintsTheStateMachinesAsGraphviz) {
  const CliResult r = run_cli("lifecycle --dot");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind("digraph lifecycle {", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"image.Available\" -> \"image.Deprecated\" [label=\"ModifyImageAttribute Status=Deprecated\"]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"snapshot.progressing\" -> \"snapshot.accomplished\""), std::string::npos) << r.out;
}

TEST(Cli, LifecycleWithoutDotIsAUsageError) {
  EXPECT_EQ(run_cli("lifecycle").status, 2);
}

TEST(Cli, ExplainNarratesTheTourAndIsTheSameTwice) {
  const std::string file = kSource + "/scenarios/tour/01_from_instance.yaml";
  const CliResult a = run_cli("explain " + file);
  const CliResult b = run_cli("explain " + file + " --seed 2026");
  EXPECT_EQ(a.status, 0) << a.out;
  EXPECT_EQ(a.out.rfind("scenario tour-01-from-instance, seed 2026\n00:00:00  call \"golden\": CreateImage", 0), 0u) << a.out;
  EXPECT_NE(a.out.find("(60 GiB used) accomplished"), std::string::npos) << a.out;
  EXPECT_EQ(a.out, b.out);
}

TEST(Cli, ExplainOfAnInvalidScenarioExitsTwo) {
  EXPECT_EQ(run_cli("explain " + kSource + "/no-such-scenario.yaml").status, 2);
}

}  // namespace
