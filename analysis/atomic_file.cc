#include "analysis/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace ecsim::analysis {
namespace {

std::string errno_text(int error) { return std::generic_category().message(error); }

WriteStatus failure(const char* what, const std::filesystem::path& path, int error) {
  return WriteStatus::failure(std::string("cannot ") + what + " " + path.string() + ": " +
                              errno_text(error));
}

// Writes all of `contents` to `fd`, retrying short writes and EINTR. Returns 0 or an errno value.
int write_all(int fd, std::string_view contents) {
  const char* data = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  return 0;
}

// Best effort: makes the rename itself durable. A failure here does not undo the write.
void sync_directory(const std::filesystem::path& directory) {
  const std::string name = directory.empty() ? std::string(".") : directory.string();
  const int fd = ::open(name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  (void)::close(fd);
}

}  // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& path) {
  std::filesystem::path temporary = path;
  temporary += ".tmp." + std::to_string(static_cast<long long>(::getpid()));
  return temporary;
}

AtomicFileWriter::~AtomicFileWriter() { abandon(); }

void AtomicFileWriter::abandon() {
  if (fd_ < 0) return;
  (void)::close(fd_);
  (void)::unlink(temporary_.c_str());
  fd_ = -1;
}

WriteStatus AtomicFileWriter::open(const std::filesystem::path& path) {
  path_ = path;
  temporary_ = temporary_path_for(path);
  do {
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  } while (fd_ < 0 && errno == EINTR);
  if (fd_ < 0) {
    WriteStatus s = failure("create", temporary_, errno);
    error_ = s.message();
    return s;
  }
  return WriteStatus::success();
}

WriteStatus AtomicFileWriter::append(std::string_view contents) {
  if (!error_.empty()) return WriteStatus::failure(error_);
  if (fd_ < 0) return WriteStatus::failure("append to " + path_.string() + " before it was opened");
  if (const int error = write_all(fd_, contents); error != 0) {
    error_ = failure("write", temporary_, error).message();
    abandon();
    return WriteStatus::failure(error_);
  }
  return WriteStatus::success();
}

WriteStatus AtomicFileWriter::commit() {
  if (!error_.empty()) return WriteStatus::failure(error_);
  if (fd_ < 0) return WriteStatus::failure("commit of " + path_.string() + " before it was opened");
  if (::fsync(fd_) != 0) {
    error_ = failure("sync", temporary_, errno).message();
    abandon();
    return WriteStatus::failure(error_);
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    const int error = errno;
    (void)::unlink(temporary_.c_str());
    error_ = failure("close", temporary_, error).message();
    return WriteStatus::failure(error_);
  }
  if (::rename(temporary_.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    (void)::unlink(temporary_.c_str());
    error_ = failure("replace", path_, error).message();
    return WriteStatus::failure(error_);
  }
  sync_directory(path_.parent_path());
  return WriteStatus::success();
}

WriteStatus write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  AtomicFileWriter file;
  if (WriteStatus s = file.open(path); !s.ok()) return s;
  if (WriteStatus s = file.append(contents); !s.ok()) return s;
  return file.commit();
}

}  // namespace ecsim::analysis
