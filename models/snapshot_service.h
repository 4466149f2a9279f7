#pragma once
// The snapshot service of each region: how long snapshots take.
//
// A snapshot job has two phases. Setup (a per-category fixed cost with noise) runs on its own.
// Transfer copies the job's data (the disk's used data for the first snapshot, the data changed
// since the previous one for later snapshots) at a rate that is the job's own cap (the category's
// throughput, with noise) or its fair share of the region's capacity, whichever is lower: the
// capacity is shared by water-filling (max-min fairness) among all jobs in transfer, so load slows
// everyone. SimGrid-style: rates change only when a job starts or ends, and the service keeps one
// pending event per region, the next completion. The sharing is a FairSharePool
// (fair_share_pool.h): O(log n) per change in the number n of jobs in transfer, so a region with
// a long backlog costs no more per event than a quiet one.
//
// ESSD instant access: with instant_access on for the category, the snapshot becomes usable
// (e.g. to build an image) instant_access_delay after the job starts, while the job itself runs
// to completion in the background.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/fair_share_pool.h"
#include "models/faults.h"
#include "models/job_slots.h"
#include "models/lifecycle_bus.h"
#include "models/world.h"
#include "sim/rng.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class SnapshotService : public sim::EventHandler {
 public:
  SnapshotService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs, const FaultPlan& faults,
                  LifecycleBus& bus);

  // The bytes a new snapshot of `disk` must copy at calendar time `now`: the used data for the
  // first snapshot, the changed data since the previous one afterwards.
  std::int64_t bytes_to_copy(const Disk& disk, sim::CalendarTime now) const;

  // A new progressing snapshot of `disk` (its index `d`) taken at calendar time `now`, with a fresh ID
  // and what it must copy: what CreateSnapshot and CreateImage add before start().
  Snapshot new_snapshot_of(const Disk& disk, DiskIndex d, sim::CalendarTime now);

  // Starts the job of a snapshot the caller has just added (status progressing).
  void start(SnapshotIndex s);
  // Stops a running job (DeleteSnapshot of a progressing snapshot). The caller changes the status.
  void cancel(SnapshotIndex s);

  // Current progress of a snapshot in [0, 100].
  int progress_percent(SnapshotIndex s) const;

  void on_event(const sim::Event& event) override;

 private:
  struct RegionJobs {
    std::string region_id;
    FairSharePool pool;  // the jobs in transfer, by snapshot index
    double base_capacity = 0;  // bytes/s before slowdowns
    sim::EventId next_tick;
    // The region's named streams, looked up once (a name lookup per job would cost more than the job).
    sim::Rng* setup_stream = nullptr;
    sim::Rng* throughput_stream = nullptr;
  };

  // A job in flight, in its slot (job_slots.h) from start() until it completes or is cancelled.
  struct Job {
    std::uint32_t region = 0;      // ordinal into regions_
    bool in_transfer = false;      // past the setup phase, sharing the region's snapshot service
    bool fail_planned = false;     // an injected fault fails the job at fail_at_fraction
    double fail_at_fraction = 1.0;
    double cap = 0;                // the job's own rate cap, bytes/s
    sim::EventId pending_event;    // setup done
  };

  std::uint32_t region_ordinal(const std::string& region_id);
  Job& job_of(SnapshotIndex s);
  const Job* find_job(SnapshotIndex s) const;
  void end_job(SnapshotIndex s);
  double job_target(const Snapshot& snap, const Job& job) const;
  void reschedule(std::uint32_t ordinal);
  void finish_due_jobs(std::uint32_t ordinal);
  void begin_transfer(SnapshotIndex s);
  void complete(SnapshotIndex s, bool failed);

  World& world_;
  sim::Scheduler& scheduler_;
  sim::RngStreams& rngs_;
  const FaultPlan& faults_;
  LifecycleBus& bus_;
  std::vector<RegionJobs> regions_;
  std::map<std::string, std::uint32_t, std::less<>> ordinal_by_region_;
  JobSlots job_slots_;     // snapshot index -> slot, for the jobs in flight
  std::vector<Job> jobs_;  // by slot
};

}  // namespace ecsim::models
