#pragma once
// Builds images once their snapshots are ready: Creating -> (every snapshot usable) ->
// registration -> (image check, when DetectionStrategy is set) -> Available; a failed snapshot
// makes the image CreateFailed.

#include "models/lifecycle_bus.h"
#include "models/snapshot_service.h"
#include "models/world.h"
#include "sim/rng.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class ImageBuilder : public sim::EventHandler, public LifecycleObserver {
 public:
  ImageBuilder(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs, const SnapshotService& snapshots,
               LifecycleBus& bus);

  // Starts building an image the caller has just added in status Creating, whose
  // snapshots_waiting counts the snapshots it still waits for.
  void begin(ImageIndex image);

  // Progress in [0, 100]: the snapshots' average progress scaled to 90%, then registration.
  int progress_percent(ImageIndex image) const;

  void on_event(const sim::Event& event) override;
  void on_lifecycle(const LifecycleEvent& event) override;

 private:
  void start_registration(ImageIndex image);
  void finish(ImageIndex image, ImageStatus status);
  sim::SimDuration noisy(sim::SimDuration mean, const char* what, const std::string& region);

  World& world_;
  sim::Scheduler& scheduler_;
  sim::RngStreams& rngs_;
  const SnapshotService& snapshots_;
  LifecycleBus& bus_;
};

}  // namespace ecsim::models
