#pragma once
// Test support: run a scenario file under an InvariantMonitor and return the violations.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/invariants.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::invariant_tests {

inline std::filesystem::path scenarios_root() { return std::filesystem::path(ECSIM_SOURCE_DIR) / "scenarios"; }

// Every *.yaml under scenarios/<subdir> (recursively), relative to scenarios/, sorted.
inline std::vector<std::string> scenario_files(const std::string& subdir = "") {
  std::vector<std::string> out;
  const std::filesystem::path root = scenarios_root();
  const std::filesystem::path dir = subdir.empty() ? root : root / subdir;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      out.push_back(std::filesystem::relative(entry.path(), root).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string test_name_for(std::string path) {
  if (path.size() > 5 && path.ends_with(".yaml")) path.resize(path.size() - 5);
  for (char& c : path) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) c = '_';
  }
  return path;
}

struct CheckedRun {
  std::vector<std::string> parse_errors;
  std::vector<std::string> violations;
  sim::RunStop stop = sim::RunStop::kExhausted;
};

// Parses scenarios/<relative_path>, runs it at `seed` (the scenario's own when nullopt) under a
// monitor, and returns what went wrong.
inline CheckedRun run_checked(const std::string& relative_path, std::optional<std::uint64_t> seed = std::nullopt) {
  CheckedRun out;
  const models::ParsedScenario parsed = models::parse_scenario_file((scenarios_root() / relative_path).string());
  for (const auto& e : parsed.errors) out.parse_errors.push_back(e.to_string());
  if (!parsed.ok()) return out;
  models::Simulation sim(parsed.spec, seed.value_or(parsed.spec.seed));
  models::InvariantMonitor monitor(sim);
  out.stop = sim.run();
  out.violations = monitor.finish(out.stop);
  return out;
}

}  // namespace ecsim::invariant_tests
