#include "models/instance_service.h"

#include <string>

#include "models/event_kinds.h"
#include "sim/assert.h"

namespace ecsim::models {

InstanceService::InstanceService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs)
    : world_(world), scheduler_(scheduler), rngs_(rngs) {
  scheduler_.set_handler(event_kind::kInstanceTransitionDone, this);
}

sim::SimDuration InstanceService::noisy(sim::SimDuration mean, const char* what, const std::string& region) {
  const double f = rngs_.stream(std::string("instance/") + region + "/" + what).lognormal_unit_mean(world_.params.instance.noise_cv);
  return sim::SimDuration::from_seconds_rounded(mean.seconds_f() * f);
}

void InstanceService::stop(InstanceIndex i) {
  Instance& inst = world_.instance(i);
  ECSIM_ASSERT(inst.status == InstanceStatus::kRunning);
  inst.status = InstanceStatus::kStopping;
  scheduler_.schedule_after(noisy(world_.params.instance.stop, "stop", inst.region_id),
                            sim::Event{event_kind::kInstanceTransitionDone, 0, i, 0});
}

void InstanceService::start(InstanceIndex i) {
  Instance& inst = world_.instance(i);
  ECSIM_ASSERT(inst.status == InstanceStatus::kStopped);
  inst.status = InstanceStatus::kStarting;
  scheduler_.schedule_after(noisy(world_.params.instance.start, "start", inst.region_id),
                            sim::Event{event_kind::kInstanceTransitionDone, 0, i, 0});
}

void InstanceService::on_event(const sim::Event& event) {
  ECSIM_ASSERT(event.kind == event_kind::kInstanceTransitionDone);
  Instance& inst = world_.instance(static_cast<InstanceIndex>(event.target));
  if (inst.status == InstanceStatus::kStopping) {
    inst.status = InstanceStatus::kStopped;
  } else if (inst.status == InstanceStatus::kStarting) {
    inst.status = InstanceStatus::kRunning;
    for (DiskIndex d : inst.disks) world_.disk(d).attached_while_stopped = false;
  } else {
    ECSIM_UNREACHABLE("instance transition event for an instance not in transition");
  }
}

}  // namespace ecsim::models
