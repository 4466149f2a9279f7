// The single run's additions for issue #6: CopyImage's phases in summary.json and further output
// files (utilisation.csv, throughput.csv) written with the others.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "analysis/output_files.h"
#include "analysis/summary_writer.h"
#include "call_records.h"
#include "temp_dir.h"

namespace ecsim::analysis {
namespace {

using sim::SimDuration;

models::CallLog copy_log() {
  models::CallLog log;
  log.records().push_back(test_support::ok_create_image(0));
  models::CallRecord copy = test_support::ok_create_image(1);
  copy.action = "CopyImage";
  copy.snapshots_done_after.reset();
  copy.registered_after.reset();
  log.records().push_back(copy);
  return log;
}

RunInfo copy_info() {
  RunInfo info;
  info.scenario = "copies";
  info.seed = 1;
  info.end_time = test_support::at_seconds(4096);
  info.fingerprint = 1;
  info.phases["CopyImage"] = {{"queue", {SimDuration::seconds(0), SimDuration::seconds(10)}},
                              {"transfer", {SimDuration::seconds(100), SimDuration::seconds(300)}},
                              {"build", {}}};
  return info;
}

TEST(SummaryPhases, CopyImagePhasesFromTheRecorderAppearInOrderWithoutEmptyOnes) {
  const auto j = nlohmann::ordered_json::parse(render_summary_json(copy_info(), copy_log()));
  const auto& copy = j.at("phases").at("CopyImage");
  std::vector<std::string> keys;
  for (const auto& [k, v] : copy.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"queue", "transfer"})) << "build has no sample";
  EXPECT_EQ(copy.at("queue").at("count"), 2);
  EXPECT_EQ(copy.at("queue").at("mean"), 5);
  EXPECT_EQ(copy.at("transfer").at("max"), 300);
}

TEST(SummaryPhases, AnActionWithoutCallsGetsNoPhasesEvenWithSamples) {
  RunInfo info = copy_info();
  info.phases["ExportImage"] = {{"queue", {SimDuration::seconds(1)}}};
  const auto j = nlohmann::json::parse(render_summary_json(info, copy_log()));
  EXPECT_FALSE(j.at("phases").contains("ExportImage"));
}

class MoreOutputFiles : public test_support::TempDirTest {};

TEST_F(MoreOutputFiles, AreWrittenWholeBesideTheOthers) {
  const std::vector<OutputFile> more = {{"utilisation.csv", "start_us\n0\n"}, {"throughput.csv", "count\n"}};
  const WriteStatus status = write_run_outputs(dir_, copy_info(), copy_log(), more);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(read_file(dir_ / "utilisation.csv"), "start_us\n0\n");
  EXPECT_EQ(read_file(dir_ / "throughput.csv"), "count\n");
  EXPECT_TRUE(std::filesystem::exists(dir_ / "fingerprint.txt"));
}

}  // namespace
}  // namespace ecsim::analysis
