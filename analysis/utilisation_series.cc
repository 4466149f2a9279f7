#include "analysis/utilisation_series.h"

#include <algorithm>
#include <array>

#include "analysis/json_writer.h"
#include "sim/assert.h"

namespace ecsim::analysis {
namespace {

using Kind = models::LifecycleEvent::Kind;

constexpr const char* kUnfinished = "unfinished_snapshots";
constexpr const char* kTransfers = "snapshot_transfers";
constexpr const char* kCreating = "images_creating";
constexpr const char* kCopySlots = "copy_slots";
constexpr const char* kCopyQueue = "copy_queue";

using Span = std::pair<sim::SimTime, sim::SimTime>;

// The rows of `series` over consecutive spans covering [0, end]; the last span is closed.
std::vector<LevelRow> rows_over(const LevelSeries& series, const std::vector<Span>& spans) {
  std::vector<LevelRow> out;
  out.reserve(spans.size());
  std::size_t next = 0;
  std::int64_t level = 0;
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const auto [start, end] = spans[k];
    const bool last = k + 1 == spans.size();
    sim::SimTime cur = start;
    double area = 0;  // level x ticks
    bool seen = false;
    std::int64_t max = 0;
    auto see = [&](std::int64_t v) {
      if (!seen || v > max) max = v;
      seen = true;
    };
    while (next < series.changes.size() &&
           (series.changes[next].first < end || (last && series.changes[next].first <= end))) {
      const auto [at, after] = series.changes[next];
      if (at > cur) {
        area += static_cast<double>(level) * static_cast<double>((at - cur).ticks());
        see(level);
        cur = at;
      }
      level = after;
      see(after);
      ++next;
    }
    if (end > cur) {
      area += static_cast<double>(level) * static_cast<double>((end - cur).ticks());
      see(level);
    }
    if (!seen) see(level);
    const double length = static_cast<double>((end - start).ticks());
    out.push_back(LevelRow{start, end, length > 0 ? area / length : static_cast<double>(level), max});
  }
  return out;
}

std::vector<Span> grid(sim::SimTime end, sim::SimDuration interval) {
  ECSIM_ASSERT(interval > sim::SimDuration::zero());
  std::vector<Span> spans;
  for (sim::SimTime s = sim::SimTime::zero(); s < end; s = s + interval) {
    spans.emplace_back(s, std::min(end, s + interval));
  }
  return spans;
}

void append_number(std::string& out, double value) { append_json_number(out, value); }

}  // namespace

UtilisationRecorder::Flags& UtilisationRecorder::snapshot_flags(std::uint32_t index) {
  if (snapshots_.size() <= index) snapshots_.resize(static_cast<std::size_t>(index) + 1);
  return snapshots_[index];
}

UtilisationRecorder::Flags& UtilisationRecorder::image_flags(std::uint32_t index) {
  if (images_.size() <= index) images_.resize(static_cast<std::size_t>(index) + 1);
  return images_[index];
}

void UtilisationRecorder::change(const std::string& region, const char* resource, sim::SimTime at,
                                 std::int64_t delta) {
  auto it = levels_.find({region, resource});
  if (it == levels_.end()) {
    LevelSeries s;
    s.region = region;
    s.resource = resource;
    it = levels_.emplace(std::make_pair(region, std::string(resource)), std::move(s)).first;
  }
  LevelSeries& s = it->second;
  const std::int64_t before = s.changes.empty() ? 0 : s.changes.back().second;
  s.changes.emplace_back(at, before + delta);
}

void UtilisationRecorder::complete(const std::string& region, const char* event, sim::SimTime at) {
  auto it = completions_.find({region, event});
  if (it == completions_.end()) {
    CompletionSeries c;
    c.region = region;
    c.event = event;
    it = completions_.emplace(std::make_pair(region, std::string(event)), std::move(c)).first;
  }
  it->second.at.push_back(at);
}

