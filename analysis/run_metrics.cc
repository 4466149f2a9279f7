#include "analysis/run_metrics.h"

#include <algorithm>
#include <utility>

#include "analysis/distribution_summary.h"
#include "analysis/summary_writer.h"

namespace ecsim::analysis {
namespace {

using Kind = models::LifecycleEvent::Kind;

void add_count(RunMetrics& out, std::string name, double value) {
  out.push_back(Metric{std::move(name), value, MetricKind::kCount});
}

void add_value(RunMetrics& out, std::string name, double value) {
  out.push_back(Metric{std::move(name), value, MetricKind::kValue});
}

// prefix.count always; mean, p50, p90, p99, max when there is at least one sample.
void add_distribution(RunMetrics& out, const std::string& prefix, std::vector<sim::SimDuration> samples) {
  const DistributionSummary s = summarize_durations(std::move(samples));
  add_count(out, prefix + ".count", static_cast<double>(s.count));
  if (s.count == 0) return;
  add_value(out, prefix + ".mean", s.mean.seconds_f());
  add_value(out, prefix + ".p50", s.p50.seconds_f());
  add_value(out, prefix + ".p90", s.p90.seconds_f());
  add_value(out, prefix + ".p99", s.p99.seconds_f());
  add_value(out, prefix + ".max", s.max.seconds_f());
}

double per_hour(double count, sim::SimTime end) {
  const double hours = end.since_start().seconds_f() / 3600.0;
  return hours > 0 ? count / hours : 0.0;
}

}  // namespace

LifecycleRecorder::SnapshotTimes& LifecycleRecorder::snapshot_times(std::uint32_t index) {
  if (snapshots_.size() <= index) snapshots_.resize(static_cast<std::size_t>(index) + 1);
  return snapshots_[index];
}

LifecycleRecorder::ImageTimes& LifecycleRecorder::image_times(std::uint32_t index) {
  if (images_.size() <= index) images_.resize(static_cast<std::size_t>(index) + 1);
  return images_[index];
}

void LifecycleRecorder::change_occupancy(const std::string& region_id, sim::SimTime at, std::int64_t delta) {
  auto it = occupancy_.find(region_id);
  if (it == occupancy_.end()) it = occupancy_.emplace(region_id, Occupancy{}).first;
  Occupancy& o = it->second;
  o.ticks_at_level[o.current] += (at - o.last_change).ticks();
  o.last_change = at;
  o.current += delta;
  if (o.current > o.max) o.max = o.current;
}

void LifecycleRecorder::on_lifecycle(const models::LifecycleEvent& event) {
  switch (event.kind) {
    case Kind::kSnapshotStarted: {
      SnapshotTimes& t = snapshot_times(event.index);
      t.started = true;
      t.in_progress = true;
      t.started_at = event.at;
      ++started;
      change_occupancy(world_.snapshot(event.index).region_id, event.at, +1);
      break;
    }
    case Kind::kSnapshotTransferStarted: {
      SnapshotTimes& t = snapshot_times(event.index);
      t.transfer_started = true;
      t.transfer_at = event.at;
      break;
    }
    case Kind::kSnapshotAccomplished:
    case Kind::kSnapshotFailed:
    case Kind::kSnapshotDeleted: {
      SnapshotTimes& t = snapshot_times(event.index);
      if (!t.in_progress) break;  // a deleted snapshot that had finished, or a pre-existing one
      t.in_progress = false;
      t.ended_at = event.at;
      sojourn_durations.push_back(event.at - t.started_at);
      change_occupancy(world_.snapshot(event.index).region_id, event.at, -1);
      if (event.kind == Kind::kSnapshotAccomplished) {
        ++accomplished;
        total_durations.push_back(event.at - t.started_at);
        if (t.transfer_started) {
          setup_durations.push_back(t.transfer_at - t.started_at);
          transfer_durations.push_back(event.at - t.transfer_at);
        }
      } else if (event.kind == Kind::kSnapshotFailed) {
        ++failed;
      }
      break;
    }
    case Kind::kImageSnapshotsReady: {
      ImageTimes& t = image_times(event.index);
      t.ready = true;
      t.ready_at = event.at;
      break;
    }
    case Kind::kImageRegistered: {
      ImageTimes& t = image_times(event.index);
      if (t.ready) registration_durations.push_back(event.at - t.ready_at);
      t.registered = true;
      t.registered_at = event.at;
      break;
    }
    case Kind::kImageCreating: {
      ImageTimes& t = image_times(event.index);
      t.creating = true;
      t.creating_at = event.at;
      break;
    }
    case Kind::kImageCopyStarted: {
      ImageTimes& t = image_times(event.index);
      // Queue wait: from the CopyImage call (the target's created_at) to the start of its copy.
      copy_queue_durations.push_back(event.at - world_.image(event.index).created_at);
      t.copy_started = true;
      t.copy_started_at = event.at;
      break;
    }
    case Kind::kImageCopyTransferred: {
      ImageTimes& t = image_times(event.index);
      if (t.copy_started) copy_transfer_durations.push_back(event.at - t.copy_started_at);
      t.copy_transferred = true;
      t.copy_transferred_at = event.at;
      break;
    }
    case Kind::kImageAvailable: {
      ImageTimes& t = image_times(event.index);
      if (t.copy_transferred) {
        copy_build_durations.push_back(event.at - t.copy_transferred_at);
      } else if (t.registered) {
        check_durations.push_back(event.at - t.registered_at);
      } else if (t.ready) {
        registration_durations.push_back(event.at - t.ready_at);
      }
      break;
    }
    default:  // usable, create failed, deleted, and kinds added later: nothing to time
      break;
  }
}

std::map<std::int64_t, std::int64_t> LifecycleRecorder::time_at_level(const std::string& region_id,
                                                                      sim::SimTime end) const {
  auto it = occupancy_.find(region_id);
  if (it == occupancy_.end()) return {{0, end.since_start().ticks()}};
  std::map<std::int64_t, std::int64_t> out = it->second.ticks_at_level;
  out[it->second.current] += (end - it->second.last_change).ticks();
  return out;
}

double time_average_level(const std::map<std::int64_t, std::int64_t>& ticks_at_level) {
  double weighted = 0, total = 0;
  for (const auto& [level, ticks] : ticks_at_level) {
    weighted += static_cast<double>(level) * static_cast<double>(ticks);
    total += static_cast<double>(ticks);
  }
  return total > 0 ? weighted / total : 0.0;
}

RunMetrics compute_run_metrics(const models::CallLog& log, const LifecycleRecorder& recorder,
                               const models::World& world, sim::SimTime end) {
  RunMetrics out;
  const RunStatistics stats = collect_statistics(log);
  for (const auto& [action, a] : stats.actions) {
    const std::string p = "action." + action;
    add_count(out, p + ".calls", static_cast<double>(a.total()));
    add_count(out, p + ".ok", static_cast<double>(a.ok));
    add_count(out, p + ".error", static_cast<double>(a.error));
    add_count(out, p + ".skipped", static_cast<double>(a.skipped));
    add_value(out, p + ".throughput_ok_per_h", per_hour(static_cast<double>(a.ok), end));
    add_distribution(out, p + ".api_s", a.api_latencies.values());
    add_distribution(out, p + ".to_status_s", a.to_status());
    if (!a.snapshots_phase.empty()) add_distribution(out, p + ".phase.snapshots_s", a.snapshots_phase.values());
    if (!a.registration_phase.empty()) add_distribution(out, p + ".phase.registration_s", a.registration_phase.values());
  }
  for (const auto& [action, a] : stats.actions) {
    for (const auto& [code, count] : a.error_codes) {
      auto http = a.error_http.find(code);
      const int status = http == a.error_http.end() ? 0 : http->second;
      add_count(out, "error." + action + "." + code + ".http_" + std::to_string(status), static_cast<double>(count));
    }
  }
  add_count(out, "snapshot.started", static_cast<double>(recorder.started));
  add_count(out, "snapshot.accomplished", static_cast<double>(recorder.accomplished));
  add_count(out, "snapshot.failed", static_cast<double>(recorder.failed));
  add_value(out, "snapshot.throughput_per_h", per_hour(static_cast<double>(recorder.accomplished), end));
  add_distribution(out, "snapshot.setup_s", recorder.setup_durations);
  add_distribution(out, "snapshot.transfer_s", recorder.transfer_durations);
  add_distribution(out, "snapshot.total_s", recorder.total_durations);
  add_distribution(out, "image.registration_s", recorder.registration_durations);
  add_distribution(out, "image.check_s", recorder.check_durations);
  add_distribution(out, "image.copy_queue_s", recorder.copy_queue_durations);
  // Copies that found every slot busy: with image.copy_queue_s.count, P(wait > 0) (Erlang C).
  add_count(out, "image.copy_queued",
            static_cast<double>(std::count_if(recorder.copy_queue_durations.begin(), recorder.copy_queue_durations.end(),
                                              [](sim::SimDuration d) { return d > sim::SimDuration::zero(); })));
  add_distribution(out, "image.copy_transfer_s", recorder.copy_transfer_durations);
  add_distribution(out, "image.copy_build_s", recorder.copy_build_durations);

  double total_area_s = 0;  // integral over [0, end] of all jobs in progress, in job-seconds
  for (const auto& [region_id, region] : world.regions()) {
    const auto levels = recorder.time_at_level(region_id, end);
    const double avg = time_average_level(levels);
    std::int64_t max = 0;
    auto occ = recorder.occupancy().find(region_id);
    if (occ != recorder.occupancy().end()) max = std::max(max, occ->second.max);
    const std::string p = "region." + region_id;
    add_value(out, p + ".snapshots_in_progress.time_avg", avg);
    add_value(out, p + ".snapshots_in_progress.max", static_cast<double>(max));
    const double quota = static_cast<double>(region.quota.unfinished_snapshots);
    if (quota > 0) {
      add_value(out, p + ".unfinished_quota_utilisation.time_avg", avg / quota);
      add_value(out, p + ".unfinished_quota_utilisation.max", static_cast<double>(max) / quota);
    }
    total_area_s += avg * end.since_start().seconds_f();
  }
  const double end_s = end.since_start().seconds_f();
  if (end_s > 0) {
    double sojourn_sum_s = 0;
    for (sim::SimDuration d : recorder.sojourn_durations) sojourn_sum_s += d.seconds_f();
    add_value(out, "littles_law.L", total_area_s / end_s);
    // lambda = ended / end, W = sojourn_sum / ended: lambda * W = sojourn_sum / end.
    add_value(out, "littles_law.lambda_W", sojourn_sum_s / end_s);
  }
  return out;
}

}  // namespace ecsim::analysis
