// The analysis verbs end to end through the ecsim binary: run --replications, sweep (and its
// resume), report, calibrate.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_dir.h"
#include "tests/testing/run_cli.h"

namespace ecsim::analysis {
namespace {

using testing::CliResult;

// The binary under test, by name, as the test bodies read best.
CliResult ecsim(const std::string& args) { return testing::run_cli(args); }

const std::string kQuickstart = std::string(ECSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml";

class AnalysisCli : public test_support::TempDirTest {};

TEST_F(AnalysisCli, ReplicationsAreIdenticalWhateverTheThreadCount) {
  const auto one = dir_ / "one", two = dir_ / "two";
  const CliResult a = ecsim("run " + kQuickstart + " --replications 4 --threads 1 --out " + one.string());
  const CliResult b = ecsim("run " + kQuickstart + " --replications 4 --threads 2 --out " + two.string());
  ASSERT_EQ(a.status, 0) << a.out;
  ASSERT_EQ(b.status, 0) << b.out;
  EXPECT_EQ(a.out.rfind("seed 42\n", 0), 0u) << a.out;
  EXPECT_NE(a.out.find("action.CreateImage.to_status_s.mean"), std::string::npos) << a.out;
  for (const char* f : {"replications.csv", "replications_summary.csv"}) {
    const std::string x = read_file(one / f);
    EXPECT_FALSE(x.empty()) << f;
    EXPECT_EQ(x, read_file(two / f)) << f;
  }
  // Tidy: one row per replication x metric.
  EXPECT_EQ(read_file(one / "replications.csv").rfind("replication,seed,metric,value\n0,", 0), 0u);
  // The printed table too (up to the outputs line, which names the directory).
  EXPECT_EQ(a.out.substr(0, a.out.find("outputs:")), b.out.substr(0, b.out.find("outputs:")));
}

TEST_F(AnalysisCli, ReplicationsRejectBadArguments) {
  EXPECT_EQ(ecsim("run " + kQuickstart + " --replications 0").status, 2);
  EXPECT_EQ(ecsim("run " + kQuickstart + " --replications x").status, 2);
}

TEST_F(AnalysisCli, SweepResumesFromTheRowsAlreadyWritten) {
  const std::string set = " --set regions.cn-hangzhou.quota.unfinished_snapshots=";
  const auto fresh = dir_ / "fresh", resumed = dir_ / "resumed";
  const CliResult full = ecsim("sweep " + kQuickstart + set + "1,2,100 --replications 3 --threads 2 --out " + fresh.string());
  ASSERT_EQ(full.status, 0) << full.out;
  EXPECT_NE(full.out.find("0 reused, 9 run"), std::string::npos) << full.out;
  // Half: the first configuration and two replications; then the whole grid.
  const CliResult half = ecsim("sweep " + kQuickstart + set + "1 --replications 2 --threads 1 --out " + resumed.string());
  ASSERT_EQ(half.status, 0) << half.out;
  const CliResult rest = ecsim("sweep " + kQuickstart + set + "1,2,100 --replications 3 --threads 1 --out " + resumed.string());
  ASSERT_EQ(rest.status, 0) << rest.out;
  EXPECT_NE(rest.out.find("2 reused, 7 run"), std::string::npos) << rest.out;
  EXPECT_EQ(read_file(fresh / "sweep.csv"), read_file(resumed / "sweep.csv"));
  EXPECT_EQ(read_file(fresh / "sweep_summary.csv"), read_file(resumed / "sweep_summary.csv"));
  // With 1 unfinished snapshot allowed, the two-disk CreateImage is refused.
  EXPECT_NE(read_file(fresh / "sweep.csv").find("regions.cn-hangzhou.quota.unfinished_snapshots=1,0,"),
            std::string::npos);
  EXPECT_NE(read_file(fresh / "sweep_summary.csv").find(
                "regions.cn-hangzhou.quota.unfinished_snapshots=1,error.CreateImage.TooManySnapshot.Unfinished.http_403,3,1,"),
            std::string::npos)
      << read_file(fresh / "sweep_summary.csv");
}

TEST_F(AnalysisCli, SweepOverSeedsDerivesEachConfigurationsReplicationSeeds) {
  const auto out = dir_ / "seeds";
  const CliResult r = ecsim("sweep " + kQuickstart + " --set seed=1,2 --quiet --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string csv = read_file(out / "sweep.csv");
  auto seed_of = [&](const std::string& label) {
    const std::size_t at = csv.find("\n" + label + ",0,");
    EXPECT_NE(at, std::string::npos) << csv.substr(0, 300);
    const std::size_t from = at + label.size() + 4;
    return csv.substr(from, csv.find(',', from) - from);
  };
  EXPECT_NE(seed_of("seed=1"), seed_of("seed=2"));
}

TEST_F(AnalysisCli, SweepRejectsAnUnknownPath) {
  const CliResult r = ecsim("sweep " + kQuickstart + " --set regions.cn-hangzhou.quota.nope=1 --out " + (dir_ / "x").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("unknown quota 'nope'"), std::string::npos) << r.out;
}

TEST_F(AnalysisCli, ReportPrintsRunsReplicationsAndSweeps) {
  const auto run_dir = dir_ / "run", rep_dir = dir_ / "rep", sweep_dir = dir_ / "sweep";
  ASSERT_EQ(ecsim("run " + kQuickstart + " --quiet --out " + run_dir.string()).status, 0);
  ASSERT_EQ(ecsim("run " + kQuickstart + " --replications 2 --quiet --out " + rep_dir.string()).status, 0);
  ASSERT_EQ(ecsim("sweep " + kQuickstart + " --set models.image.registration=1m,2m --replications 2 --quiet --out " +
                  sweep_dir.string()).status, 0);
  const CliResult run = ecsim("report " + run_dir.string());
  EXPECT_EQ(run.status, 0) << run.out;
  EXPECT_NE(run.out.find("CreateImage           to_status      1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("phase snapshots"), std::string::npos) << run.out;
  const CliResult rep = ecsim("report " + rep_dir.string() + " --md");
  EXPECT_EQ(rep.status, 0) << rep.out;
  EXPECT_NE(rep.out.find("| action.CreateImage.ok | 2 | 1 | [1, 1] |"), std::string::npos) << rep.out;
  const CliResult sweep = ecsim("report " + sweep_dir.string());
  EXPECT_EQ(sweep.status, 0) << sweep.out;
  EXPECT_NE(sweep.out.find("== models.image.registration=2m"), std::string::npos) << sweep.out;
  EXPECT_EQ(ecsim("report " + (dir_ / "nothing").string()).status, 2);
}

TEST_F(AnalysisCli, CalibrateWritesAModelsSnippet) {
  const auto csv = dir_ / "obs.csv", yaml = dir_ / "models.yaml";
  write_plain_file(csv, "category,disk_size,data,duration\ncloud_ssd,40,10,40s\ncloud_ssd,40,20,60s\ncloud_ssd,40,40,100s\n");
  const CliResult r = ecsim("calibrate " + csv.string() + " --out " + yaml.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("cloud_ssd: 3 rows, setup 20.000 s, throughput 512.00 MiB/s, R^2 1.00000"), std::string::npos)
      << r.out;
  EXPECT_NE(read_file(yaml).find("cloud_ssd: {setup: 20000ms, throughput: 512MiB/s}"), std::string::npos);
  write_plain_file(csv, "category,data,duration\nfloppy,1,1\n");
  const CliResult bad = ecsim("calibrate " + csv.string() + " --out " + yaml.string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find(":2: unknown disk category 'floppy'"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace ecsim::analysis
