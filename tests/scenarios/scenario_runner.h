#pragma once
// Test support: find scenario files in the source tree and run them in-process, the way
// `ecsim check` does (app/commands.cc): parse, simulate at the scenario's seed, then hold the
// workload in issue order (stable-sorted by `at`) so it lines up with the call log.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "models/scenario/expectations.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::scenario_tests {

inline std::filesystem::path scenarios_root() { return std::filesystem::path(ECSIM_SOURCE_DIR) / "scenarios"; }

// Every *.yaml under scenarios/<subdir> (recursively), as paths relative to scenarios/, sorted.
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

// A gtest-friendly name for a scenario path: "errors/create_image/QuotaExceed.Image.yaml" ->
// "errors_create_image_QuotaExceed_Image".
inline std::string test_name_for(std::string path) {
  if (path.size() > 5 && path.ends_with(".yaml")) path.resize(path.size() - 5);
  for (char& c : path) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) c = '_';
  }
  return path;
}

struct ScenarioRun {
  models::ParsedScenario parsed;
  std::unique_ptr<models::Simulation> sim;     // null when the scenario is invalid
  std::vector<models::WorkloadCallSpec> calls;  // in issue order, aligned with sim->log()
  sim::RunStop stop = sim::RunStop::kExhausted;
};

// Parses scenarios/<relative_path>; when it is valid, runs it to its end.
inline ScenarioRun run_scenario(const std::string& relative_path) {
  ScenarioRun run;
  run.parsed = models::parse_scenario_file((scenarios_root() / relative_path).string());
  if (!run.parsed.ok()) return run;
  const models::ScenarioSpec& spec = run.parsed.spec;
  run.sim = std::make_unique<models::Simulation>(spec, spec.seed);
  run.stop = run.sim->run();
  run.calls = run.sim->driver().calls();  // issue order, generated calls included
  return run;
}

}  // namespace ecsim::scenario_tests
