#pragma once
// Whole-run invariants, checked by the tests after every run and by `ecsim run|check
// --check-invariants` (VOPR-style checkers). A violation is a bug in ecsim, never an API result:
//
//   1 every call has exactly one outcome: one record per workload call, in issue order, none
//     left pending; a resource followed to its terminal state got one when the run was exhausted
//   2 no quota was ever exceeded: images, families, images per family, snapshots and unfinished
//     snapshots per region, snapshots in progress per disk, checked at every lifecycle event
//     against max(quota, the scenario's initial count); at the end the region and disk counters
//     equal a recount from the World's tables
//   3 virtual time never went backwards: processed events, lifecycle events, call records
//   4 every resource ended in a state its state machine allows: reachable from where it started
//     through the transition tables, terminal when the run was exhausted, consistent with its
//     fields (an Available image is finished and all its snapshots are usable)
//   5 no snapshot backing an image was deleted while the image was live (Creating, Available,
//     Deprecated), neither when the deletion happened nor at the end
//   6 IDs are unique: instances, disks, snapshots and images (deleted ones included) and the
//     RequestIds of the call log
//
// Use:
//   models::Simulation sim(spec, seed);
//   models::InvariantMonitor monitor(sim);       // before run()
//   const sim::RunStop stop = sim.run();
//   std::vector<std::string> violations = monitor.finish(stop);  // empty when all hold

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/lifecycle.h"
#include "models/lifecycle_bus.h"
#include "models/simulation.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class InvariantMonitor : public LifecycleObserver, public sim::EventObserver {
 public:
  // Subscribes to the simulation's lifecycle bus and becomes its scheduler's observer (the
  // scheduler has one observer slot). REQUIRES: sim has not run yet; the monitor outlives every
  // run of sim (the bus cannot unsubscribe).
  explicit InvariantMonitor(Simulation& sim);
  InvariantMonitor(const InvariantMonitor&) = delete;
  InvariantMonitor& operator=(const InvariantMonitor&) = delete;

  void on_lifecycle(const LifecycleEvent& event) override;
  void on_event(sim::SimTime at, std::uint64_t seq, const sim::Event& event) override;

  // Runs the end-of-run checks and returns every violation found, during the run and now, in the
  // order found (at most kViolationsMax, then one line saying how many more). `stop` is what run()
  // returned: terminal-state checks apply only to an exhausted run.
  std::vector<std::string> finish(sim::RunStop stop);

  static constexpr std::size_t kViolationsMax = 50;

 private:
  struct RegionBounds {
    std::int64_t images = 0, image_families = 0, images_per_family = 0, snapshots = 0, unfinished_snapshots = 0;
  };

  void add(std::string violation);
  void check_region_bounds(const Region& region);
  void check_disk_bound(DiskIndex disk);
  void check_snapshot_not_backing_live_image(SnapshotIndex snapshot);

  void check_calls(sim::RunStop stop);
  void check_counters();
  void check_states(sim::RunStop stop);
  void check_ids();

  Simulation& sim_;
  std::map<std::string, RegionBounds, std::less<>> bounds_;
  std::vector<int> disk_bound_;  // per disk, at construction
  std::vector<ImageStatus> initial_image_status_;
  std::vector<SnapshotStatus> initial_snapshot_status_;
  sim::SimTime last_event_at_ = sim::SimTime::zero();
  sim::SimTime last_lifecycle_at_ = sim::SimTime::zero();
  std::vector<std::string> violations_;
  std::size_t violations_dropped_ = 0;
};

// Convenience for tests and the app: one line per violation, "invariant violated: ...".
std::string format_violations(const std::vector<std::string>& violations);

}  // namespace ecsim::models
