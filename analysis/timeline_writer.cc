#include "analysis/timeline_writer.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "analysis/json_writer.h"
#include "sim/assert.h"

namespace ecsim::analysis {
namespace {

using Kind = models::LifecycleEvent::Kind;

enum TrackKind { kDisk = 0, kSnapshot = 1, kImage = 2, kLink = 3 };
const char* kind_name(int k) {
  static const char* const kNames[] = {"disk", "snapshot", "image", "link"};
  return kNames[k];
}

struct Interval {
  sim::SimTime start, end;
  std::string name;
};

// (process: 0 region / 1 network, region, kind, resource sort key): the track order.
using TrackKey = std::tuple<int, std::string, int, std::string>;

struct Track {
  std::string title;  // "snapshot s-..."
  std::string resource;
  std::vector<Interval> intervals;
};

// Non-overlapping slices covering the union of the intervals; an overlap is one slice named
// after every interval in it (in start order).
std::vector<Interval> slices_of(std::vector<Interval> intervals) {
  std::erase_if(intervals, [](const Interval& i) { return i.end <= i.start; });
  std::stable_sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::vector<sim::SimTime> points;
  for (const Interval& i : intervals) {
    points.push_back(i.start);
    points.push_back(i.end);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::vector<Interval> out;
  std::vector<std::size_t> active;  // indices into intervals, in start order
  std::size_t next = 0;
  for (std::size_t p = 0; p + 1 < points.size(); ++p) {
    const sim::SimTime from = points[p], to = points[p + 1];
    std::erase_if(active, [&](std::size_t k) { return intervals[k].end <= from; });
    for (; next < intervals.size() && intervals[next].start <= from; ++next) active.push_back(next);
    if (active.empty()) continue;
    std::string name;
    if (active.size() == 1) {
      name = intervals[active.front()].name;
    } else {
      // "2 copies: m-a, m-b": the common word of the names, then their resources.
      const std::string& first = intervals[active.front()].name;
      const std::size_t space = first.find(' ');
      std::string word = space == std::string::npos ? first : first.substr(0, space);
      if (word.ends_with('y')) word.replace(word.size() - 1, 1, "ie");  // copy -> copies
      name = std::to_string(active.size()) + " " + word + "s:";
      for (std::size_t k = 0; k < active.size(); ++k) {
        const std::string& n = intervals[active[k]].name;
        name += (k == 0 ? " " : ", ") + (space == std::string::npos ? n : n.substr(n.find(' ') + 1));
      }
    }
    out.push_back({from, to, std::move(name)});
  }
  return out;
}

class TimelineBuilder {
 public:
  explicit TimelineBuilder(const EventTraceRecorder& recorder)
      : sim_(recorder.simulation()), world_(sim_.world()), end_(sim_.scheduler().now()) {
    for (const EventTraceRecorder::Entry& e : recorder.entries()) {
      if (is_snapshot_event(e.kind)) on_snapshot(e);
      else on_image(e);
    }
    // Copy targets that never started before the end were waiting all along.
    for (std::uint32_t i = 0; i < world_.images().size(); ++i) {
      const models::Image& img = world_.image(i);
      if (img.copied_from != models::kNoIndex && !image_open_.contains(i) && !image_seen_.contains(i) &&
          img.status == models::ImageStatus::kWaiting) {
        image_track(i).intervals.push_back({img.created_at, end_, "waiting"});
      }
    }
    for (auto& [index, open] : snapshot_open_) close_snapshot(index, end_);
    for (auto& [index, open] : image_open_) image_track(index).intervals.push_back({open.first, end_, open.second});
    for (auto& [key, open] : link_open_) link_track(key.first).intervals.push_back({open, end_, "copy " + world_.image(key.second).image_id});
  }

  std::string render() const {
    // Processes in track order, numbered from 1.
    std::map<std::pair<int, std::string>, int> pid;
    for (const auto& [key, track] : tracks_) pid.emplace(std::make_pair(std::get<0>(key), std::get<1>(key)), 0);
    int n = 0;
    for (auto& [k, v] : pid) v = ++n;

    std::vector<std::string> events;
    auto add = [&events](JsonWriter& w) { events.push_back(w.take()); };
    for (const auto& [k, p] : pid) {
      JsonWriter w;
      w.begin_object().key("name").string("process_name").key("ph").string("M").key("pid").integer(p).key("tid").integer(0);
      w.key("args").begin_object().key("name").string(k.first == 0 ? k.second : "network").end_object().end_object();
      add(w);
      JsonWriter s;
      s.begin_object().key("name").string("process_sort_index").key("ph").string("M").key("pid").integer(p).key("tid").integer(0);
      s.key("args").begin_object().key("sort_index").integer(p).end_object().end_object();
      add(s);
    }
    int tid = 0;
    for (const auto& [key, track] : tracks_) {
      ++tid;
      const int p = pid.at({std::get<0>(key), std::get<1>(key)});
      JsonWriter w;
      w.begin_object().key("name").string("thread_name").key("ph").string("M").key("pid").integer(p).key("tid").integer(tid);
      w.key("args").begin_object().key("name").string(track.title).end_object().end_object();
      add(w);
      JsonWriter s;
      s.begin_object().key("name").string("thread_sort_index").key("ph").string("M").key("pid").integer(p).key("tid").integer(tid);
      s.key("args").begin_object().key("sort_index").integer(tid).end_object().end_object();
      add(s);
    }
    tid = 0;
    for (const auto& [key, track] : tracks_) {
      ++tid;
      const int p = pid.at({std::get<0>(key), std::get<1>(key)});
      for (const Interval& slice : slices_of(track.intervals)) {
        JsonWriter w;
        w.begin_object().key("name").string(slice.name).key("cat").string(kind_name(std::get<2>(key)));
        w.key("ph").string("X").key("ts").integer(slice.start.since_start().ticks());
        w.key("dur").integer((slice.end - slice.start).ticks()).key("pid").integer(p).key("tid").integer(tid);
        w.key("args").begin_object().key("resource").string(track.resource).end_object().end_object();
        add(w);
      }
    }
    std::string out = "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n";
    for (std::size_t k = 0; k < events.size(); ++k) {
      out += events[k];
      out += k + 1 < events.size() ? ",\n" : "\n";
    }
    out += "]}\n";
    return out;
  }

 private:
  Track& track(TrackKey key, std::string title, std::string resource) {
    auto [it, added] = tracks_.try_emplace(std::move(key));
    if (added) {
      it->second.title = std::move(title);
      it->second.resource = std::move(resource);
    }
    return it->second;
  }
  Track& snapshot_track(std::uint32_t s) {
    const models::Snapshot& snap = world_.snapshot(s);
    return track({0, snap.region_id, kSnapshot, snap.snapshot_id.str()}, "snapshot " + snap.snapshot_id, snap.snapshot_id.str());
  }
  Track& image_track(std::uint32_t i) {
    const models::Image& img = world_.image(i);
    return track({0, img.region_id, kImage, img.image_id.str()}, "image " + img.image_id, img.image_id.str());
  }
  Track& link_track(std::uint32_t l) {
    const models::RegionLinkSpec& link = sim_.copy_service().network().links()[l];
    const std::string name = link.a + "<->" + link.b;
    // Zero-padded index: links sort in declaration order, like the network's edges.
    std::string order = std::to_string(l);
    order.insert(0, 8 - std::min<std::size_t>(8, order.size()), '0');
    return track({1, "", kLink, order}, "link " + name, name);
  }

  void close_snapshot(std::uint32_t s, sim::SimTime at) {
    auto it = snapshot_open_.find(s);
    if (it == snapshot_open_.end()) return;
    const auto& [phase_start, phase, job_start] = it->second;
    const models::Snapshot& snap = world_.snapshot(s);
    snapshot_track(s).intervals.push_back({phase_start, at, phase});
    if (snap.source_disk != models::kNoIndex) {
      const models::Disk& disk = world_.disk(snap.source_disk);
      track({0, disk.region_id, kDisk, disk.disk_id}, "disk " + disk.disk_id, disk.disk_id)
          .intervals.push_back({job_start, at, "snapshot " + snap.snapshot_id});
    }
  }

  void on_snapshot(const EventTraceRecorder::Entry& e) {
    switch (e.kind) {
      case Kind::kSnapshotStarted:
        snapshot_open_[e.index] = {e.at, "setup", e.at};
        break;
      case Kind::kSnapshotTransferStarted: {
        auto it = snapshot_open_.find(e.index);
        if (it == snapshot_open_.end()) break;
        auto& [phase_start, phase, job_start] = it->second;
        snapshot_track(e.index).intervals.push_back({phase_start, e.at, phase});
        phase_start = e.at;
        phase = "transfer";
        break;
      }
      case Kind::kSnapshotAccomplished:
      case Kind::kSnapshotFailed:
      case Kind::kSnapshotDeleted:
        close_snapshot(e.index, e.at);
        snapshot_open_.erase(e.index);
        break;
      default:
        break;  // usable early (instant access): no change of phase
    }
  }

  void open_image(std::uint32_t i, sim::SimTime at, std::string phase) {
    close_image(i, at);
    image_open_[i] = {at, std::move(phase)};
  }
  void close_image(std::uint32_t i, sim::SimTime at) {
    auto it = image_open_.find(i);
    if (it == image_open_.end()) return;
    image_track(i).intervals.push_back({it->second.first, at, it->second.second});
    image_open_.erase(it);
  }
  void close_links(std::uint32_t i, sim::SimTime at) {
    for (auto it = link_open_.begin(); it != link_open_.end();) {
      if (it->first.second == i) {
        link_track(it->first.first).intervals.push_back({it->second, at, "copy " + world_.image(i).image_id});
        it = link_open_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void on_image(const EventTraceRecorder::Entry& e) {
    const std::uint32_t i = e.index;
    const models::Image& img = world_.image(i);
    const bool first = image_seen_.insert(i).second;
    switch (e.kind) {
      case Kind::kImageCreating: open_image(i, e.at, "snapshots"); break;
      case Kind::kImageSnapshotsReady: open_image(i, e.at, "registration"); break;
      case Kind::kImageRegistered: open_image(i, e.at, "check"); break;
      case Kind::kImageCopyStarted: {
        if (img.created_at < e.at) image_track(i).intervals.push_back({img.created_at, e.at, "waiting"});
        open_image(i, e.at, "transfer");
        const models::Image& source = world_.image(img.copied_from);
        if (auto path = sim_.copy_service().network().best_path(source.region_id, img.region_id)) {
          for (std::uint32_t l : path->links) link_open_[{l, i}] = e.at;
        }
        break;
      }
      case Kind::kImageCopyTransferred:
        close_links(i, e.at);
        open_image(i, e.at, "build");
        break;
      case Kind::kImageAvailable:
      case Kind::kImageCreateFailed:
      case Kind::kImageDeleted:
        // A copy cancelled while waiting never started: it waited until now.
        if (first && img.copied_from != models::kNoIndex && img.created_at < e.at)
          image_track(i).intervals.push_back({img.created_at, e.at, "waiting"});
        close_links(i, e.at);
        close_image(i, e.at);
        break;
      default:
        // Export, deprecation and whatever other image events come: an export is a phase of an
        // image that is otherwise done; the rest change no phase.
        if (std::string_view(models::to_string(e.kind)) == "image_export_started") open_image(i, e.at, "export");
        else if (std::string_view(models::to_string(e.kind)) == "image_export_finished") close_image(i, e.at);
        break;
    }
  }

  const models::Simulation& sim_;
  const models::World& world_;
  const sim::SimTime end_;
  std::map<TrackKey, Track> tracks_;
  // Open phases: snapshot -> (phase start, phase, job start); image -> (start, phase);
  // (link, image) -> transfer start.
  std::map<std::uint32_t, std::tuple<sim::SimTime, std::string, sim::SimTime>> snapshot_open_;
  std::map<std::uint32_t, std::pair<sim::SimTime, std::string>> image_open_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, sim::SimTime> link_open_;
  std::set<std::uint32_t> image_seen_;
};

}  // namespace

std::string render_timeline_json(const EventTraceRecorder& recorder) { return TimelineBuilder(recorder).render(); }

}  // namespace ecsim::analysis
