// `ecsim run` interrupted by SIGINT / SIGTERM (app/interrupt.h): it stops between events, says at
// what virtual time it stopped, exits 128 + the signal, writes no output file and leaves no
// temporary file behind; files already in the output directory are left as they were.
//
// The run must still be going when the signal arrives. The test generates a large scenario, waits
// until the process has installed its handlers (the signal's bit in SigCgt of /proc/PID/status),
// then signals it. Should the machine be fast enough to finish the run first, the attempt is
// repeated with a scenario twice as large (the test fails only if every size finished).

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

// n instances with one ESSD system disk each, and one CreateImage per instance, a second apart.
std::string big_scenario(int n) {
  std::ostringstream y;
  y << "name: interrupt-test\nseed: 1\nstart: 2026-01-01T00:00:00Z\nregions:\n  cn-hangzhou:\n"
    << "    quota: {images: " << n + 1 << ", snapshots: " << n + 1 << ", unfinished_snapshots: " << n + 1 << "}\n"
    << "instances:\n";
  for (int i = 0; i < n; ++i) {
    y << "  - {InstanceId: i-" << i << ", RegionId: cn-hangzhou, Status: Running, Disks: [{DiskId: d-" << i
      << ", Type: system, Category: cloud_essd, Size: 40GiB, Used: 4GiB}]}\n";
  }
  y << "workload:\n";
  for (int i = 0; i < n; ++i) {
    y << "  - {at: " << i << "s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-" << i
      << ", ImageName: image-" << i << "}\n";
  }
  return y.str();
}

bool handler_installed(pid_t pid, int signal) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("SigCgt:", 0) == 0) {
      const std::uint64_t mask = std::stoull(line.substr(7), nullptr, 16);
      return (mask >> (signal - 1)) & 1U;
    }
  }
  return false;
}

struct Outcome {
  bool finished_first = false;  // the run ended before the signal could stop it
  int exit_status = -1;
  std::string err;
};

Outcome run_and_signal(const fs::path& dir, int n, int signal) {
  const fs::path scenario = dir / "big.yaml";
  std::ofstream(scenario) << big_scenario(n);
  const fs::path err_file = dir / "stderr.txt";
  const std::string out_dir = (dir / "out").string();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args = {ECSIM_BINARY_PATH, "run", scenario.string(), "--quiet", "--out", out_dir};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  Outcome o;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    ADD_FAILURE() << "cannot start " << argv[0];
    return o;
  }
  posix_spawn_file_actions_destroy(&actions);

  int raw = 0;
  bool exited = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  while (!handler_installed(pid, signal)) {
    if (waitpid(pid, &raw, WNOHANG) == pid) {
      exited = true;
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!exited) {
    kill(pid, signal);
    while (waitpid(pid, &raw, WNOHANG) != pid) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(pid, SIGKILL);
        waitpid(pid, &raw, 0);
        ADD_FAILURE() << "ecsim did not stop within the deadline";
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  o.exit_status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.finished_first = o.exit_status == 0;
  std::ifstream in(err_file);
  std::ostringstream buf;
  buf << in.rdbuf();
  o.err = buf.str();
  return o;
}

void expect_interrupted_cleanly(int signal, int expected_status, const char* name) {
  const fs::path dir = fs::temp_directory_path() / ("ecsim_interrupt_test_" + std::string(name));
  fs::remove_all(dir);
  fs::create_directories(dir / "out");
  // An earlier run's file: an interrupted run must leave it as it was.
  std::ofstream(dir / "out" / "summary.json") << "old\n";

  Outcome o;
  for (int n = 4000; n <= 32000; n *= 2) {
    o = run_and_signal(dir, n, signal);
    if (!o.finished_first) break;
    fs::remove_all(dir / "out");
    fs::create_directories(dir / "out");
    std::ofstream(dir / "out" / "summary.json") << "old\n";
  }
  ASSERT_FALSE(o.finished_first) << "every run finished before the signal arrived";
  EXPECT_EQ(o.exit_status, expected_status) << o.err;
  EXPECT_NE(o.err.find(std::string("ecsim: interrupted by ") + name + " at virtual time "), std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("no output written"), std::string::npos) << o.err;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir / "out")) files.push_back(e.path().filename().string());
  EXPECT_EQ(files, std::vector<std::string>{"summary.json"}) << "an interrupted run wrote or left files";
  std::ifstream old(dir / "out" / "summary.json");
  std::string line;
  std::getline(old, line);
  EXPECT_EQ(line, "old");
  fs::remove_all(dir);
}

TEST(Interrupt, SigintStopsTheRunWritesNothingAndExits130) { expect_interrupted_cleanly(SIGINT, 130, "SIGINT"); }

TEST(Interrupt, SigtermStopsTheRunWritesNothingAndExits143) { expect_interrupted_cleanly(SIGTERM, 143, "SIGTERM"); }

}  // namespace
