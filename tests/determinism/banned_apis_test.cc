// Nothing in sim/, models/ or analysis/ may use a source of nondeterminism (TigerBeetle's
// tidy_banned): the standard library's distributions, random_device and std::hash differ between
// implementations or runs, and the host clocks are not virtual time. Comments are ignored.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Hit {
  std::string file;
  int line;
  std::string text;
};

// The code part of a line: everything before a // comment (good enough for our own sources).
std::string code_part(const std::string& line) {
  const auto pos = line.find("//");
  return pos == std::string::npos ? line : line.substr(0, pos);
}

std::vector<Hit> find_banned(const std::vector<std::string>& banned) {
  std::vector<Hit> hits;
  for (const char* folder : {"sim", "models", "analysis"}) {
    const std::filesystem::path root = std::filesystem::path(ECSIM_SOURCE_DIR) / folder;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      const auto ext = entry.path().extension();
      if (ext == ".h" || ext == ".cc") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path);
      std::string line;
      int n = 0;
      while (std::getline(in, line)) {
        ++n;
        const std::string code = code_part(line);
        for (const std::string& b : banned) {
          if (code.find(b) != std::string::npos) hits.push_back({path.string(), n, line});
        }
      }
    }
  }
  return hits;
}

TEST(BannedApis, NoNondeterministicRandomnessInSimModelsOrAnalysis) {
  const auto hits = find_banned({"std::random_device", "_distribution<", "std::hash", "std::rand(", " rand(",
                                 "srand(", "setRandom", "::Random(", "absl::BitGen", "std::mt19937", "default_random_engine"});
  for (const auto& h : hits) ADD_FAILURE() << h.file << ":" << h.line << ": " << h.text;
}

TEST(BannedApis, NoHostClocksInSimModelsOrAnalysis) {
  const auto hits = find_banned({"system_clock", "steady_clock", "high_resolution_clock", "time(nullptr)",
                                 "time(NULL)", "gettimeofday", "clock_gettime"});
  for (const auto& h : hits) ADD_FAILURE() << h.file << ":" << h.line << ": " << h.text;
}

TEST(BannedApis, TheCheckFindsABannedCallWhenOneIsThere) {
  // Guards the guard: code is scanned, comments are not.
  EXPECT_NE(code_part("  auto g = std::random_device{};").find("std::random_device"), std::string::npos);
  EXPECT_EQ(code_part("  // std::random_device is banned").find("std::random_device"), std::string::npos);
  EXPECT_NE(code_part("  x = f(); // std::hash").find("f()"), std::string::npos);
}

}  // namespace
