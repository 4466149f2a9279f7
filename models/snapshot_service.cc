#include "models/snapshot_service.h"

#include <algorithm>
#include <cmath>

#include "models/event_kinds.h"
#include "sim/assert.h"

namespace ecsim::models {
namespace {

constexpr double kTicksPerSecond = static_cast<double>(sim::SimDuration::kTicksPerSecond);

}  // namespace

// What a job must copy before it ends: all its data, or the fraction at which a fault fails it.
double SnapshotService::job_target(const Snapshot& snap, const Job& job) const {
  return job.fail_planned ? job.fail_at_fraction * static_cast<double>(snap.bytes_to_copy)
                          : static_cast<double>(snap.bytes_to_copy);
}

SnapshotService::Job& SnapshotService::job_of(SnapshotIndex s) {
  const std::optional<std::uint32_t> slot = job_slots_.find(s);
  ECSIM_ASSERT_MSG(slot.has_value(), "SnapshotService: the snapshot has no job in flight");
  return jobs_[*slot];
}

const SnapshotService::Job* SnapshotService::find_job(SnapshotIndex s) const {
  const std::optional<std::uint32_t> slot = job_slots_.find(s);
  return slot ? &jobs_[*slot] : nullptr;
}

void SnapshotService::end_job(SnapshotIndex s) {
  jobs_[*job_slots_.find(s)] = Job{};
  job_slots_.release(s);
}

SnapshotService::SnapshotService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs,
                                 const FaultPlan& faults, LifecycleBus& bus)
    : world_(world), scheduler_(scheduler), rngs_(rngs), faults_(faults), bus_(bus) {
  scheduler_.set_handler(event_kind::kSnapshotSetupDone, this);
  scheduler_.set_handler(event_kind::kSnapshotInstantAccess, this);
  scheduler_.set_handler(event_kind::kSnapshotTransferTick, this);
  // Rates change when a slowdown starts or ends: tick the region then.
  for (const SnapshotSlowdown& s : faults_.snapshot_slowdowns) {
    for (const auto& [region_id, region] : world_.regions()) {
      if (!s.region_id.empty() && s.region_id != region_id) continue;
      const std::uint32_t ord = region_ordinal(region_id);
      for (sim::SimTime t : {s.from, s.until}) {
        if (t != sim::SimTime::max() && t > sim::SimTime::zero()) {
          scheduler_.schedule_at(t, sim::Event{event_kind::kSnapshotTransferTick, 1, ord, 0});
        }
      }
    }
  }
}

std::uint32_t SnapshotService::region_ordinal(const std::string& region_id) {
  auto it = ordinal_by_region_.find(region_id);
  if (it != ordinal_by_region_.end()) return it->second;
  const auto ord = static_cast<std::uint32_t>(regions_.size());
  RegionJobs r;
  r.region_id = region_id;
  const Region* region = world_.find_region(region_id);
  // A region the scenario does not declare has no capacity limit of its own.
  r.base_capacity = region ? static_cast<double>(region->snapshot_capacity_bytes_per_s) : 1.0e18;
  r.pool = FairSharePool(r.base_capacity * faults_.snapshot_capacity_factor(region_id, scheduler_.now()));
  r.setup_stream = &rngs_.stream("snapshot/" + region_id + "/setup");
  r.throughput_stream = &rngs_.stream("snapshot/" + region_id + "/throughput");
  regions_.push_back(std::move(r));
  ordinal_by_region_.emplace(region_id, ord);
  return ord;
}

std::int64_t SnapshotService::bytes_to_copy(const Disk& disk, sim::CalendarTime now) const {
  if (!disk.last_snapshot_time) return disk.used_bytes;
  const double days = static_cast<double>((now - *disk.last_snapshot_time).ticks()) / (86400.0 * kTicksPerSecond);
  const double fraction = std::clamp(world_.params.snapshot.change_rate_per_day * days, 0.0, 1.0);
  return static_cast<std::int64_t>(std::llround(static_cast<double>(disk.used_bytes) * fraction));
}

Snapshot SnapshotService::new_snapshot_of(const Disk& disk, DiskIndex d, sim::CalendarTime now) {
  Snapshot s;
  s.snapshot_id = world_.ids().next_snapshot_id(disk.region_id);
  s.region_id = disk.region_id;
  s.source_disk_id = disk.disk_id;
  s.source_disk = d;
  s.source_disk_type = disk.type;
  s.source_disk_category = disk.category;
  s.source_disk_size_bytes = disk.size_bytes;
  s.creation_time = now;
  s.status = SnapshotStatus::kProgressing;
  s.encrypted = disk.encrypted;
  s.kms_key_id = disk.kms_key_id;
  s.bytes_to_copy = bytes_to_copy(disk, now);
  return s;
}

