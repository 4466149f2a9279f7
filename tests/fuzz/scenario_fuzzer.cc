// Fuzzes the scenario loader: any bytes -> parse_scenario_text() must return a spec or positioned
// errors, never crash. A valid scenario is then simulated (bounded by an event limit) under the
// invariant monitor: a valid scenario must run without an assertion and without a violation.
// Corpus: scenarios/**/*.yaml (scripts/fuzz.sh copies them).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "models/invariants.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecsim;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const models::ParsedScenario parsed = models::parse_scenario_text(text, "fuzz.yaml");
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) FUZZ_CHECK(e.line >= 0 && e.col >= 0 && !e.to_string().empty());
    return 0;
  }
  // Keep each input cheap: big generated worlds are the benchmarks' business.
  if (parsed.spec.workload.size() > 200 || parsed.spec.instances.size() > 200) return 0;
  models::Simulation sim(parsed.spec, parsed.spec.seed);
  models::InvariantMonitor monitor(sim);
  const sim::RunStop stop = sim.run(100'000);
  const auto violations = monitor.finish(stop);
  if (!violations.empty()) std::fputs(models::format_violations(violations).c_str(), stderr);
  FUZZ_CHECK(violations.empty());
  return 0;
}
