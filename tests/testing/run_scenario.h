#pragma once
// Test helper: run a scenario file in-process and render the output files as the CLI would.

#include <cstdint>
#include <optional>
#include <string>

namespace ecsim::testing {

struct RunOutputs {
  std::string operations_jsonl;
  std::string summary_json;
  std::string fingerprint_txt;
};

// Parses and runs `path` (relative to the source tree) with `seed` (the scenario's own when
// nullopt). Fails the current test (ADD_FAILURE) and returns empty outputs when the scenario is
// invalid.
RunOutputs run_scenario_file(const std::string& path, std::optional<std::uint64_t> seed = std::nullopt);

std::string source_path(const std::string& relative);
std::string read_file(const std::string& path);

}  // namespace ecsim::testing
