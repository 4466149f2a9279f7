#pragma once
// Test support: run the ecsim binary of this build (ECSIM_BINARY_PATH, set by ecsim_test) with a
// command line and collect what it printed and its exit status, as a user's shell would see them.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace ecsim::testing {

struct CliResult {
  int status = -1;  // the exit status; -1 when the binary did not start or did not exit normally
  std::string out;  // stdout and stderr together
};

// `args` is appended to the binary's path as it stands, so quote what the shell must not split.
inline CliResult run_cli(const std::string& args) {
  const std::string cmd = std::string(ECSIM_BINARY_PATH) + " " + args + " 2>&1";
  CliResult r;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int raw = ::pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

}  // namespace ecsim::testing
