#include "models/instance_service.h"

#include <algorithm>
#include <string>

#include "models/event_kinds.h"
#include "sim/assert.h"

namespace ecsim::models {
namespace {
// Event::aux of kInstanceTransitionDone: a power transition ends, or a security lock starts / ends.
constexpr std::uint32_t kTransition = 0;
constexpr std::uint32_t kLock = 1;
constexpr std::uint32_t kUnlock = 2;
}  // namespace

InstanceService::InstanceService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs,
                                 const std::vector<InstanceLock>& locks)
    : world_(world), scheduler_(scheduler), rngs_(rngs) {
  scheduler_.set_handler(event_kind::kInstanceTransitionDone, this);
  for (const InstanceLock& lock : locks) {
    // The parser checked the instance is declared; an unknown one has nothing to lock.
    const auto i = world_.find_instance(lock.instance_id);
    if (!i) continue;
    if (world_.instance(*i).operation_locks.contains("security")) declared_locked_.insert(*i);
    scheduler_.schedule_at(std::max(lock.from, scheduler_.now()), sim::Event{event_kind::kInstanceTransitionDone, kLock, *i, 0});
    if (lock.until != sim::SimTime::max()) {
      scheduler_.schedule_at(lock.until, sim::Event{event_kind::kInstanceTransitionDone, kUnlock, *i, 0});
    }
  }
}

void InstanceService::change_lock(InstanceIndex i, bool lock) {
  int& held = fault_locks_[i];
  held += lock ? 1 : -1;
  ECSIM_ASSERT(held >= 0);
  std::set<std::string>& locks = world_.instance(i).operation_locks;
  if (held > 0) locks.insert("security");
  else if (!declared_locked_.contains(i)) locks.erase("security");
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
  if (event.aux != kTransition) {
    change_lock(static_cast<InstanceIndex>(event.target), event.aux == kLock);
    return;
  }
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
