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

WriteStatus write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  const std::filesystem::path temporary = temporary_path_for(path);
  const std::string temporary_name = temporary.string();

  int fd;
  do {
    fd = ::open(temporary_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return failure("create", temporary, errno);

  const auto abandon = [&](const char* what, int error) {
    (void)::close(fd);
    (void)::unlink(temporary_name.c_str());
    return failure(what, temporary, error);
  };
  if (const int error = write_all(fd, contents); error != 0) return abandon("write", error);
  if (::fsync(fd) != 0) return abandon("sync", errno);
  if (::close(fd) != 0) {
    const int error = errno;
    (void)::unlink(temporary_name.c_str());
    return failure("close", temporary, error);
  }
  if (::rename(temporary_name.c_str(), path.c_str()) != 0) {
    const int error = errno;
    (void)::unlink(temporary_name.c_str());
    return failure("replace", path, error);
  }
  sync_directory(path.parent_path());
  return WriteStatus::success();
}

}  // namespace ecsim::analysis
