#pragma once
// Scenario files (YAML) -> ScenarioSpec. Every problem is reported, not just the first, as
// FILE:LINE:COL: error: WHAT (expected ...). yaml-cpp's exceptions are caught here and turned into
// positioned errors: a malformed file never crashes ecsim.

#include <optional>
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

// With `trace:`, the trace's path is made relative to the scenario file and every line of the
// trace is checked too (streamed: scenario/trace_reader.h).
ParsedScenario parse_scenario_file(const std::string& path);
// Checks the trace parsed.spec.trace names (ecsim run --trace sets it after parsing), appending
// its problems to parsed.errors.
void check_trace(ParsedScenario& parsed);
// `file` is used in messages only.
ParsedScenario parse_scenario_text(std::string_view text, const std::string& file);

// The keys each mapping of the format accepts, as data: the parser checks against it, and a test
// compares it with docs/scenario.schema.json. `path` names the mapping: "" is the top level,
// "regions.*" a region's body (any key), "instances[]" an entry of a list. With
// `api_parameters`, any key starting with a capital letter is also accepted (Alibaba's names).
struct ScenarioKeySet {
  std::string_view path;
  std::vector<std::string_view> keys;
  bool api_parameters = false;
};
const std::vector<ScenarioKeySet>& scenario_key_sets();

// The actions ecsim simulates (a handler answers them); every other action answers
// UnsupportedOperation.
const std::vector<std::string_view>& simulated_actions();

// Why `code` cannot appear in expect.code of a call of `action`, or nullopt when it can. A code
// is accepted when it is in the error catalogue, or when the action is not simulated and the code
// is shaped like Alibaba's (dotted words such as OperationDenied.ImageCopying): such an
// expectation documents the real API and simply fails until the action is simulated. A code of
// a simulated action that is not catalogued can never be answered, so it is a typo; the message
// suggests the closest catalogued code.
std::optional<std::string> unknown_code_problem(std::string_view code, std::string_view action);

// Pieces of the scenario language, shared with other readers (the JSON-lines trace).
std::optional<sim::Ratio> parse_probability(std::string_view text);
std::optional<std::int64_t> parse_throughput_bytes_per_s(std::string_view text);

}  // namespace ecsim::models