void UtilisationRecorder::on_lifecycle(const models::LifecycleEvent& event) {
  switch (event.kind) {
    case Kind::kSnapshotStarted: {
      snapshot_flags(event.index).in_progress = true;
      change(world_.snapshot(event.index).region_id, kUnfinished, event.at, +1);
      break;
    }
    case Kind::kSnapshotTransferStarted: {
      snapshot_flags(event.index).transferring = true;
      change(world_.snapshot(event.index).region_id, kTransfers, event.at, +1);
      break;
    }
    case Kind::kSnapshotAccomplished:
    case Kind::kSnapshotFailed:
    case Kind::kSnapshotDeleted: {
      Flags& f = snapshot_flags(event.index);
      const std::string& region = world_.snapshot(event.index).region_id;
      if (f.transferring) change(region, kTransfers, event.at, -1);
      f.transferring = false;
      if (!f.in_progress) break;  // a pre-existing or finished snapshot
      f.in_progress = false;
      change(region, kUnfinished, event.at, -1);
      if (event.kind == Kind::kSnapshotAccomplished) complete(region, "snapshots_accomplished", event.at);
      if (event.kind == Kind::kSnapshotFailed) complete(region, "snapshots_failed", event.at);
      break;
    }
    case Kind::kImageCreating: {
      const models::Image& image = world_.image(event.index);
      if (image.copied_from != models::kNoIndex) break;
      image_flags(event.index).creating = true;
      change(image.region_id, kCreating, event.at, +1);
      break;
    }
    case Kind::kImageCopyStarted: {
      const models::Image& image = world_.image(event.index);
      Flags& f = image_flags(event.index);
      f.copy_running = true;
      f.copy_started = true;
      change(image.region_id, kCopySlots, event.at, +1);
      if (event.at > image.created_at) copy_waits_.push_back({image.region_id, {image.created_at, event.at}});
      break;
    }
    case Kind::kImageAvailable:
    case Kind::kImageCreateFailed:
    case Kind::kImageDeleted: {
      const models::Image& image = world_.image(event.index);
      Flags& f = image_flags(event.index);
      const bool available = event.kind == Kind::kImageAvailable;
      if (f.copy_running) {
        f.copy_running = false;
        change(image.region_id, kCopySlots, event.at, -1);
        if (available) complete(image.region_id, "copies_available", event.at);
      } else if (f.creating) {
        f.creating = false;
        change(image.region_id, kCreating, event.at, -1);
        if (available) complete(image.region_id, "images_available", event.at);
        if (event.kind == Kind::kImageCreateFailed) complete(image.region_id, "images_create_failed", event.at);
      } else if (event.kind == Kind::kImageDeleted && image.copied_from != models::kNoIndex && !f.copy_started &&
                 event.at > image.created_at) {
        // A copy cancelled while Waiting leaves the queue now.
        copy_waits_.push_back({image.region_id, {image.created_at, event.at}});
      }
      break;
    }
    default:  // usable, snapshots ready, registered, transferred, and kinds added later
      break;
  }
}

UtilisationSeries UtilisationRecorder::finish(sim::SimTime end) const {
  UtilisationSeries out;
  out.end = end;
  std::map<std::pair<std::string, std::string>, LevelSeries> levels = levels_;

  // The copy queue from the waits: copies still Waiting at the end leave at `end`.
  std::vector<std::pair<std::string, std::pair<sim::SimTime, sim::SimTime>>> waits = copy_waits_;
  for (std::size_t i = 0; i < world_.images().size(); ++i) {
    const models::Image& image = world_.images()[i];
    if (image.copied_from == models::kNoIndex || image.status != models::ImageStatus::kWaiting) continue;
    if (end > image.created_at) waits.push_back({image.region_id, {image.created_at, end}});
  }
  std::map<std::string, std::vector<std::pair<sim::SimTime, std::int64_t>>> deltas;  // by region
  for (const auto& [region, wait] : waits) {
    deltas[region].emplace_back(wait.first, +1);
    deltas[region].emplace_back(wait.second, -1);
  }
  for (auto& [region, d] : deltas) {
    std::sort(d.begin(), d.end());  // by time; at equal times -1 (leaving) before +1
    LevelSeries s;
    s.region = region;
    s.resource = kCopyQueue;
    std::int64_t level = 0;
    for (const auto& [at, delta] : d) s.changes.emplace_back(at, level += delta);
    levels.emplace(std::make_pair(region, std::string(kCopyQueue)), std::move(s));
  }

  for (auto& [key, s] : levels) {
    auto region = world_.regions().find(s.region);
    if (region != world_.regions().end()) {
      if (s.resource == kUnfinished) s.limit = region->second.quota.unfinished_snapshots;
      if (s.resource == kCopySlots) s.limit = region->second.copy_slots;
    }
    out.levels.push_back(std::move(s));
  }
  for (const auto& [key, c] : completions_) out.completions.push_back(c);
  return out;
}

