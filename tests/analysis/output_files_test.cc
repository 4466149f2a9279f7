#include "analysis/output_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "analysis/operations_writer.h"
#include "call_records.h"
#include "temp_dir.h"

namespace ecsim::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class OutputFiles : public test_support::TempDirTest {
 protected:
  static models::CallLog sample_log() {
    models::CallLog log;
    log.records().push_back(test_support::ok_create_image(0));
    log.records().push_back(test_support::skipped_copy_image(1));
    log.records().push_back(test_support::error_delete_image(2));
    return log;
  }
  static RunInfo sample_info() {
    RunInfo info;
    info.scenario = "quickstart";
    info.seed = 42;
    info.end_time = test_support::at_seconds(7200);
    info.fingerprint = 0x0123'4567'89ab'cdefULL;
    return info;
  }
};

TEST_F(OutputFiles, CreatesTheDirectoryAndWritesTheThreeFiles) {
  const auto out = dir_ / "nested" / "ecsim-out";
  const WriteStatus status = write_run_outputs(out, sample_info(), sample_log());
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_THAT(list_names(out), ElementsAre("fingerprint.txt", "operations.jsonl", "summary.json"));
  EXPECT_EQ(read_file(out / "fingerprint.txt"), "0123456789abcdef\n");
  EXPECT_EQ(read_file(out / "operations.jsonl"), render_operations_jsonl(sample_log()));
  EXPECT_EQ(read_file(out / "summary.json"), render_summary_json(sample_info(), sample_log()));
  EXPECT_TRUE(nlohmann::json::accept(read_file(out / "summary.json")));
}

TEST_F(OutputFiles, SecondRunReplacesTheFilesAndLeavesNoTemporaries) {
  ASSERT_TRUE(write_run_outputs(dir_, sample_info(), sample_log()).ok());
  RunInfo other = sample_info();
  other.seed = 7;
  other.fingerprint = 1;
  ASSERT_TRUE(write_run_outputs(dir_, other, models::CallLog()).ok());
  EXPECT_THAT(list_names(dir_), ElementsAre("fingerprint.txt", "operations.jsonl", "summary.json"));
  EXPECT_EQ(read_file(dir_ / "operations.jsonl"), "");
  EXPECT_EQ(read_file(dir_ / "fingerprint.txt"), "0000000000000001\n");
  EXPECT_THAT(read_file(dir_ / "summary.json"), HasSubstr("\"seed\": 7,"));
}

TEST_F(OutputFiles, IdenticalRunsGiveByteIdenticalFiles) {
  ASSERT_TRUE(write_run_outputs(dir_ / "a", sample_info(), sample_log()).ok());
  ASSERT_TRUE(write_run_outputs(dir_ / "b", sample_info(), sample_log()).ok());
  for (const char* name : {kOperationsFileName, kSummaryFileName, kFingerprintFileName}) {
    EXPECT_EQ(read_file(dir_ / "a" / name), read_file(dir_ / "b" / name)) << name;
  }
}

TEST_F(OutputFiles, DirectoryUnderARegularFileIsAnErrorNotACrash) {
  write_plain_file(dir_ / "plain", "not a directory\n");
  const WriteStatus status = write_run_outputs(dir_ / "plain" / "out", sample_info(), sample_log());
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("plain"));
  EXPECT_EQ(read_file(dir_ / "plain"), "not a directory\n");
}

TEST_F(OutputFiles, OutputPathThatIsARegularFileIsAnError) {
  write_plain_file(dir_ / "plain", "not a directory\n");
  const WriteStatus status = write_run_outputs(dir_ / "plain", sample_info(), sample_log());
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("plain"));
  EXPECT_EQ(read_file(dir_ / "plain"), "not a directory\n");
}

TEST_F(OutputFiles, UnwritableDirectoryIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  std::filesystem::create_directories(dir_ / "ro");
  std::filesystem::permissions(
      dir_ / "ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const WriteStatus status = write_run_outputs(dir_ / "ro", sample_info(), sample_log());
  std::filesystem::permissions(dir_ / "ro", std::filesystem::perms::owner_all);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(list_names(dir_ / "ro"), ElementsAre());
}

}  // namespace
}  // namespace ecsim::analysis
