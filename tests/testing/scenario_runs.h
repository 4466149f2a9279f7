#pragma once
// Test support: find scenario files in the source tree and run them in-process, either the way
// `ecsim check` does (app/commands.cc: parse, simulate at the scenario's seed, workload in issue
// order) or under an InvariantMonitor (models/invariants.h). Header-only, so every test folder can
// use it without linking anything beyond ecsim::models.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/invariants.h"
#include "models/scenario/expectations.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::testing {

inline std::filesystem::path scenarios_root() { return std::filesystem::path(ECSIM_SOURCE_DIR) / "scenarios"; }

// Every regular file under `dir` (recursively) whose name ends in `extension` ("" for any), as
// paths relative to `base` (by default `dir`), sorted.
inline std::vector<std::string> files_under(const std::filesystem::path& dir, const std::string& extension,
                                            std::optional<std::filesystem::path> base = std::nullopt) {
  std::vector<std::string> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && (extension.empty() || entry.path().extension() == extension)) {
      out.push_back(std::filesystem::relative(entry.path(), base.value_or(dir)).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every *.yaml under scenarios/<subdir> (recursively), as paths relative to scenarios/, sorted.
inline std::vector<std::string> scenario_files(const std::string& subdir = "") {
  const std::filesystem::path root = scenarios_root();
  return files_under(subdir.empty() ? root : root / subdir, ".yaml", root);
}

// A gtest-friendly name for a path: "errors/create_image/QuotaExceed.Image.yaml" ->
// "errors_create_image_QuotaExceed_Image".
inline std::string test_name_for(std::string path) {
  if (path.size() > 5 && path.ends_with(".yaml")) path.resize(path.size() - 5);
  for (char& c : path) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) c = '_';
  }
  return path;
}

// Whether `message` is what make_error() produces from `tmpl`: each %s stands for any text, and a
// template without %s may carry an appended " detail". (Error rows sharing a code are told apart
// by their message.)
inline bool message_fits_template(std::string_view message, std::string_view tmpl) {
  std::vector<std::string_view> pieces;
  std::size_t from = 0;
  for (std::size_t at; (at = tmpl.find("%s", from)) != std::string_view::npos; from = at + 2) {
    pieces.push_back(tmpl.substr(from, at - from));
  }
  pieces.push_back(tmpl.substr(from));
  if (pieces.size() == 1) return message == tmpl || (message.starts_with(tmpl) && message.substr(tmpl.size()).starts_with(" "));
  if (!message.starts_with(pieces.front())) return false;
  std::size_t pos = pieces.front().size();
  for (std::size_t k = 1; k + 1 < pieces.size(); ++k) {
    const std::size_t found = message.find(pieces[k], pos);
    if (found == std::string_view::npos) return false;
    pos = found + pieces[k].size();
  }
  return message.size() - pos >= pieces.back().size() && message.ends_with(pieces.back());
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
  run.calls.assign(run.sim->driver().calls().begin(), run.sim->driver().calls().end());  // issue order, generated calls included
  return run;
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

}  // namespace ecsim::testing
