#pragma once
// The numbers of one run that capacity planners and testers compare across runs: per-Action and
// per-phase durations, error tables, throughput, and snapshot occupancy over virtual time. One run
// gives one flat, ordered list of named metrics (RunMetrics); replications and sweeps
// (replication_stats.h) aggregate those lists.
//
// Two sources:
//   - the call log (models::CallLog), through collect_statistics() (summary_writer.h);
//   - a LifecycleRecorder attached to the Simulation's LifecycleBus before run(). It only READS
//     events and the World (never schedules, draws or writes), so attaching it cannot change the
//     trajectory: the fingerprint of a run is the same with and without it (tested).
//
// Percentiles are exact nearest-rank percentiles of every sample (distribution_summary.h): at
// this scale (up to millions of samples per run) sorting is cheap, so no sketch is needed.
//
// Metric names are dotted, units last ("_s" seconds, "_per_h" per hour of virtual time):
//
//   action.<A>.calls|ok|error|skipped                 call counts                      (count)
//   action.<A>.throughput_ok_per_h                    ok calls / run length            (value)
//   action.<A>.api_s.<stat>                           request -> response              (value)
//   action.<A>.to_status_s.<stat>                     request -> terminal status       (value)
//   action.<A>.phase.snapshots_s.<stat>               CreateImage: request -> all snapshots done
//   action.<A>.phase.registration_s.<stat>            CreateImage: snapshots done -> registered
//   error.<A>.<code>.http_<status>                    error table: Action x code x HTTP (count)
//   snapshot.started|accomplished|failed              snapshot jobs                    (count)
//   snapshot.throughput_per_h                         accomplished / run length        (value)
//   snapshot.setup_s.<stat>                           job start -> transfer start (accomplished)
//   snapshot.transfer_s.<stat>                        transfer start -> accomplished
//   snapshot.total_s.<stat>                           job start -> accomplished ("per disk")
//   image.registration_s.<stat>                       snapshots ready -> registered
//   image.check_s.<stat>                              registered -> available (image check)
//   image.copy_queue_s|copy_transfer_s|copy_build_s.<stat>  CopyImage target: created -> copy
//                                                     started -> data transferred -> available
//   image.copy_queued                                 copies that waited for a slot    (count)
//   region.<R>.snapshots_in_progress.time_avg|max     jobs progressing, over [0, end]
//   region.<R>.unfinished_quota_utilisation.time_avg|max   the same / unfinished_snapshots quota
//   littles_law.L                                     time-average jobs in progress (all regions)
//   littles_law.lambda_W                              (jobs ended / end) x mean time in system
//
// where <stat> is count, mean, p50, p90, p99, max. Distribution statistics of an empty sample
// set are left out (only count = 0 is written). Actions, codes and regions are in sorted order.
// Count metrics absent from a run mean 0 (an error that did not happen); value metrics absent
// mean "no sample".

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/call_log.h"
#include "models/lifecycle_bus.h"
#include "models/world.h"
#include "sim/time.h"

namespace ecsim::analysis {

enum class MetricKind {
  kCount,  // absent in a run means 0
  kValue,  // absent in a run means "no sample"
};

struct Metric {
  std::string name;
  double value = 0;
  MetricKind kind = MetricKind::kValue;
};

using RunMetrics = std::vector<Metric>;

// Records what happens to snapshots and images, from the LifecycleBus, reading the World.
// Usage:
//   models::Simulation sim(spec, seed);
//   LifecycleRecorder recorder(sim.world());
//   sim.bus().subscribe(&recorder);
//   sim.run();
//   RunMetrics m = compute_run_metrics(sim.log(), recorder, sim.scheduler().now());
// Not thread-safe; one recorder per Simulation.
class LifecycleRecorder : public models::LifecycleObserver {
 public:
  explicit LifecycleRecorder(const models::World& world) : world_(world) {}
  void on_lifecycle(const models::LifecycleEvent& event) override;

  // Occupancy of one region (snapshot jobs progressing) as a step function of virtual time.
  struct Occupancy {
    std::int64_t current = 0;
    std::int64_t max = 0;
    sim::SimTime last_change;
    // Virtual time spent at each level n (ticks), up to the last change.
    std::map<std::int64_t, std::int64_t> ticks_at_level;
  };

  struct SnapshotTimes {
    bool started = false;
    bool in_progress = false;
    bool transfer_started = false;
    sim::SimTime started_at, transfer_at, ended_at;
  };

  struct ImageTimes {
    bool creating = false, ready = false, registered = false;
    bool copy_started = false, copy_transferred = false;
    sim::SimTime creating_at, ready_at, registered_at, copy_started_at, copy_transferred_at;
  };

  // Per region (sorted by region id); closed at `end` by the caller through time_at_level().
  const std::map<std::string, Occupancy, std::less<>>& occupancy() const { return occupancy_; }

  // Virtual time (ticks) region `region_id` spent at each occupancy level over [0, end].
  // REQUIRES: end >= every recorded event time.
  std::map<std::int64_t, std::int64_t> time_at_level(const std::string& region_id, sim::SimTime end) const;

  std::vector<sim::SimDuration> setup_durations, transfer_durations, total_durations;
  std::vector<sim::SimDuration> registration_durations, check_durations;
  // CopyImage targets: created -> copy started (queue wait) -> transferred -> available (build).
  std::vector<sim::SimDuration> copy_queue_durations, copy_transfer_durations, copy_build_durations;
  // Time in system of every job that ended (accomplished, failed or deleted), for Little's law.
  std::vector<sim::SimDuration> sojourn_durations;
  std::int64_t started = 0, accomplished = 0, failed = 0;

 private:
  void change_occupancy(const std::string& region_id, sim::SimTime at, std::int64_t delta);
  SnapshotTimes& snapshot_times(std::uint32_t index);
  ImageTimes& image_times(std::uint32_t index);

  const models::World& world_;
  std::map<std::string, Occupancy, std::less<>> occupancy_;
  std::vector<SnapshotTimes> snapshots_;
  std::vector<ImageTimes> images_;
};

// The metrics of one finished run. `end` is the virtual time the run ended.
// REQUIRES: no record of `log` is pending.
RunMetrics compute_run_metrics(const models::CallLog& log, const LifecycleRecorder& recorder,
                               const models::World& world, sim::SimTime end);

// Time-average of a step function given as time at each level: sum(n * t_n) / sum(t_n); 0 when
// no time passed.
double time_average_level(const std::map<std::int64_t, std::int64_t>& ticks_at_level);

}  // namespace ecsim::analysis