std::vector<LevelRow> level_rows_every(const LevelSeries& series, sim::SimTime end, sim::SimDuration interval) {
  return rows_over(series, grid(end, interval));
}

std::vector<LevelRow> level_rows_at_changes(const LevelSeries& series, sim::SimTime end) {
  std::vector<sim::SimTime> bounds{sim::SimTime::zero()};
  for (const auto& [at, level] : series.changes) {
    if (at > bounds.back() && at < end) bounds.push_back(at);
  }
  std::vector<Span> spans;
  if (end > sim::SimTime::zero()) {
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      spans.emplace_back(bounds[i], i + 1 < bounds.size() ? bounds[i + 1] : end);
    }
  }
  return rows_over(series, spans);
}

sim::SimDuration auto_sample_interval(sim::SimTime end) {
  using D = sim::SimDuration;
  const std::array<D, 11> steps = {D::minutes(1), D::minutes(5),  D::minutes(10), D::minutes(15),
                                   D::minutes(30), D::hours(1),    D::hours(2),    D::hours(6),
                                   D::hours(12),   D::hours(24),   D::hours(24 * 7)};
  constexpr std::int64_t kMaxIntervals = 2000;
  for (const D step : steps) {
    if ((end.ticks() + step.ticks() - 1) / step.ticks() <= kMaxIntervals) return step;
  }
  return D::hours(24 * 30);
}

std::string render_utilisation_csv(const UtilisationSeries& series, std::optional<sim::SimDuration> interval) {
  std::string out = "start_us,end_us,region,resource,limit,mean,max,mean_fraction,max_fraction\n";
  for (const LevelSeries& s : series.levels) {
    const std::vector<LevelRow> rows =
        interval ? level_rows_every(s, series.end, *interval) : level_rows_at_changes(s, series.end);
    const bool has_limit = s.limit && *s.limit > 0;
    for (const LevelRow& r : rows) {
      out += std::to_string(r.start.ticks()) + "," + std::to_string(r.end.ticks()) + "," + s.region + "," + s.resource + ",";
      if (s.limit) out += std::to_string(*s.limit);
      out += ",";
      append_number(out, r.mean);
      out += "," + std::to_string(r.max) + ",";
      if (has_limit) append_number(out, r.mean / static_cast<double>(*s.limit));
      out += ",";
      if (has_limit) append_number(out, static_cast<double>(r.max) / static_cast<double>(*s.limit));
      out += "\n";
    }
  }
  return out;
}

std::string render_throughput_csv(const UtilisationSeries& series, sim::SimDuration interval) {
  std::string out = "start_us,end_us,region,event,count\n";
  const std::vector<Span> spans = grid(series.end, interval);
  for (const CompletionSeries& c : series.completions) {
    std::size_t next = 0;
    for (std::size_t k = 0; k < spans.size(); ++k) {
      const bool last = k + 1 == spans.size();
      std::int64_t count = 0;
      while (next < c.at.size() && (c.at[next] < spans[k].second || (last && c.at[next] <= spans[k].second))) {
        ++count;
        ++next;
      }
      out += std::to_string(spans[k].first.ticks()) + "," + std::to_string(spans[k].second.ticks()) + "," + c.region +
             "," + c.event + "," + std::to_string(count) + "\n";
    }
  }
  return out;
}

}  // namespace ecsim::analysis
