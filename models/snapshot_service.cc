#include "models/snapshot_service.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/event_kinds.h"
#include "sim/assert.h"

namespace ecsim::models {
namespace {

constexpr double kTicksPerSecond = static_cast<double>(sim::SimDuration::kTicksPerSecond);

// Max-min fair shares of `capacity` among jobs with the given caps (water-filling).
void water_fill(const std::vector<double>& caps, double capacity, std::vector<double>& rates) {
  const std::size_t n = caps.size();
  rates.assign(n, 0.0);
  if (n == 0) return;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Ties broken by position, so the result never depends on sort stability.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return caps[a] != caps[b] ? caps[a] < caps[b] : a < b;
  });
  double remaining = capacity;
  for (std::size_t k = 0; k < n; ++k) {
    const double fair = remaining / static_cast<double>(n - k);
    const std::size_t j = order[k];
    rates[j] = std::min(caps[j], fair);
    remaining -= rates[j];
  }
}

}  // namespace

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
  regions_.push_back(RegionJobs{region_id, {}, {}, {}, scheduler_.now(), {}});
  ordinal_by_region_.emplace(region_id, ord);
  return ord;
}

std::int64_t SnapshotService::bytes_to_copy(const Disk& disk, sim::CalendarTime now) const {
  if (!disk.last_snapshot_time) return disk.used_bytes;
  const double days = static_cast<double>((now - *disk.last_snapshot_time).ticks()) / (86400.0 * kTicksPerSecond);
  const double fraction = std::clamp(world_.params.snapshot.change_rate_per_day * days, 0.0, 1.0);
  return static_cast<std::int64_t>(std::llround(static_cast<double>(disk.used_bytes) * fraction));
}

void SnapshotService::start(SnapshotIndex s) {
  Snapshot& snap = world_.snapshot(s);
  ECSIM_ASSERT(snap.status == SnapshotStatus::kProgressing);
  const DiskCategory category = snap.source_disk_category.value_or(DiskCategory::kCloudEfficiency);
  const CategorySnapshotTiming& timing = world_.params.snapshot.timing(category);
  const double cv = world_.params.snapshot.noise_cv;
  const std::string& region = snap.region_id;

  snap.started_at = scheduler_.now();
  const double setup_noise = rngs_.stream("snapshot/" + region + "/setup").lognormal_unit_mean(cv);
  const double cap_noise = rngs_.stream("snapshot/" + region + "/throughput").lognormal_unit_mean(cv);
  if (job_cap_by_snapshot_.size() <= s) job_cap_by_snapshot_.resize(s + 1, 0.0);
  job_cap_by_snapshot_[s] = static_cast<double>(timing.throughput_bytes_per_s) * cap_noise;

  if (auto fail_at = faults_.snapshot_failure(region, scheduler_.now(), rngs_)) {
    snap.fail_planned = true;
    snap.fail_at_fraction = *fail_at;
  }

  const auto setup = sim::SimDuration::from_seconds_rounded(timing.setup.seconds_f() * setup_noise);
  snap.pending_event = scheduler_.schedule_after(setup, sim::Event{event_kind::kSnapshotSetupDone, 0, s, 0});
  if (timing.instant_access || snap.instant_access) {
    snap.instant_access = true;
    scheduler_.schedule_after(world_.params.snapshot.instant_access_delay,
                              sim::Event{event_kind::kSnapshotInstantAccess, 0, s, 0});
  }
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotStarted, s});
}

void SnapshotService::advance(RegionJobs& r, sim::SimTime now) {
  const double dt = static_cast<double>((now - r.last_update).ticks()) / kTicksPerSecond;
  if (dt > 0) {
    for (std::size_t k = 0; k < r.transferring.size(); ++k) {
      Snapshot& snap = world_.snapshot(r.transferring[k]);
      snap.bytes_copied = std::min(static_cast<double>(snap.bytes_to_copy), snap.bytes_copied + r.rate[k] * dt);
    }
  }
  r.last_update = now;
}

void SnapshotService::reschedule(RegionJobs& r, std::uint32_t ordinal) {
  scheduler_.cancel(r.next_tick);
  r.next_tick = {};
  const Region* region = world_.find_region(r.region_id);
  const double base = region ? static_cast<double>(region->snapshot_capacity_bytes_per_s) : 1.0e18;
  const double capacity = base * faults_.snapshot_capacity_factor(r.region_id, scheduler_.now());
  water_fill(r.cap, capacity, r.rate);
  double soonest = -1;
  for (std::size_t k = 0; k < r.transferring.size(); ++k) {
    const Snapshot& snap = world_.snapshot(r.transferring[k]);
    const double target =
        snap.fail_planned ? snap.fail_at_fraction * static_cast<double>(snap.bytes_to_copy) : snap.bytes_to_copy;
    const double left = std::max(0.0, target - snap.bytes_copied);
    if (r.rate[k] <= 0) continue;
    const double secs = left / r.rate[k];
    if (soonest < 0 || secs < soonest) soonest = secs;
  }
  if (soonest < 0) return;
  // Round up to a whole tick so the job is surely done when the tick runs.
  const auto ticks = static_cast<std::int64_t>(std::ceil(soonest * kTicksPerSecond));
  r.next_tick = scheduler_.schedule_after(sim::SimDuration::from_ticks(ticks),
                                          sim::Event{event_kind::kSnapshotTransferTick, 0, ordinal, 0});
}

