#include "models/copy_service.h"

#include <algorithm>
#include <cmath>

#include "models/event_kinds.h"
#include "sim/assert.h"

namespace ecsim::models {
namespace {
constexpr double kTicksPerSecond = static_cast<double>(sim::SimDuration::kTicksPerSecond);
// Event::aux of kCopyTransferTick: the next completion, or a link slowdown's start or end.
constexpr std::uint32_t kCompletion = 0;
constexpr std::uint32_t kRateChange = 1;
}

CopyService::CopyService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs, LifecycleBus& bus,
                         RegionNetwork network, std::vector<LinkSlowdown> slowdowns)
    : world_(world), scheduler_(scheduler), rngs_(rngs), bus_(bus), network_(std::move(network)),
      slowdowns_(std::move(slowdowns)) {
  scheduler_.set_handler(event_kind::kCopyTransferTick, this);
  scheduler_.set_handler(event_kind::kCopyBuildDone, this);
  // Rates change when a link slowdown starts or ends: recompute them then.
  for (const LinkSlowdown& s : slowdowns_) {
    for (sim::SimTime t : {s.from, s.until}) {
      if (t != sim::SimTime::max() && t > scheduler_.now()) {
        scheduler_.schedule_at(t, sim::Event{event_kind::kCopyTransferTick, kRateChange, 0, 0});
      }
    }
  }
}

double CopyService::link_bandwidth(std::uint32_t link) const {
  const RegionLinkSpec& l = network_.links()[link];
  return static_cast<double>(l.bandwidth_bytes_per_s) * link_capacity_factor(slowdowns_, l.a, l.b, scheduler_.now());
}

bool CopyService::copying(ImageIndex source, std::string_view destination_region) const {
  for (const auto& [target, j] : job_by_target_) {
    const Job& job = jobs_[j];
    if (job.source == source && job.to == destination_region && job.phase != Phase::kDone) return true;
  }
  return false;
}

std::uint32_t CopyService::job_of(ImageIndex target) const {
  auto it = job_by_target_.find(target);
  ECSIM_ASSERT_MSG(it != job_by_target_.end(), "not a copy target");
  return it->second;
}

void CopyService::submit(ImageIndex target, RegionNetwork::Path path) {
  Image& img = world_.image(target);
  ECSIM_ASSERT(img.status == ImageStatus::kWaiting && img.copied_from != kNoIndex);
  Job job;
  job.target = target;
  job.source = img.copied_from;
  job.from = world_.image(img.copied_from).region_id;
  job.to = img.region_id;
  job.path = std::move(path);
  job.bytes_total = static_cast<double>(world_.image_data_bytes(img.copied_from));
  const auto j = static_cast<std::uint32_t>(jobs_.size());
  jobs_.push_back(std::move(job));
  job_by_target_.emplace(target, j);
  ++world_.image(img.copied_from).copies_in_flight;
  const Region* dst = world_.find_region(jobs_[j].to);
  ECSIM_ASSERT(dst != nullptr);
  if (running_[jobs_[j].to] < dst->copy_slots) start(j);
  else waiting_[jobs_[j].to].push_back(j);
}

void CopyService::start(std::uint32_t j) {
  Job& job = jobs_[j];
  const sim::SimTime now = scheduler_.now();
  ++running_[job.to];
  world_.set_image_status(job.target, ImageStatus::kCreating, now);
  world_.image(job.target).phase = ImagePhase::kSnapshots;
  advance(now);
  job.phase = Phase::kTransfer;
  transferring_.push_back(j);
  bus_.publish({now, LifecycleEvent::Kind::kImageCopyStarted, job.target});
  reschedule();
}

void CopyService::advance(sim::SimTime now) {
  const double dt = static_cast<double>((now - last_update_).ticks()) / kTicksPerSecond;
  if (dt > 0) {
    for (std::uint32_t j : transferring_) jobs_[j].bytes_done = std::min(jobs_[j].bytes_total, jobs_[j].bytes_done + jobs_[j].rate * dt);
  }
  last_update_ = now;
}

