#pragma once
// K independent replications of one scenario, run in parallel on std::thread workers.
//
// Each replication builds its own models::Simulation from the shared, read-only ScenarioSpec (a
// Simulation owns all of its state; the models keep no mutable statics), attaches an
// analysis::LifecycleRecorder and computes its analysis::RunMetrics. Workers take replication
// indices from an atomic counter and store each result at its index, so the results, and every
// file rendered from them, are the same whatever the thread count and the scheduling.

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/run_metrics.h"
#include "models/scenario/scenario_spec.h"

namespace ecsim::app {

struct ReplicationRuns {
  std::vector<analysis::RunMetrics> runs;  // runs[k] is the replication with seeds[k]
  std::string error;                       // non-empty when a run failed (it hit the event limit)
  bool ok() const { return error.empty(); }
};

// One replication: the metrics of the scenario run with `seed`. Sets `error` on failure.
analysis::RunMetrics run_one_replication(const models::ScenarioSpec& spec, std::uint64_t seed, std::string& error);

// REQUIRES: threads >= 1.
ReplicationRuns run_replications(const models::ScenarioSpec& spec, const std::vector<std::uint64_t>& seeds,
                                 unsigned threads);

// The number of hardware threads, at least 1.
unsigned default_thread_count();

// `ecsim run SCENARIO --replications K [--threads T] [--seed N] [--out DIR] [--md] [--quiet]`
int run_replications_command(const std::vector<std::string>& args);

}  // namespace ecsim::app
