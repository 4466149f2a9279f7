// timeline.json is a Chrome trace-event document: processes are regions (and the network),
// threads are resources (one track per disk, snapshot, image and link), "X" slices never overlap
// on a track and cover exactly the time the resource was busy.

#include "analysis/timeline_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::analysis {
namespace {

// Two copies share the Hangzhou-Shanghai link (the Beijing one goes through Shanghai).
constexpr const char* kScenario = R"(
regions: {cn-hangzhou: {}, cn-shanghai: {}, cn-beijing: {}}
network:
  links:
    - {between: [cn-hangzhou, cn-shanghai], bandwidth: 40MiB/s, latency: 5ms}
    - {between: [cn-shanghai, cn-beijing], bandwidth: 40MiB/s, latency: 5ms}
instances:
  - InstanceId: i-web
    RegionId: cn-hangzhou
    Status: Running
    Disks:
      - {DiskId: d-sys, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}
      - {DiskId: d-data, Type: data, Category: cloud_efficiency, Size: 100GiB, Used: 30GiB}
workload:
  - {at: 0s, name: golden, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-web, ImageName: golden}
  - {at: 3h, name: sh, Action: CopyImage, RegionId: cn-hangzhou, ImageId: '${golden.ImageId}', DestinationRegionId: cn-shanghai}
  - {at: 3h, name: bj, Action: CopyImage, RegionId: cn-hangzhou, ImageId: '${golden.ImageId}', DestinationRegionId: cn-beijing}
)";

struct Timeline {
  models::ParsedScenario parsed;
  std::unique_ptr<models::Simulation> sim;
  std::unique_ptr<EventTraceRecorder> recorder;
  std::string text;
  nlohmann::json doc;
  std::map<int, std::string> thread_names;             // tid -> "image m-..."
  std::map<int, std::vector<nlohmann::json>> slices;   // tid -> X events in file order
};

std::unique_ptr<Timeline> timeline(std::uint64_t seed = 9) {
  auto t = std::make_unique<Timeline>();
  t->parsed = models::parse_scenario_text(kScenario, "timeline.yaml");
  for (const auto& e : t->parsed.errors) ADD_FAILURE() << e.to_string();
  t->sim = std::make_unique<models::Simulation>(t->parsed.spec, seed);
  t->recorder = std::make_unique<EventTraceRecorder>(*t->sim, t->parsed.spec.faults);
  t->sim->run();
  t->text = render_timeline_json(*t->recorder);
  t->doc = nlohmann::json::parse(t->text);
  for (const auto& e : t->doc["traceEvents"]) {
    if (e["ph"] == "M" && e["name"] == "thread_name") t->thread_names[e["tid"].get<int>()] = e["args"]["name"];
    if (e["ph"] == "X") t->slices[e["tid"].get<int>()].push_back(e);
  }
  return t;
}

std::int64_t busy_us(const Timeline& t, const std::string& thread) {
  for (const auto& [tid, name] : t.thread_names) {
    if (name != thread) continue;
    std::int64_t sum = 0;
    for (const auto& s : t.slices.at(tid)) sum += s["dur"].get<std::int64_t>();
    return sum;
  }
  ADD_FAILURE() << "no track " << thread;
  return -1;
}

std::int64_t us(sim::SimTime t) { return t.since_start().ticks(); }

TEST(Timeline, IsATraceEventDocumentOfCompleteAndMetadataEvents) {
  const auto t = timeline();
  ASSERT_TRUE(t->doc.is_object());
  ASSERT_TRUE(t->doc["traceEvents"].is_array());
  for (const auto& e : t->doc["traceEvents"]) {
    ASSERT_TRUE(e["ph"] == "X" || e["ph"] == "M") << e.dump();
    EXPECT_TRUE(e["pid"].is_number_integer()) << e.dump();
    EXPECT_TRUE(e["tid"].is_number_integer()) << e.dump();
    if (e["ph"] == "X") {
      EXPECT_TRUE(e["ts"].is_number_integer()) << e.dump();
      EXPECT_GT(e["dur"].get<std::int64_t>(), 0) << e.dump();
      EXPECT_TRUE(e["name"].is_string());
    }
  }
}

TEST(Timeline, ProcessesAreTheRegionsAndTheNetwork) {
  const auto t = timeline();
  std::set<std::string> processes;
  for (const auto& e : t->doc["traceEvents"]) {
    if (e["ph"] == "M" && e["name"] == "process_name") processes.insert(e["args"]["name"].get<std::string>());
  }
  EXPECT_EQ(processes, (std::set<std::string>{"cn-beijing", "cn-hangzhou", "cn-shanghai", "network"}));
}

