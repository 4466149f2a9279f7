#include "models/invariants.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace ecsim::models {
namespace {

std::string time_text(sim::SimTime t) { return sim::format_clock(t); }

// Every state reachable from `from` through the transition table (including `from`).
template <typename State>
std::set<State> reachable(State from, std::span<const Transition<State>> table) {
  std::set<State> seen{from};
  std::vector<State> todo{from};
  while (!todo.empty()) {
    const State s = todo.back();
    todo.pop_back();
    for (const auto& t : table) {
      if (t.from == s && seen.insert(t.to).second) todo.push_back(t.to);
    }
  }
  return seen;
}

bool image_is_live(ImageStatus s) {
  return s == ImageStatus::kCreating || s == ImageStatus::kAvailable || s == ImageStatus::kDeprecated;
}

std::int64_t largest_family(const Region& r) {
  std::int64_t m = 0;
  for (const auto& [family, n] : r.images_per_family) m = std::max(m, n);
  return m;
}

}  // namespace

InvariantMonitor::InvariantMonitor(Simulation& sim) : sim_(sim) {
  const World& w = sim.world();
  for (const auto& [id, r] : w.regions()) {
    RegionBounds b;
    b.images = std::max(r.quota.images, r.images_count);
    b.image_families = std::max(r.quota.image_families, static_cast<std::int64_t>(r.images_per_family.size()));
    b.images_per_family = std::max(r.quota.images_per_family, largest_family(r));
    b.snapshots = std::max(r.quota.snapshots, r.snapshots_count);
    b.unfinished_snapshots = std::max(r.quota.unfinished_snapshots, r.snapshots_unfinished);
    bounds_.emplace(id, b);
  }
  for (const Disk& d : w.disks()) {
    // ESSD-family disks keep up to the region's concurrent quota in progress; legacy disks one.
    std::int64_t quota = 1;
    if (is_essd_family(d.category)) {
      auto it = w.regions().find(d.region_id);
      quota = it == w.regions().end() ? RegionQuota{}.concurrent_snapshots_per_disk
                                      : it->second.quota.concurrent_snapshots_per_disk;
    }
    disk_bound_.push_back(static_cast<int>(std::max<std::int64_t>(quota, d.snapshots_in_progress)));
  }
  for (const Image& img : w.images()) initial_image_status_.push_back(img.status);
  for (const Snapshot& s : w.snapshots()) initial_snapshot_status_.push_back(s.status);
  last_event_at_ = sim.scheduler().now();
  last_lifecycle_at_ = sim.scheduler().now();
  sim.bus().subscribe(this);
  sim.scheduler().set_observer(this);
}

void InvariantMonitor::add(std::string violation) {
  if (violations_.size() < kViolationsMax) violations_.push_back(std::move(violation));
  else ++violations_dropped_;
}

void InvariantMonitor::on_event(sim::SimTime at, std::uint64_t /*seq*/, const sim::Event& /*event*/) {
  if (at < last_event_at_) {
    add("time went backwards: an event at " + time_text(at) + " ran after one at " + time_text(last_event_at_));
  }
  last_event_at_ = at;
}

void InvariantMonitor::check_region_bounds(const Region& r) {
  auto it = bounds_.find(r.region_id);
  if (it == bounds_.end()) return;
  const RegionBounds& b = it->second;
  const std::string where = " in " + r.region_id + " at " + time_text(sim_.scheduler().now());
  auto over = [&](const char* what, std::int64_t value, std::int64_t bound) {
    if (value > bound) add(std::string("quota exceeded: ") + what + " " + std::to_string(value) + " > " +
                           std::to_string(bound) + where);
  };
  over("images", r.images_count, b.images);
  over("image families", static_cast<std::int64_t>(r.images_per_family.size()), b.image_families);
  for (const auto& [family, n] : r.images_per_family) over(("images in family " + family).c_str(), n, b.images_per_family);
  over("snapshots", r.snapshots_count, b.snapshots);
  over("unfinished snapshots", r.snapshots_unfinished, b.unfinished_snapshots);
}

