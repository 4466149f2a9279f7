#pragma once
// Whole-file writes that are all-or-nothing (contract section 3: "Every file is written
// completely or not at all"). The contents go to a temporary file "<path>.tmp.<pid>" in the same
// directory, which is flushed to disk (fsync) and then renamed over `path`. rename() within one
// directory is atomic on POSIX file systems: a reader sees either the old file or the new one,
// never a partial one. On any failure the temporary file is removed and `path` is left as it was.
//
// Failures (an unwritable directory, a full disk, a parent that is not a directory) are returned
// as a WriteStatus, not thrown.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace ecsim::analysis {

// The result of an output-file operation: ok, or a message for the user naming the file and the
// operating-system reason ("cannot create /x/summary.json.tmp.12: Not a directory").
class [[nodiscard]] WriteStatus {
 public:
  static WriteStatus success() { return WriteStatus(); }
  static WriteStatus failure(std::string message) { return WriteStatus(std::move(message)); }

  bool ok() const { return message_.empty(); }
  // Empty when ok().
  const std::string& message() const { return message_; }

 private:
  WriteStatus() = default;
  explicit WriteStatus(std::string message) : message_(std::move(message)) {
    if (message_.empty()) message_ = "unknown error";
  }
  std::string message_;
};

// A file written piece by piece and then put in place atomically, for contents too large to
// render in memory first (a streamed run's operations.jsonl). open() creates the temporary file,
// append() writes to it, commit() syncs it and renames it over `path`. A writer destroyed before
// commit() (a failure, an interrupted run) removes its temporary file and leaves `path` as it was.
class AtomicFileWriter {
 public:
  AtomicFileWriter() = default;
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  // REQUIRES: not open yet; path's parent directory exists.
  WriteStatus open(const std::filesystem::path& path);
  // After a failure, every later append() and commit() returns that failure.
  WriteStatus append(std::string_view contents);
  WriteStatus commit();

 private:
  void abandon();

  std::filesystem::path path_;
  std::filesystem::path temporary_;
  int fd_ = -1;
  std::string error_;
};

// Replaces (or creates) the file at `path` with exactly `contents`, atomically.
// REQUIRES: path names a file (not a directory) whose parent directory exists.
WriteStatus write_file_atomically(const std::filesystem::path& path, std::string_view contents);

// The temporary name write_file_atomically() uses for `path` in this process.
std::filesystem::path temporary_path_for(const std::filesystem::path& path);

}  // namespace ecsim::analysis
