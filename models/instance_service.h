#pragma once
// Instance power transitions of StopInstances / StartInstances: Running -> Stopping -> Stopped and
// Stopped -> Starting -> Running, each taking models.instance.stop / .start with log-normal
// noise (streams instance/<region>/stop, instance/<region>/start). Starting clears the disks'
// attached_while_stopped flags (the restart that IncorrectInstanceStatus.NeedRestart asks for).
//
// It also places and lifts the scenario's security locks (faults of type lock_instance): at a
// lock's `from` the instance's OperationLocks gain "security", at its `until` they lose it again
// unless another lock is still active or the scenario declared the instance locked. Workload
// calls come before every engine event at the same instant (sim/scheduler.h, ArrivalSource), so
// a call at the very instant a lock starts is answered before it, and one at the instant it
// ends still finds the instance locked.

#include <map>
#include <set>
#include <vector>

#include "models/faults.h"
#include "models/world.h"
#include "sim/rng.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class InstanceService : public sim::EventHandler {
 public:
  InstanceService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs,
                  const std::vector<InstanceLock>& locks = {});

  // REQUIRES: the instance is Running (stop) or Stopped (start).
  void stop(InstanceIndex i);
  void start(InstanceIndex i);

  void on_event(const sim::Event& event) override;

 private:
  sim::SimDuration noisy(sim::SimDuration mean, const char* what, const std::string& region);
  void change_lock(InstanceIndex i, bool lock);

  World& world_;
  sim::Scheduler& scheduler_;
  sim::RngStreams& rngs_;
  std::map<InstanceIndex, int> fault_locks_;    // active lock_instance faults per instance
  std::set<InstanceIndex> declared_locked_;     // OperationLocks: [security] in the scenario
};

}  // namespace ecsim::models