void InvariantMonitor::check_disk_bound(DiskIndex disk) {
  const World& w = sim_.world();
  if (disk == kNoIndex || disk >= w.disks().size()) return;
  const Disk& d = w.disk(disk);
  const int bound = disk < disk_bound_.size() ? disk_bound_[disk] : 1;
  if (d.snapshots_in_progress > bound) {
    add("quota exceeded: snapshots in progress on " + d.disk_id + " " + std::to_string(d.snapshots_in_progress) +
        " > " + std::to_string(bound) + " at " + time_text(sim_.scheduler().now()));
  }
  if (d.snapshots_in_progress < 0) add("negative snapshots in progress on " + d.disk_id);
}

void InvariantMonitor::check_snapshot_not_backing_live_image(SnapshotIndex snapshot) {
  // Linear in the number of images, but snapshot deletions are rare.
  const World& w = sim_.world();
  for (const Image& img : w.images()) {
    if (!image_is_live(img.status)) continue;
    for (const ImageDiskMapping& m : img.mappings) {
      if (m.snapshot == snapshot) {
        add("snapshot " + w.snapshot(snapshot).snapshot_id + " was deleted at " + time_text(sim_.scheduler().now()) +
            " while backing image " + img.image_id + " (" + std::string(to_string(img.status)) + ")");
      }
    }
  }
}

void InvariantMonitor::on_lifecycle(const LifecycleEvent& event) {
  const World& w = sim_.world();
  if (event.at < last_lifecycle_at_) {
    add("time went backwards: a lifecycle event at " + time_text(event.at) + " after one at " +
        time_text(last_lifecycle_at_));
  }
  if (event.at != sim_.scheduler().now()) {
    add("lifecycle event " + std::string(to_string(event.kind)) + " stamped " + time_text(event.at) + " at " +
        time_text(sim_.scheduler().now()));
  }
  last_lifecycle_at_ = event.at;
  using K = LifecycleEvent::Kind;
  switch (event.kind) {
    case K::kSnapshotStarted:
    case K::kSnapshotTransferStarted:
    case K::kSnapshotUsable:
    case K::kSnapshotAccomplished:
    case K::kSnapshotFailed:
    case K::kSnapshotDeleted: {
      if (event.index >= w.snapshots().size()) {
        add("lifecycle event " + std::string(to_string(event.kind)) + " names an unknown snapshot");
        return;
      }
      const Snapshot& s = w.snapshot(event.index);
      check_disk_bound(s.source_disk);
      for (const auto& [id, r] : w.regions()) {
        if (id == s.region_id) check_region_bounds(r);
      }
      if (event.kind == K::kSnapshotDeleted) check_snapshot_not_backing_live_image(event.index);
      return;
    }
    default: {
      if (event.index >= w.images().size()) {
        add("lifecycle event " + std::string(to_string(event.kind)) + " names an unknown image");
        return;
      }
      const Image& img = w.image(event.index);
      for (const auto& [id, r] : w.regions()) {
        if (id == img.region_id) check_region_bounds(r);
      }
      return;
    }
  }
}

std::vector<std::string> InvariantMonitor::finish(sim::RunStop stop) {
  check_calls(stop);
  check_counters();
  check_states(stop);
  check_ids();
  std::vector<std::string> out = violations_;
  if (violations_dropped_ > 0) out.push_back("... and " + std::to_string(violations_dropped_) + " more");
  return out;
}