void SnapshotService::finish_due_jobs(RegionJobs& r) {
  // A job is due when what is left would take less than one tick at its rate.
  std::vector<std::pair<SnapshotIndex, bool>> done;
  std::size_t keep = 0;
  for (std::size_t k = 0; k < r.transferring.size(); ++k) {
    const SnapshotIndex s = r.transferring[k];
    const Snapshot& snap = world_.snapshot(s);
    const double target =
        snap.fail_planned ? snap.fail_at_fraction * static_cast<double>(snap.bytes_to_copy) : snap.bytes_to_copy;
    const double slack = r.rate[k] / kTicksPerSecond + 0.5;
    if (snap.bytes_copied + slack >= target) {
      done.emplace_back(s, snap.fail_planned);
    } else {
      r.transferring[keep] = s;
      r.cap[keep] = r.cap[k];
      r.rate[keep] = r.rate[k];
      ++keep;
    }
  }
  r.transferring.resize(keep);
  r.cap.resize(keep);
  r.rate.resize(keep);
  for (const auto& [s, failed] : done) complete(s, failed);
}

void SnapshotService::begin_transfer(SnapshotIndex s) {
  Snapshot& snap = world_.snapshot(s);
  snap.pending_event = {};
  snap.in_transfer = true;
  snap.transfer_started_at = scheduler_.now();
  const std::uint32_t ord = region_ordinal(snap.region_id);
  RegionJobs& r = regions_[ord];
  advance(r, scheduler_.now());
  r.transferring.push_back(s);
  r.cap.push_back(job_cap_by_snapshot_[s]);
  r.rate.push_back(0.0);
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotTransferStarted, s});
  finish_due_jobs(r);  // an empty incremental snapshot is done at once
  reschedule(r, ord);
}

void SnapshotService::complete(SnapshotIndex s, bool failed) {
  Snapshot& snap = world_.snapshot(s);
  snap.in_transfer = false;
  if (failed) {
    world_.set_snapshot_status(s, SnapshotStatus::kFailed, scheduler_.now());
    bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotFailed, s});
    return;
  }
  snap.bytes_copied = static_cast<double>(snap.bytes_to_copy);
  world_.set_snapshot_status(s, SnapshotStatus::kAccomplished, scheduler_.now());
  if (snap.source_disk != kNoIndex) world_.disk(snap.source_disk).last_snapshot_time = snap.creation_time;
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotAccomplished, s});
}

void SnapshotService::cancel(SnapshotIndex s) {
  Snapshot& snap = world_.snapshot(s);
  scheduler_.cancel(snap.pending_event);
  snap.pending_event = {};
  if (!snap.in_transfer) return;
  const std::uint32_t ord = region_ordinal(snap.region_id);
  RegionJobs& r = regions_[ord];
  advance(r, scheduler_.now());
  for (std::size_t k = 0; k < r.transferring.size(); ++k) {
    if (r.transferring[k] != s) continue;
    r.transferring.erase(r.transferring.begin() + static_cast<std::ptrdiff_t>(k));
    r.cap.erase(r.cap.begin() + static_cast<std::ptrdiff_t>(k));
    r.rate.erase(r.rate.begin() + static_cast<std::ptrdiff_t>(k));
    break;
  }
  snap.in_transfer = false;
  reschedule(r, ord);
}

int SnapshotService::progress_percent(SnapshotIndex s) const {
  const Snapshot& snap = world_.snapshot(s);
  if (snap.status == SnapshotStatus::kAccomplished) return 100;
  if (snap.status != SnapshotStatus::kProgressing || snap.bytes_to_copy <= 0) return 0;
  double copied = snap.bytes_copied;
  if (snap.in_transfer) {
    auto it = ordinal_by_region_.find(snap.region_id);
    if (it != ordinal_by_region_.end()) {
      const RegionJobs& r = regions_[it->second];
      const double dt = static_cast<double>((scheduler_.now() - r.last_update).ticks()) / kTicksPerSecond;
      for (std::size_t k = 0; k < r.transferring.size(); ++k) {
        if (r.transferring[k] == s) copied += r.rate[k] * dt;
      }
    }
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
      if (snap.status != SnapshotStatus::kProgressing || snap.usable || snap.fail_planned) return;
      snap.usable = true;
      bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kSnapshotUsable, s});
      return;
    }
    case event_kind::kSnapshotTransferTick: {
      const auto ord = static_cast<std::uint32_t>(event.target);
      ECSIM_ASSERT(ord < regions_.size());
      RegionJobs& r = regions_[ord];
      if (event.aux == 0) r.next_tick = {};  // this was the completion tick
      advance(r, scheduler_.now());
      finish_due_jobs(r);
      reschedule(r, ord);
      return;
    }
    default:
      ECSIM_UNREACHABLE("SnapshotService got an event kind it does not handle");
  }
}

}  // namespace ecsim::models
