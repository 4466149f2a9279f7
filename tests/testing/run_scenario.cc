#include "tests/testing/run_scenario.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "analysis/operations_writer.h"
#include "analysis/output_files.h"
#include "analysis/summary_writer.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::testing {

std::string source_path(const std::string& relative) { return std::string(ECSIM_SOURCE_DIR) + "/" + relative; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

RunOutputs run_scenario_file(const std::string& path, std::optional<std::uint64_t> seed) {
  models::ParsedScenario parsed = models::parse_scenario_file(source_path(path));
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) ADD_FAILURE() << e.to_string();
    return {};
  }
  models::Simulation sim(parsed.spec, seed.value_or(parsed.spec.seed));
  EXPECT_NE(sim.run(), sim::RunStop::kHitEventLimit);
  const analysis::RunInfo info = analysis::run_info_of(sim, parsed.spec.name);
  return RunOutputs{analysis::render_operations_jsonl(sim.log()), analysis::render_summary_json(info, sim.log()),
                    analysis::format_fingerprint(*info.fingerprint) + "\n"};
}

}  // namespace ecsim::testing
