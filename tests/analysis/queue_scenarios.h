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

// CopyImage queue (docs/analysis.md, "Erlang C"): n copies from cn-hangzhou to cn-shanghai at
// Poisson times, each of its own image with one snapshot of an exponentially distributed size
// (drawn here, i.i.d., from a stream independent of the arrivals). The link is wide enough for
// every slot at the task's rate, so a copy's transfer time is size / task rate: exponential.
// No build time and no link latency: a copy holds its slot for its transfer only.
struct CopyQueueScenario {
  int arrivals = 1500;
  double arrival_rate_per_s = 0.035;
  std::uint64_t arrival_seed = 1;
  int copy_slots = 5;
  double mean_size_bytes = 100.0 * 100 * 1024 * 1024;  // 100 s at 100 MiB/s
  std::string link_bandwidth = "1000MiB/s";
  std::string task_bandwidth;  // models.copy.task_bandwidth; empty: no per-task cap
};

// Whole microseconds, spelled as exact seconds (the scenario's time unit).
inline std::string exact_seconds(std::int64_t us) {
  const std::string frac = std::to_string(us % 1000000);
  return std::to_string(us / 1000000) + "." + std::string(6 - frac.size(), '0') + frac + "s";
}

// The random parts of a copy queue scenario: image i's size and the time of copy i.
struct CopyQueueDraws {
  std::vector<std::int64_t> size_bytes;
  std::vector<std::int64_t> at_us;  // increasing
};

inline CopyQueueDraws draw_copy_queue(const CopyQueueScenario& q) {
  CopyQueueDraws d;
  sim::Rng sizes(q.arrival_seed ^ 0xc0b1e5ULL);  // i.i.d. sizes, independent of the arrivals
  sim::Rng arrivals(q.arrival_seed);
  double t = 0;
  for (int i = 0; i < q.arrivals; ++i) {
    d.size_bytes.push_back(static_cast<std::int64_t>(std::ceil(sizes.exponential(q.mean_size_bytes))));
    t += arrivals.exponential(1.0 / q.arrival_rate_per_s);
    d.at_us.push_back(static_cast<std::int64_t>(t * 1e6));
  }
  return d;
}

inline std::string copy_queue_yaml(const CopyQueueScenario& q) {
  const CopyQueueDraws d = draw_copy_queue(q);
  std::string y =
      "name: copy-queue\nseed: 7\nstart: 2026-01-01T00:00:00Z\n"
      "regions:\n  cn-hangzhou:\n    quota: {images: 10000000, snapshots: 10000000}\n"
      "  cn-shanghai:\n    copy_slots: " + std::to_string(q.copy_slots) +
      "\n    quota: {images: 10000000, snapshots: 10000000}\n"
      "network:\n  links:\n    - {between: [cn-hangzhou, cn-shanghai], bandwidth: " + q.link_bandwidth +
      ", latency: 0ms}\n"
      "models:\n  api: {latency_cv: 0}\n  copy: {build: 0s, noise_cv: 0" +
      (q.task_bandwidth.empty() ? std::string() : ", task_bandwidth: " + q.task_bandwidth) + "}\nsnapshots:\n";
  for (int i = 0; i < q.arrivals; ++i) {
    y += "  - {SnapshotId: s-" + std::to_string(i) + ", RegionId: cn-hangzhou, SourceDiskType: system, Size: " +
         std::to_string(d.size_bytes[static_cast<std::size_t>(i)]) + "B, CreationTime: 2025-12-01T00:00:00Z}\n";
  }
  y += "images:\n";
  for (int i = 0; i < q.arrivals; ++i) {
    y += "  - {ImageId: m-" + std::to_string(i) + ", RegionId: cn-hangzhou, ImageName: img-" + std::to_string(i) +
         ", Snapshots: [s-" + std::to_string(i) + "]}\n";
  }
  y += "workload:\n";
  for (int i = 0; i < q.arrivals; ++i) {
    y += "  - {at: " + exact_seconds(d.at_us[static_cast<std::size_t>(i)]) + ", Action: CopyImage, RegionId: cn-hangzhou, ImageId: m-" +
         std::to_string(i) + ", DestinationRegionId: cn-shanghai}\n";
  }
  return y;
}

// copy_queue_yaml(q) without parsing it again (parsing dominates the test's time): `parsed` is
// the parsed copy_queue_yaml of a scenario with the same arrivals and link; the sizes and times
// of q's draws replace its own. REQUIRES: parsed.workload.size() == q.arrivals.
inline models::ScenarioSpec with_copy_queue_draws(models::ScenarioSpec parsed, const CopyQueueScenario& q) {
  const CopyQueueDraws d = draw_copy_queue(q);
  for (std::size_t i = 0; i < d.size_bytes.size(); ++i) {
    parsed.snapshots.at(i).snapshot.source_disk_size_bytes = d.size_bytes[i];
    parsed.workload.at(i).at = sim::SimTime::from_ticks(d.at_us[i]);
  }
  return parsed;
}

inline double metric(const RunMetrics& m, const std::string& name) {
  for (const auto& x : m) {
    if (x.name == name) return x.value;
  }
  return std::nan("");
}

}  // namespace ecsim::analysis::test_support
