#pragma once
// Quota and capacity utilisation over virtual time, and completions per interval: the time
// series behind the time averages and maxima of run_metrics.h (docs/analysis.md, "Utilisation
// over time").
//
// A UtilisationRecorder is a LifecycleObserver attached to a Simulation's bus before run(). Like
// LifecycleRecorder it only reads events and the World, so it cannot change the trajectory (the
// fingerprint is the same with and without it; tested). It keeps, per region, the exact step
// function of each resource's level (every change, in the order the bus published them):
//
//   resource               level                                              limit
//   unfinished_snapshots   snapshots progressing                              quota.unfinished_snapshots
//   snapshot_transfers     snapshot jobs in transfer, sharing the capacity    none
//   images_creating        CreateImage images Creating (in flight)            none
//   copy_slots             copies running into the region (transfer, build)   copy_slots
//   copy_queue             copies Waiting for one of the region's copy slots  none
//
// and the instants of completions: snapshots_accomplished, snapshots_failed, images_available
// (not copies), images_create_failed, copies_available (in the destination region).
//
// copy_queue is rebuilt after the run from each copy's wait [created, copy started) (a copy
// Deleted while waiting, or still waiting at the end, leaves at that time); at equal times,
// leaving comes first, so a copy that never waited never appears in it.
//
// A (region, resource) or (region, completion) pair appears only if it changed at least once:
// absent means 0 throughout.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/lifecycle_bus.h"
#include "models/world.h"
#include "sim/time.h"

namespace ecsim::analysis {

inline constexpr const char* kUtilisationFileName = "utilisation.csv";
inline constexpr const char* kThroughputFileName = "throughput.csv";

// One resource's level in one region: 0 at time 0, then `changes` in the order applied (times
// non-decreasing; several changes may share an instant).
struct LevelSeries {
  std::string region;
  std::string resource;
  std::optional<std::int64_t> limit;  // quota or slot count; none for plain counts
  std::vector<std::pair<sim::SimTime, std::int64_t>> changes;  // (at, level after the change)
};

struct CompletionSeries {
  std::string region;
  std::string event;
  std::vector<sim::SimTime> at;  // non-decreasing
};

struct UtilisationSeries {
  sim::SimTime end;
  std::vector<LevelSeries> levels;            // sorted by (region, resource)
  std::vector<CompletionSeries> completions;  // sorted by (region, event)
};

// Not thread-safe; one recorder per Simulation.
class UtilisationRecorder : public models::LifecycleObserver {
 public:
  explicit UtilisationRecorder(const models::World& world) : world_(world) {}
  void on_lifecycle(const models::LifecycleEvent& event) override;

  // The series of the run that ended at `end`. REQUIRES: end >= every recorded event time.
  UtilisationSeries finish(sim::SimTime end) const;

 private:
  struct Flags {
    bool in_progress = false, transferring = false;  // snapshots
    bool creating = false, copy_running = false;     // images
    bool copy_started = false;
  };
  void change(const std::string& region, const char* resource, sim::SimTime at, std::int64_t delta);
  void complete(const std::string& region, const char* event, sim::SimTime at);
  Flags& snapshot_flags(std::uint32_t index);
  Flags& image_flags(std::uint32_t index);

  const models::World& world_;
  std::map<std::pair<std::string, std::string>, LevelSeries> levels_;
  std::map<std::pair<std::string, std::string>, CompletionSeries> completions_;
  // Copy waits, (region, [from, until)), in the order their ends were seen.
  std::vector<std::pair<std::string, std::pair<sim::SimTime, sim::SimTime>>> copy_waits_;
  std::vector<Flags> snapshots_, images_;
};

// One row of a resampled level series: the level over [start, end) (the last row of a series is
// closed, [start, end], so changes at the run's end count).
//   mean: time-weighted mean level (the level itself when end == start);
//   max:  the highest level in effect at any instant of the row, counting every intermediate
//         level when several changes share an instant.
struct LevelRow {
  sim::SimTime start, end;
  double mean = 0;
  std::int64_t max = 0;
};

// Rows of `series` over the grid [0, interval), [interval, 2 interval), ..., the last row
// ending at `end`. None when end is 0. REQUIRES: interval > 0.
std::vector<LevelRow> level_rows_every(const LevelSeries& series, sim::SimTime end, sim::SimDuration interval);
// Rows of `series` at its change points: one row from 0, then one from each instant before `end`
// where the level changed, so each row's mean is its level (the exact step function). Changes at
// `end` itself only count in the last row's max. None when end is 0.
std::vector<LevelRow> level_rows_at_changes(const LevelSeries& series, sim::SimTime end);

// The default interval: the first of 1m, 5m, 10m, 15m, 30m, 1h, 2h, 6h, 12h, 1d, 7d giving at
// most 2000 intervals over [0, end], else 30d. Bounds utilisation.csv to ~2000 rows per series.
sim::SimDuration auto_sample_interval(sim::SimTime end);

// utilisation.csv: header then rows, sorted by region, resource, start:
//   start_us,end_us,region,resource,limit,mean,max,mean_fraction,max_fraction
// times in integer microseconds of virtual time; limit and fractions empty when the resource
// has no limit. `interval` nullopt: change points (level_rows_at_changes); else the grid.
std::string render_utilisation_csv(const UtilisationSeries& series, std::optional<sim::SimDuration> interval);

// throughput.csv: completions per interval of the grid (every interval, zeros included):
//   start_us,end_us,region,event,count
// sorted by region, event, start. REQUIRES: interval > 0.
std::string render_throughput_csv(const UtilisationSeries& series, sim::SimDuration interval);

}  // namespace ecsim::analysis