void CopyService::reschedule() {
  // Equal shares per link, each copy at its narrowest share.
  std::vector<int> users(network_.links().size(), 0);
  for (std::uint32_t j : transferring_) {
    for (std::uint32_t l : jobs_[j].path.links) ++users[l];
  }
  scheduler_.cancel(next_tick_);
  next_tick_ = {};
  std::int64_t soonest = -1;
  for (std::uint32_t j : transferring_) {
    Job& job = jobs_[j];
    double rate = static_cast<double>(job.path.bottleneck_bytes_per_s);
    for (std::uint32_t l : job.path.links) {
      rate = std::min(rate, link_bandwidth(l) / users[l]);
    }
    // models.copy.task_bandwidth (0 = none): every copy has the same cap, so max-min fairness on
    // a link (water-filling, as in the snapshot service) is min(cap, equal share).
    if (world_.params.copy.task_bandwidth_bytes_per_s > 0) {
      rate = std::min(rate, static_cast<double>(world_.params.copy.task_bandwidth_bytes_per_s));
    }
    job.rate = rate;
    const double left = job.bytes_total - job.bytes_done;
    const auto ticks = left <= 0.5 ? std::int64_t{0} : static_cast<std::int64_t>(std::ceil(left / rate * kTicksPerSecond));
    if (soonest < 0 || ticks < soonest) soonest = ticks;
  }
  if (soonest >= 0) {
    next_tick_ = scheduler_.schedule_after(sim::SimDuration::from_ticks(soonest), sim::Event{event_kind::kCopyTransferTick, 0, 0, 0});
  }
}

void CopyService::end_transfer(std::uint32_t j) {
  Job& job = jobs_[j];
  job.phase = Phase::kBuild;
  job.bytes_done = job.bytes_total;
  world_.image(job.target).phase = ImagePhase::kRegistering;
  const double f = rngs_.stream("copy/" + job.from + "->" + job.to + "/build").lognormal_unit_mean(world_.params.copy.noise_cv);
  const sim::SimDuration build = sim::SimDuration::from_seconds_rounded(world_.params.copy.build.seconds_f() * f) + job.path.latency;
  job.build_event = scheduler_.schedule_after(build, sim::Event{event_kind::kCopyBuildDone, 0, job.target, 0});
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kImageCopyTransferred, job.target});
}

void CopyService::on_event(const sim::Event& event) {
  const sim::SimTime now = scheduler_.now();
  if (event.kind == event_kind::kCopyTransferTick) {
    // A rate change leaves the pending completion to reschedule() to cancel.
    if (event.aux == kCompletion) next_tick_ = {};
    advance(now);
    std::vector<std::uint32_t> done;
    for (std::uint32_t j : transferring_) {
      if (jobs_[j].bytes_total - jobs_[j].bytes_done <= 0.5) done.push_back(j);
    }
    std::erase_if(transferring_, [&](std::uint32_t j) { return std::find(done.begin(), done.end(), j) != done.end(); });
    for (std::uint32_t j : done) end_transfer(j);
    reschedule();
    return;
  }
  ECSIM_ASSERT(event.kind == event_kind::kCopyBuildDone);
  finish(job_of(static_cast<ImageIndex>(event.target)));
}

