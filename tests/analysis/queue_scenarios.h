#pragma once
// Scenarios for the queueing-theory checks, built as YAML text: n CreateImage calls at Poisson
// times (exponential gaps drawn here from a fixed sim::Rng stream), each from its own instance
// with one system disk, so that every call starts exactly one snapshot job. Noise is off
// (noise_cv 0), so a job's time in system is setup + used / min(throughput, fair share).

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis/run_metrics.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"
#include "sim/rng.h"

namespace ecsim::analysis::test_support {

struct QueueScenario {
  int arrivals = 1000;
  double arrival_rate_per_s = 0.04;
  std::uint64_t arrival_seed = 1;
  std::int64_t unfinished_quota = 1000000;
  std::string capacity = "1000GiB/s";  // the region's snapshot service
  std::string setup = "10s";
  std::string throughput = "1GiB/s";   // per-job cap
  // Used GiB of each instance's disk: drawn uniformly (i.i.d.) from this list.
  std::vector<int> used_gib = {90};
};

inline std::string queue_scenario_yaml(const QueueScenario& q) {
  std::string y =
      "name: queue\nseed: 7\nstart: 2026-01-01T00:00:00Z\n"
      "regions:\n  cn-hangzhou:\n    snapshot_capacity: " + q.capacity +
      "\n    quota: {images: 10000000, snapshots: 10000000, unfinished_snapshots: " +
      std::to_string(q.unfinished_quota) +
      "}\n"
      "models:\n  snapshot:\n    noise_cv: 0\n    categories:\n      cloud_essd: {setup: " + q.setup +
      ", throughput: " + q.throughput +
      "}\n  image: {noise_cv: 0}\n  api: {latency_cv: 0}\ninstances:\n";
  sim::Rng sizes(q.arrival_seed ^ 0x5eedULL);  // i.i.d. sizes, independent of the arrivals
  for (int i = 0; i < q.arrivals; ++i) {
    const int used = q.used_gib[sizes.uniform_u64(q.used_gib.size())];
    y += "  - {InstanceId: i-" + std::to_string(i) + ", RegionId: cn-hangzhou, Status: Running, Disks: [{DiskId: d-" +
         std::to_string(i) + ", Type: system, Category: cloud_essd, Size: 500GiB, Used: " + std::to_string(used) +
         "GiB}]}\n";
  }
  y += "workload:\n";
  sim::Rng rng(q.arrival_seed);
  double t = 0;
  for (int i = 0; i < q.arrivals; ++i) {
    t += rng.exponential(1.0 / q.arrival_rate_per_s);
    // Whole microseconds, spelled as exact seconds (the scenario's time unit).
    const auto us = static_cast<long long>(t * 1e6);
    y += "  - {at: " + std::to_string(us / 1000000) + "." + std::string(6 - std::to_string(us % 1000000).size(), '0') +
         std::to_string(us % 1000000) + "s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-" +
         std::to_string(i) + ", ImageName: img-" + std::to_string(i) + "}\n";
  }
  return y;
}

struct QueueRun {
  RunMetrics metrics;
  std::map<std::int64_t, std::int64_t> ticks_at_level;  // cn-hangzhou occupancy
  std::int64_t calls = 0, rejected_unfinished = 0;
  sim::SimTime end;
};

inline QueueRun run_queue(const models::ScenarioSpec& spec, std::uint64_t seed) {
  models::Simulation sim(spec, seed);
  LifecycleRecorder recorder(sim.world());
  sim.bus().subscribe(&recorder);
  sim.run();
  QueueRun r;
  r.end = sim.scheduler().now();
  r.metrics = compute_run_metrics(sim.log(), recorder, sim.world(), r.end);
  r.ticks_at_level = recorder.time_at_level("cn-hangzhou", r.end);
  for (const auto& rec : sim.log().records()) {
    ++r.calls;
    if (rec.code == "TooManySnapshot.Unfinished") ++r.rejected_unfinished;
  }
  return r;
}

inline double metric(const RunMetrics& m, const std::string& name) {
  for (const auto& x : m) {
    if (x.name == name) return x.value;
  }
  return std::nan("");
}

}  // namespace ecsim::analysis::test_support