TEST(Timeline, EachResourceHasExactlyOneTrack) {
  const auto t = timeline();
  const models::World& w = t->sim->world();
  std::multiset<std::string> names;
  for (const auto& [tid, name] : t->thread_names) names.insert(name);
  for (const auto& name : names) EXPECT_EQ(names.count(name), 1u) << name;
  EXPECT_EQ(names.count("disk d-sys"), 1u);
  EXPECT_EQ(names.count("disk d-data"), 1u);
  for (const models::Snapshot& s : w.snapshots()) {
    // Snapshots a copy makes in its destination were never taken there: no track of their own.
    if (s.source_disk != models::kNoIndex) {
      EXPECT_EQ(names.count("snapshot " + s.snapshot_id), 1u) << s.snapshot_id;
    }
  }
  for (const models::Image& i : w.images()) EXPECT_EQ(names.count("image " + i.image_id), 1u);
  EXPECT_EQ(names.count("link cn-hangzhou<->cn-shanghai"), 1u);
  EXPECT_EQ(names.count("link cn-shanghai<->cn-beijing"), 1u);
  // Every track has a slice, every slice a named track.
  for (const auto& [tid, slices] : t->slices) EXPECT_TRUE(t->thread_names.contains(tid)) << tid;
}

TEST(Timeline, SlicesOfATrackNeverOverlap) {
  const auto t = timeline();
  for (const auto& [tid, slices] : t->slices) {
    for (std::size_t k = 1; k < slices.size(); ++k) {
      EXPECT_GE(slices[k]["ts"].get<std::int64_t>(),
                slices[k - 1]["ts"].get<std::int64_t>() + slices[k - 1]["dur"].get<std::int64_t>())
          << t->thread_names[tid];
    }
  }
}

TEST(Timeline, AnImageTrackCoversItsCallToItsTerminalState) {
  const auto t = timeline();
  const models::CallRecord& golden = t->sim->log().records()[0];
  ASSERT_TRUE(golden.status_at.has_value());
  const std::string id = *golden.response_field("ImageId");
  EXPECT_EQ(busy_us(*t, "image " + id), us(*golden.status_at) - us(golden.at));
}

TEST(Timeline, ASnapshotTrackCoversItsJobAndItsDiskTrackTheSame) {
  const auto t = timeline();
  const models::World& w = t->sim->world();
  for (const models::Snapshot& s : w.snapshots()) {
    if (s.source_disk == models::kNoIndex) continue;
    std::int64_t done = -1;
    for (const auto& [tid, name] : t->thread_names) {
      if (name != "snapshot " + s.snapshot_id) continue;
      const auto& sl = t->slices.at(tid);
      done = sl.back()["ts"].get<std::int64_t>() + sl.back()["dur"].get<std::int64_t>();
    }
    ASSERT_GT(done, 0) << s.snapshot_id;
    EXPECT_EQ(busy_us(*t, "snapshot " + s.snapshot_id), done - us(s.started_at));
    EXPECT_EQ(busy_us(*t, "disk " + w.disk(s.source_disk).disk_id), done - us(s.started_at));
  }
}

TEST(Timeline, ASharedLinkIsBusyForTheUnionOfTheTransfersAndNamesTheOverlap) {
  const auto t = timeline();
  // Both copies start at 3h; the link carries them until the later transfer ends.
  const models::World& w = t->sim->world();
  std::int64_t last_transfer_end = 0;
  for (const auto& [tid, name] : t->thread_names) {
    if (name.rfind("image ", 0) != 0) continue;
    const auto img = w.find_image(name.substr(6));
    if (!img || w.image(*img).copied_from == models::kNoIndex) continue;
    for (const auto& s : t->slices.at(tid)) {
      if (s["name"] == "transfer") last_transfer_end = std::max(last_transfer_end, s["ts"].get<std::int64_t>() + s["dur"].get<std::int64_t>());
    }
  }
  EXPECT_EQ(busy_us(*t, "link cn-hangzhou<->cn-shanghai"), last_transfer_end - 3LL * 3600 * 1000000);
  bool named_overlap = false;
  for (const auto& [tid, name] : t->thread_names) {
    if (name != "link cn-hangzhou<->cn-shanghai") continue;
    for (const auto& s : t->slices.at(tid)) named_overlap = named_overlap || s["name"].get<std::string>().rfind("2 copies: m-", 0) == 0;
  }
  EXPECT_TRUE(named_overlap);
}

TEST(Timeline, TheSameScenarioAndSeedGiveTheSameBytes) { EXPECT_EQ(timeline()->text, timeline()->text); }

}  // namespace
}  // namespace ecsim::analysis