void InvariantMonitor::check_calls(sim::RunStop stop) {
  const auto& records = sim_.log().records();
  const std::size_t calls = sim_.workload_size();
  if (records.size() != calls) {
    add("the call log has " + std::to_string(records.size()) + " records for " + std::to_string(calls) + " calls");
  }
  const sim::SimTime end = sim_.scheduler().now();
  for (std::size_t i = 0; i < records.size(); ++i) {
    const CallRecord& r = records[i];
    const std::string which = "call " + std::to_string(i) + " (" + r.action + " at " + time_text(r.at) + ")";
    if (r.index != i) add(which + " has index " + std::to_string(r.index));
    if (i > 0 && r.at < records[i - 1].at) add(which + " was issued before the call preceding it");
    if (r.outcome == Outcome::kPending) {
      add(which + " has no outcome");
      continue;
    }
    if (r.api_latency < sim::SimDuration::zero()) add(which + " answered before it was asked");
    if (r.outcome == Outcome::kOk && !r.code.empty()) add(which + " succeeded with code " + r.code);
    if (r.outcome == Outcome::kError && r.code.empty()) add(which + " failed without a code");
    if (r.outcome == Outcome::kSkipped && !r.code.empty()) add(which + " was skipped with code " + r.code);
    if (r.status_at) {
      if (*r.status_at < r.at) add(which + " reached its status before the call");
      if (*r.status_at > end) add(which + " reached its status after the end of the run");
    }
    if (r.status.has_value() != r.status_at.has_value()) add(which + " has a status without a time or the reverse");
    if (stop == sim::RunStop::kExhausted && r.outcome == Outcome::kOk && r.tracked && !r.status) {
      add(which + " created a resource that never reached a terminal state");
    }
  }
}

void InvariantMonitor::check_counters() {
  const World& w = sim_.world();
  struct Count {
    std::int64_t images = 0, snapshots = 0, unfinished = 0;
    std::map<std::string, std::int64_t> per_family;
  };
  std::map<std::string, Count, std::less<>> counts;
  for (const Image& img : w.images()) {
    if (img.status == ImageStatus::kDeleted) continue;
    if (img.owner_account != w.account.account_id || img.owner_alias != "self") continue;
    Count& c = counts[img.region_id];
    ++c.images;
    if (!img.family.empty()) ++c.per_family[img.family];
  }
  std::vector<int> in_progress(w.disks().size(), 0);
  for (const Snapshot& s : w.snapshots()) {
    Count& c = counts[s.region_id];
    if (s.status != SnapshotStatus::kDeleted) ++c.snapshots;
    if (s.status == SnapshotStatus::kProgressing) {
      ++c.unfinished;
      if (s.source_disk != kNoIndex && s.source_disk < in_progress.size()) ++in_progress[s.source_disk];
    }
  }
  for (const auto& [region_id, r] : w.regions()) {
    const std::string& id = region_id;  // a plain reference: lambdas cannot capture bindings (C++20, clang 14)
    const Count& c = counts[id];
    auto differ = [&](const char* what, std::int64_t counter, std::int64_t recount) {
      if (counter != recount) {
        add(std::string("counter drift in ") + id + ": " + what + " counter " + std::to_string(counter) +
            ", tables " + std::to_string(recount));
      }
    };
    differ("images", r.images_count, c.images);
    differ("snapshots", r.snapshots_count, c.snapshots);
    differ("unfinished snapshots", r.snapshots_unfinished, c.unfinished);
    if (r.images_per_family != c.per_family) add("counter drift in " + id + ": images per family");
    check_region_bounds(r);
  }
  for (std::size_t d = 0; d < w.disks().size(); ++d) {
    if (w.disk(static_cast<DiskIndex>(d)).snapshots_in_progress != in_progress[d]) {
      add("counter drift on " + w.disk(static_cast<DiskIndex>(d)).disk_id + ": snapshots in progress counter " +
          std::to_string(w.disk(static_cast<DiskIndex>(d)).snapshots_in_progress) + ", tables " +
          std::to_string(in_progress[d]));
    }
    check_disk_bound(static_cast<DiskIndex>(d));
  }
}

