#include "analysis/atomic_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "temp_dir.h"

namespace ecsim::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AtomicFile : public test_support::TempDirTest {};

TEST_F(AtomicFile, CreatesTheFileWithExactlyTheContents) {
  const std::string contents("line 1\nline 2\0binary\n", 21);
  const WriteStatus status = write_file_atomically(dir_ / "a.txt", contents);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(read_file(dir_ / "a.txt"), contents);
}

TEST_F(AtomicFile, ReplacesExistingContentAndLeavesNoTemporaryFile) {
  write_plain_file(dir_ / "a.txt", "old contents that are longer than the new ones\n");
  const WriteStatus status = write_file_atomically(dir_ / "a.txt", "new\n");
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(read_file(dir_ / "a.txt"), "new\n");
  EXPECT_THAT(list_names(dir_), ElementsAre("a.txt"));
}

TEST_F(AtomicFile, WritesAnEmptyFile) {
  ASSERT_TRUE(write_file_atomically(dir_ / "empty", "").ok());
  EXPECT_TRUE(std::filesystem::is_regular_file(dir_ / "empty"));
  EXPECT_EQ(std::filesystem::file_size(dir_ / "empty"), 0u);
}

TEST_F(AtomicFile, TemporaryNameIsPathDotTmpDotPid) {
  EXPECT_EQ(temporary_path_for(dir_ / "summary.json"),
            dir_ / ("summary.json.tmp." + std::to_string(::getpid())));
}

TEST_F(AtomicFile, ParentThatIsARegularFileIsAnErrorNotACrash) {
  write_plain_file(dir_ / "plain", "I am a file\n");
  const WriteStatus status = write_file_atomically(dir_ / "plain" / "a.txt", "x");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("plain"));
  EXPECT_EQ(read_file(dir_ / "plain"), "I am a file\n");
}

TEST_F(AtomicFile, MissingParentIsAnError) {
  const WriteStatus status = write_file_atomically(dir_ / "no" / "such" / "a.txt", "x");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("cannot create"));
}

TEST_F(AtomicFile, TargetThatIsADirectoryFailsAndCleansUpTheTemporaryFile) {
  std::filesystem::create_directories(dir_ / "taken" / "child");
  const WriteStatus status = write_file_atomically(dir_ / "taken", "x");
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("taken"));
  EXPECT_THAT(list_names(dir_), ElementsAre("taken"));  // no leftover taken.tmp.<pid>
  EXPECT_TRUE(std::filesystem::is_directory(dir_ / "taken" / "child"));
}

TEST_F(AtomicFile, UnwritableDirectoryIsAnErrorAndKeepsTheOldFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  write_plain_file(dir_ / "a.txt", "old\n");
  std::filesystem::permissions(
      dir_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const WriteStatus status = write_file_atomically(dir_ / "a.txt", "new\n");
  std::filesystem::permissions(dir_, std::filesystem::perms::owner_all);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(read_file(dir_ / "a.txt"), "old\n");
}

TEST_F(AtomicFile, AWriterPutsItsPiecesInPlaceOnlyAtCommit) {
  write_plain_file(dir_ / "ops.jsonl", "old\n");
  AtomicFileWriter writer;
  ASSERT_TRUE(writer.open(dir_ / "ops.jsonl").ok());
  ASSERT_TRUE(writer.append("line 1\n").ok());
  ASSERT_TRUE(writer.append("line 2\n").ok());
  EXPECT_EQ(read_file(dir_ / "ops.jsonl"), "old\n") << "the old file stays until commit";
  const WriteStatus status = writer.commit();
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(read_file(dir_ / "ops.jsonl"), "line 1\nline 2\n");
  EXPECT_THAT(list_names(dir_), ElementsAre("ops.jsonl"));
}

TEST_F(AtomicFile, AWriterDestroyedBeforeCommitLeavesTheOldFileAndNoTemporary) {
  write_plain_file(dir_ / "ops.jsonl", "old\n");
  {
    AtomicFileWriter writer;
    ASSERT_TRUE(writer.open(dir_ / "ops.jsonl").ok());
    ASSERT_TRUE(writer.append("half of a run\n").ok());
  }
  EXPECT_EQ(read_file(dir_ / "ops.jsonl"), "old\n");
  EXPECT_THAT(list_names(dir_), ElementsAre("ops.jsonl"));
}

TEST_F(AtomicFile, AWriterThatCouldNotOpenReportsItAtEveryLaterStep) {
  write_plain_file(dir_ / "plain", "I am a file\n");
  AtomicFileWriter writer;
  EXPECT_FALSE(writer.open(dir_ / "plain" / "ops.jsonl").ok());
  const WriteStatus append = writer.append("x");
  EXPECT_FALSE(append.ok());
  EXPECT_THAT(append.message(), HasSubstr("plain"));
  EXPECT_FALSE(writer.commit().ok());
}

}  // namespace
}  // namespace ecsim::analysis
