#pragma once
// Instance power transitions of StopInstances / StartInstances: Running -> Stopping -> Stopped and
// Stopped -> Starting -> Running, each taking models.instance.stop / .start with log-normal
// noise (streams instance/<region>/stop, instance/<region>/start). Starting clears the disks'
// attached_while_stopped flags (the restart that IncorrectInstanceStatus.NeedRestart asks for).

#include <vector>

#include "models/world.h"
#include "sim/rng.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class InstanceService : public sim::EventHandler {
 public:
  InstanceService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs);

  // REQUIRES: the instance is Running (stop) or Stopped (start).
  void stop(InstanceIndex i);
  void start(InstanceIndex i);

  void on_event(const sim::Event& event) override;

 private:
  sim::SimDuration noisy(sim::SimDuration mean, const char* what, const std::string& region);

  World& world_;
  sim::Scheduler& scheduler_;
  sim::RngStreams& rngs_;
};

}  // namespace ecsim::models
