// The command line as the contract pins it: exit statuses, FILE:LINE:COL errors, the check report.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace {

struct Result {
  int status = -1;
  std::string out;  // stdout and stderr together
};

Result run(const std::string& args) {
  const std::string cmd = std::string(ECSIM_BINARY_PATH) + " " + args + " 2>&1";
  Result r;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int raw = ::pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

const std::string kSource = ECSIM_SOURCE_DIR;

TEST(Cli, RunOfTheQuickstartExitsZeroAndPrintsTheSeedFirst) {
  const auto out = std::filesystem::temp_directory_path() / "ecsim_cli_run";
  const Result r = run("run " + kSource + "/scenarios/quickstart.yaml --out " + out.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind("seed 42", 0), 0u) << r.out;
  EXPECT_TRUE(std::filesystem::exists(out / "operations.jsonl"));
  EXPECT_TRUE(std::filesystem::exists(out / "summary.json"));
  std::filesystem::remove_all(out);
}

TEST(Cli, ValidateOfAMalformedScenarioExitsTwoWithFileLineColumn) {
  const std::string file = write_temp("ecsim_cli_bad.yaml",
                                      "name: bad\nregions:\n  cn-hangzhou: {}\nworkload:\n  - at: soon\n    Action: CreateImage\n");
  const Result r = run("validate " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(file + ":5:9: error: invalid time 'soon'"), std::string::npos) << r.out;
}

TEST(Cli, ValidateReportsEveryProblemInOnePass) {
  const std::string file = write_temp("ecsim_cli_two.yaml",
                                      "name: two\nbogus: 1\nregions:\n  cn-hangzhou: {}\ninstances:\n"
                                      "  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Size: huge}]}\n");
  const Result r = run("validate " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(":2:1: error: unknown key 'bogus'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("invalid size 'huge'"), std::string::npos) << r.out;
}

TEST(Cli, MalformedYamlIsAnErrorNotACrash) {
  const std::string file = write_temp("ecsim_cli_yaml.yaml", "name: [unclosed\nregions: {\n");
  const Result r = run("run " + file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("error: malformed YAML"), std::string::npos) << r.out;
}

TEST(Cli, MissingFileIsAnInvalidScenario) {
  const Result r = run("validate /nonexistent/scenario.yaml");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("/nonexistent/scenario.yaml:1:1: error: cannot read the file"), std::string::npos) << r.out;
}

TEST(Cli, CheckPrintsFailedExpectationsAndAClosingCount) {
  const std::string file = write_temp(
      "ecsim_cli_check.yaml",
      "name: check\nregions:\n  cn-hangzhou: {}\nworkload:\n"
      "  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-none, expect: {code: InvalidInstanceId.NotFound, http: 404}}\n"
      "  - {at: 1s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-none, expect: {code: null}}\n");
  const Result r = run("check " + file);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("expected success (code null), got InvalidInstanceId.NotFound (HTTP 404)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 passed, 1 failed"), std::string::npos) << r.out;
}

TEST(Cli, UnknownCommandExitsTwo) { EXPECT_EQ(run("frobnicate").status, 2); }

TEST(Cli, BadSeedIsRejected) {
  const Result r = run("run " + kSource + "/scenarios/quickstart.yaml --seed minus-one");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--seed needs a non-negative integer"), std::string::npos);
}

TEST(Cli, GraphPrintsTheDependencyGraphAsDot) {
  const Result r = run("graph " + kSource + "/scenarios/quickstart.yaml");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("digraph resources {", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"d-sys-1\" -> \"i-web-1\" [label=\"attached to\"]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[label=\"uses\"]"), std::string::npos) << r.out;
}

TEST(Cli, UnwritableOutputDirectoryIsAnInternalFailureNotACrash) {
  const std::string file = write_temp("ecsim_cli_plainfile", "x");
  const Result r = run("run " + kSource + "/scenarios/quickstart.yaml --quiet --out " + file + "/sub");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("cannot write outputs"), std::string::npos) << r.out;
}

}  // namespace