void CopyService::finish(std::uint32_t j) {
  Job& job = jobs_[j];
  ECSIM_ASSERT(job.phase == Phase::kBuild);
  job.phase = Phase::kDone;
  const sim::SimTime now = scheduler_.now();
  // The image's own snapshots in the destination, copies of the source's.
  const SmallVector<ImageDiskMapping> source_mappings = world_.image(job.source).mappings;
  for (std::size_t k = 0; k < source_mappings.size() && k < world_.image(job.target).mappings.size(); ++k) {
    if (source_mappings[k].snapshot == kNoIndex) continue;
    const Snapshot& from = world_.snapshot(source_mappings[k].snapshot);
    Snapshot s;
    s.snapshot_id = world_.ids().next_snapshot_id(job.to);
    s.region_id = job.to;
    s.source_disk_id = from.source_disk_id;
    s.source_disk_type = from.source_disk_type;
    s.source_disk_category = from.source_disk_category;
    s.source_disk_size_bytes = from.source_disk_size_bytes;
    s.creation_time = world_.calendar(now);
    s.status = SnapshotStatus::kAccomplished;
    s.usable = true;
    s.encrypted = from.encrypted;
    s.kms_key_id = from.kms_key_id;
    const SnapshotIndex added = world_.add_snapshot(std::move(s));
    world_.set_mapping_snapshot(job.target, k, added);
  }
  --world_.image(job.source).copies_in_flight;
  world_.image(job.target).phase = ImagePhase::kDone;
  world_.set_image_status(job.target, ImageStatus::kAvailable, now);
  bus_.publish({now, LifecycleEvent::Kind::kImageAvailable, job.target});
  release_slot(job.to);
}

void CopyService::release_slot(const std::string& region) {
  --running_[region];
  ECSIM_ASSERT(running_[region] >= 0);
  auto& queue = waiting_[region];
  const Region* r = world_.find_region(region);
  while (!queue.empty() && running_[region] < r->copy_slots) {
    const std::uint32_t next = queue.front();
    queue.pop_front();
    start(next);
  }
}

void CopyService::cancel(ImageIndex target) {
  const std::uint32_t j = job_of(target);
  Job& job = jobs_[j];
  const sim::SimTime now = scheduler_.now();
  const Phase was = job.phase;
  job.phase = Phase::kDone;
  if (was == Phase::kWaiting) {
    auto& queue = waiting_[job.to];
    queue.erase(std::find(queue.begin(), queue.end(), j));
  } else if (was == Phase::kTransfer) {
    advance(now);
    std::erase(transferring_, j);
    reschedule();
  } else {
    ECSIM_ASSERT(was == Phase::kBuild);
    scheduler_.cancel(job.build_event);
  }
  --world_.image(job.source).copies_in_flight;
  world_.set_image_status(target, ImageStatus::kDeleted, now);
  bus_.publish({now, LifecycleEvent::Kind::kImageDeleted, target});
  if (was != Phase::kWaiting) release_slot(job.to);
}

int CopyService::progress_percent(ImageIndex target) const {
  const ImageStatus st = world_.image(target).status;
  if (st == ImageStatus::kAvailable || st == ImageStatus::kDeprecated) return 100;
  auto it = job_by_target_.find(target);
  if (it == job_by_target_.end()) return 0;
  const Job& job = jobs_[it->second];
  if (job.phase == Phase::kBuild) return 90;
  if (job.phase != Phase::kTransfer || job.bytes_total <= 0) return 0;
  const double dt = static_cast<double>((scheduler_.now() - last_update_).ticks()) / kTicksPerSecond;
  const double done = std::min(job.bytes_total, job.bytes_done + job.rate * dt);
  return static_cast<int>(90.0 * done / job.bytes_total);
}

std::int64_t CopyService::remain_seconds(ImageIndex target) const {
  auto it = job_by_target_.find(target);
  if (it == job_by_target_.end()) return 0;
  const Job& job = jobs_[it->second];
  if (job.phase != Phase::kTransfer || job.rate <= 0) return 0;
  const double dt = static_cast<double>((scheduler_.now() - last_update_).ticks()) / kTicksPerSecond;
  const double left = job.bytes_total - std::min(job.bytes_total, job.bytes_done + job.rate * dt);
  return static_cast<std::int64_t>(std::ceil(left / job.rate));
}

}  // namespace ecsim::models