void SnapshotService::start(SnapshotIndex s) {
  Snapshot& snap = world_.snapshot(s);
  ECSIM_ASSERT(snap.status == SnapshotStatus::kProgressing);
  const DiskCategory category = snap.source_disk_category.value_or(DiskCategory::kCloudEfficiency);
  const CategorySnapshotTiming& timing = world_.params.snapshot.timing(category);
  const double cv = world_.params.snapshot.noise_cv;
  const std::string& region = snap.region_id;
  const std::uint32_t ord = region_ordinal(region);

  snap.started_at = scheduler_.now();
  const double setup_noise = regions_[ord].setup_stream->lognormal_unit_mean(cv);
  const double cap_noise = regions_[ord].throughput_stream->lognormal_unit_mean(cv);
  const std::uint32_t slot = job_slots_.acquire(s);
  if (jobs_.size() <= slot) jobs_.resize(static_cast<std::size_t>(slot) + 1);
  Job& job = jobs_[slot];
  job.cap = static_cast<double>(timing.throughput_bytes_per_s) * cap_noise;
  job.region = ord;

  if (auto fail_at = faults_.snapshot_failure(region, scheduler_.now(), rngs_)) {
    job.fail_planned = true;
    job.fail_at_fraction = *fail_at;
  }

  const auto setup = sim::SimDuration::from_seconds_rounded(timing.setup.seconds_f() * setup_noise);
  job.pending_event = scheduler_.schedule_after(setup, sim::Event{event_kind::kSnapshotSetupDone, 0, s, 0});
  if (timing.instant_access || snap.instant_access) {
    snap.instant_access = true;
    scheduler_.schedule_after(world_.params.snapshot.instant_access_delay,
                              sim::Event{event_kind::kSnapshotInstantAccess, 0, s, 0});
  }
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotStarted, s});
}

void SnapshotService::reschedule(std::uint32_t ordinal) {
  RegionJobs& r = regions_[ordinal];
  scheduler_.cancel(r.next_tick);
  r.next_tick = {};
  if (auto at = r.pool.next_completion(scheduler_.now())) {
    r.next_tick = scheduler_.schedule_at(*at, sim::Event{event_kind::kSnapshotTransferTick, 0, ordinal, 0});
  }
}

void SnapshotService::finish_due_jobs(std::uint32_t ordinal) {
  // complete() tells the bus, whose observers may start jobs (and add regions): hold no reference
  // into regions_ across it.
  for (const FairSharePool::JobId s : regions_[ordinal].pool.take_done(scheduler_.now())) {
    const bool failed = job_of(s).fail_planned;
    end_job(s);
    complete(s, failed);
  }
}

void SnapshotService::begin_transfer(SnapshotIndex s) {
  const Snapshot& snap = world_.snapshot(s);
  Job& job = job_of(s);
  job.pending_event = {};
  job.in_transfer = true;
  const std::uint32_t ord = job.region;
  RegionJobs& r = regions_[ord];
  r.pool.add(s, job.cap, job_target(snap, job), scheduler_.now());
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotTransferStarted, s});
  finish_due_jobs(ord);  // an empty incremental snapshot is done at once
  reschedule(ord);
}

void SnapshotService::complete(SnapshotIndex s, bool failed) {
  const Snapshot& snap = world_.snapshot(s);
  if (failed) {
    world_.set_snapshot_status(s, SnapshotStatus::kFailed, scheduler_.now());
    bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotFailed, s});
    return;
  }
  world_.set_snapshot_status(s, SnapshotStatus::kAccomplished, scheduler_.now());
  if (snap.source_disk != kNoIndex) world_.disk(snap.source_disk).last_snapshot_time = snap.creation_time;
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotAccomplished, s});
}

void SnapshotService::cancel(SnapshotIndex s) {
  const Job* found = find_job(s);
  if (found == nullptr) return;  // the job has ended already
  const Job job = *found;
  end_job(s);
  scheduler_.cancel(job.pending_event);
  if (!job.in_transfer) return;
  regions_[job.region].pool.remove(s, scheduler_.now());
  reschedule(job.region);
}

int SnapshotService::progress_percent(SnapshotIndex s) const {
  const Snapshot& snap = world_.snapshot(s);
  if (snap.status == SnapshotStatus::kAccomplished) return 100;
  if (snap.status != SnapshotStatus::kProgressing || snap.bytes_to_copy <= 0) return 0;
  // Nothing is copied during setup; in transfer, the pool knows.
  double copied = 0;
  if (const Job* job = find_job(s); job != nullptr && job->in_transfer) {
    const FairSharePool& pool = regions_[job->region].pool;
    if (pool.contains(s)) copied = pool.bytes_done(s, scheduler_.now());
  }
  const double pct = 100.0 * copied / static_cast<double>(snap.bytes_to_copy);
  return std::clamp(static_cast<int>(pct), 0, 99);
}

void SnapshotService::on_event(const sim::Event& event) {
  switch (event.kind) {
    case event_kind::kSnapshotSetupDone:
      begin_transfer(static_cast<SnapshotIndex>(event.target));
      return;
    case event_kind::kSnapshotInstantAccess: {
      const auto s = static_cast<SnapshotIndex>(event.target);
      Snapshot& snap = world_.snapshot(s);
      if (snap.status != SnapshotStatus::kProgressing || snap.usable) return;
      if (const Job* job = find_job(s); job != nullptr && job->fail_planned) return;
      snap.usable = true;
      bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotUsable, s});
      return;
    }
    case event_kind::kSnapshotTransferTick: {
      const auto ord = static_cast<std::uint32_t>(event.target);
      ECSIM_ASSERT(ord < regions_.size());
      RegionJobs& r = regions_[ord];
      if (event.aux == 0) r.next_tick = {};  // this was the completion tick
      // aux 1: a slowdown begins or ends: the capacity changes from now on.
      if (event.aux == 1) {
        r.pool.set_capacity(r.base_capacity * faults_.snapshot_capacity_factor(r.region_id, scheduler_.now()),
                            scheduler_.now());
      }
      finish_due_jobs(ord);
      reschedule(ord);
      return;
    }
    default:
      ECSIM_UNREACHABLE("SnapshotService got an event kind it does not handle");
  }
}

}  // namespace ecsim::models
