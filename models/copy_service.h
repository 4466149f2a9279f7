#pragma once
// The CopyImage engine: cross-region copies of custom images.
//
// A copy holds one of its destination region's copy slots (regions.<id>.copy_slots, default 5)
// from the start of its transfer to the end of its build; copies beyond that wait in FIFO order
// (image status Waiting). A running copy (status Creating) first transfers the image's data
// along the widest path of the RegionNetwork, then builds the image in the destination
// (models.copy.build with noise from copy/<src>-><dst>/build, plus the path's latency), and the
// image becomes Available with its own snapshots in the destination region.
//
// Transfer is processor sharing, SimGrid style: every link divides its bandwidth equally among
// the copies crossing it, and a copy moves at the smallest share along its path. Rates change
// only when a transfer starts or ends, or a link slowdown (faults of type link_slowdown) starts or
// ends; the service keeps one pending event, the next completion. A slowdown multiplies the
// bandwidth of its link by its factor; it does not change the path a copy already took, nor the
// path of a new copy (paths are chosen on the declared bandwidths). A copy never moves faster
// than models.copy.task_bandwidth (the service's per-task rate; no limit by default): with
// copy_slots x task_bandwidth within every link's bandwidth, copies do not slow each other down
// and a destination's copies form an M/G/c FIFO queue (docs/analysis.md, Erlang C).
//
// Data of an image: for each of its snapshots, the used data of the snapshot's disk when the disk
// is part of the scenario, otherwise the snapshot's size (SourceDiskSize).

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/faults.h"
#include "models/lifecycle_bus.h"
#include "models/region_network.h"
#include "models/world.h"
#include "sim/rng.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class CopyService : public sim::EventHandler {
 public:
  CopyService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs, LifecycleBus& bus, RegionNetwork network,
              std::vector<LinkSlowdown> slowdowns = {});

  const RegionNetwork& network() const { return network_; }
  // Whether a copy of `source` to `destination_region` is still Waiting or Creating.
  bool copying(ImageIndex source, std::string_view destination_region) const;

  // Starts the copy into `target`, an image the caller has just added in `destination` with
  // status Waiting and copied_from set. REQUIRES: path is network().best_path(source region, destination).
  void submit(ImageIndex target, RegionNetwork::Path path);
  // Cancels the copy into `target` (Waiting or Creating): the target becomes Deleted.
  void cancel(ImageIndex target);
  // Progress in [0, 100]: the transfer is 0-90%, the build 90-99%, Available 100%.
  int progress_percent(ImageIndex target) const;
  // Seconds of transfer left at the current rate (the copy's RemainTime), or 0.
  std::int64_t remain_seconds(ImageIndex target) const;

  void on_event(const sim::Event& event) override;

 private:
  enum class Phase { kWaiting, kTransfer, kBuild, kDone };
  struct Job {
    ImageIndex target = kNoIndex;
    ImageIndex source = kNoIndex;
    std::string from, to;
    RegionNetwork::Path path;
    double bytes_total = 0;
    double bytes_done = 0;
    double rate = 0;  // bytes/s while in transfer
    Phase phase = Phase::kWaiting;
    sim::EventId build_event;
  };

  // The link's bandwidth now, slowdowns applied.
  double link_bandwidth(std::uint32_t link) const;
  void start(std::uint32_t job);
  void advance(sim::SimTime now);
  void reschedule();
  void end_transfer(std::uint32_t job);
  void finish(std::uint32_t job);
  void release_slot(const std::string& region);
  std::uint32_t job_of(ImageIndex target) const;

  World& world_;
  sim::Scheduler& scheduler_;
  sim::RngStreams& rngs_;
  LifecycleBus& bus_;
  RegionNetwork network_;
  std::vector<LinkSlowdown> slowdowns_;
  std::vector<Job> jobs_;
  std::map<ImageIndex, std::uint32_t> job_by_target_;
  std::map<std::string, std::deque<std::uint32_t>, std::less<>> waiting_;  // by destination, FIFO
  std::map<std::string, int, std::less<>> running_;                       // slots in use, by destination
  std::vector<std::uint32_t> transferring_;                              // in start order
  sim::SimTime last_update_;
  sim::EventId next_tick_;
};

}  // namespace ecsim::models
