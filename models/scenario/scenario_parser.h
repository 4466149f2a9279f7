#pragma once
// Scenario files (YAML) -> ScenarioSpec. Every problem is reported, not just the first, as
// FILE:LINE:COL: error: WHAT (expected ...). yaml-cpp's exceptions are caught here and turned into
// positioned errors: a malformed file never crashes ecsim.

#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario_spec.h"

namespace ecsim::models {

struct ScenarioError {
  std::string file;
  int line = 0;  // 1-based
  int col = 0;   // 1-based
  std::string what;
  std::string expected;

  // "FILE:LINE:COL: error: WHAT (expected EXPECTED)"
  std::string to_string() const;
};

struct ParsedScenario {
  ScenarioSpec spec;
  std::vector<ScenarioError> errors;
  bool ok() const { return errors.empty(); }
};

ParsedScenario parse_scenario_file(const std::string& path);
// `file` is used in messages only.
ParsedScenario parse_scenario_text(std::string_view text, const std::string& file);

// Pieces of the scenario language, shared with other readers (the JSON-lines trace).
std::optional<sim::Ratio> parse_probability(std::string_view text);
std::optional<std::int64_t> parse_throughput_bytes_per_s(std::string_view text);

}  // namespace ecsim::models
