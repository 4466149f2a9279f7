#pragma once
// Workload generators (generators: in a scenario) expanded into plain calls, and the issue order
// of a run's calls.
//
// Expansion is deterministic: generator k (1-based, file order) draws only from its own streams,
// generators/<k>/arrivals (Poisson gaps) and generators/<k>/vary/<Param> (one stream per varied
// parameter), so adding or changing one generator leaves every other generator's calls unchanged.
// Each generator's calls are produced in time order; "{n}" in a parameter becomes the call's
// 1-based number, and a named generator names its calls NAME-1, NAME-2, ...
//
// Issue order: the explicit workload (file order), then each generator's calls (generators in
// file order), stably sorted by time. So calls at the same instant keep that order.

#include <cstdint>
#include <vector>

#include "models/scenario/scenario_spec.h"

namespace ecsim::models {

// At most this many calls per generator; the parser rejects larger generators it can count, and
// expansion stops here for the rest (Poisson windows).
inline constexpr std::int64_t kGeneratedCallsMax = 1'000'000;

std::vector<WorkloadCallSpec> expand_generator(const GeneratorSpec& generator, std::uint64_t seed);

// The calls of a run in issue order (see above).
std::vector<WorkloadCallSpec> issue_order(const ScenarioSpec& spec, std::uint64_t seed);

}  // namespace ecsim::models