void InvariantMonitor::check_states(sim::RunStop stop) {
  const World& w = sim_.world();
  const bool exhausted = stop == sim::RunStop::kExhausted;
  for (std::size_t i = 0; i < w.snapshots().size(); ++i) {
    const Snapshot& s = w.snapshot(static_cast<SnapshotIndex>(i));
    const bool created_in_run = i >= initial_snapshot_status_.size();
    const SnapshotStatus from = created_in_run ? SnapshotStatus::kProgressing : initial_snapshot_status_[i];
    if (!reachable(from, snapshot_transitions()).contains(s.status)) {
      add("snapshot " + s.snapshot_id + " ended " + std::string(to_string(s.status)) + ", not reachable from " +
          std::string(to_string(from)));
    }
    if (exhausted && created_in_run && s.status == SnapshotStatus::kProgressing) {
      add("snapshot " + s.snapshot_id + " is still progressing after the last event");
    }
    if (s.status == SnapshotStatus::kAccomplished && !s.usable) add("snapshot " + s.snapshot_id + " is accomplished but not usable");
  }
  for (std::size_t i = 0; i < w.images().size(); ++i) {
    const Image& img = w.image(static_cast<ImageIndex>(i));
    const bool created_in_run = i >= initial_image_status_.size();
    const std::string status(to_string(img.status));
    if (created_in_run) {
      const auto from_creating = reachable(ImageStatus::kCreating, image_transitions());
      const auto from_waiting = reachable(ImageStatus::kWaiting, image_transitions());
      if (!from_creating.contains(img.status) && !from_waiting.contains(img.status)) {
        add("image " + img.image_id + " ended " + status + ", not reachable from Creating or Waiting");
      }
      if (exhausted && (img.status == ImageStatus::kCreating || img.status == ImageStatus::kWaiting)) {
        add("image " + img.image_id + " is still " + status + " after the last event");
      }
    } else if (!reachable(initial_image_status_[i], image_transitions()).contains(img.status)) {
      add("image " + img.image_id + " ended " + status + ", not reachable from " +
          std::string(to_string(initial_image_status_[i])));
    }
    if (created_in_run && img.status != ImageStatus::kCreating && img.status != ImageStatus::kWaiting) {
      if (!img.finished_at) add("image " + img.image_id + " is " + status + " without a finish time");
      else if (*img.finished_at < img.created_at) add("image " + img.image_id + " finished before it was created");
    }
    if (img.status == ImageStatus::kAvailable || img.status == ImageStatus::kDeprecated) {
      for (const ImageDiskMapping& m : img.mappings) {
        if (m.snapshot == kNoIndex) continue;
        if (m.snapshot >= w.snapshots().size()) {
          add("image " + img.image_id + " maps an unknown snapshot");
          continue;
        }
        const Snapshot& s = w.snapshot(m.snapshot);
        if (s.status == SnapshotStatus::kDeleted) {
          add("image " + img.image_id + " is " + status + " but its snapshot " + s.snapshot_id + " was deleted");
        } else if (created_in_run && !s.usable) {
          add("image " + img.image_id + " is " + status + " but its snapshot " + s.snapshot_id + " is not usable");
        }
      }
    }
  }
}

void InvariantMonitor::check_ids() {
  const World& w = sim_.world();
  std::map<std::string_view, const char*> seen;
  auto unique = [&](std::string_view id, const char* kind) {
    if (id.empty()) {
      add(std::string("a ") + kind + " has an empty ID");
      return;
    }
    auto [it, inserted] = seen.emplace(id, kind);
    if (!inserted) add("ID " + std::string(id) + " is used by a " + it->second + " and a " + kind);
  };
  for (const Instance& x : w.instances()) unique(x.instance_id, "instance");
  for (const Disk& x : w.disks()) unique(x.disk_id, "disk");
  for (const Snapshot& x : w.snapshots()) unique(x.snapshot_id, "snapshot");
  for (const Image& x : w.images()) unique(x.image_id, "image");
  std::set<std::string_view> requests;
  for (const CallRecord& r : sim_.log().records()) {
    if (r.request_id.empty()) continue;
    if (!requests.insert(r.request_id).second) add("RequestId " + r.request_id + " answers two calls");
  }
}

std::string format_violations(const std::vector<std::string>& violations) {
  std::string out;
  for (const std::string& v : violations) out += "invariant violated: " + v + "\n";
  return out;
}

}  // namespace ecsim::models
