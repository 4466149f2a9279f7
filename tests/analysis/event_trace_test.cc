// events.jsonl: one JSON object per line for every call, every lifecycle event of a snapshot or
// an image, and every fault boundary, in the order they happened, with the same keys on every
// line. The recorder is an observer: the run's trajectory (its fingerprint) is the same with it.

#include "analysis/event_trace.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::analysis {
namespace {

constexpr const char* kScenario = R"(
regions: {cn-hangzhou: {}, cn-shanghai: {}}
instances:
  - InstanceId: i-web
    RegionId: cn-hangzhou
    Status: Running
    Disks:
      - {DiskId: d-sys, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}
      - {DiskId: d-data, Type: data, Category: cloud_essd, Size: 100GiB, Used: 20GiB}
faults:
  - {type: lock_instance, InstanceId: i-web, from: 3h, until: 4h}
  - {type: link_slowdown, between: [cn-hangzhou, cn-shanghai], factor: 0.5, from: 2h30m, until: 5h}
workload:
  - {at: 0s, name: golden, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-web, ImageName: golden}
  - {at: 2h, name: copy, Action: CopyImage, RegionId: cn-hangzhou, ImageId: '${golden.ImageId}', DestinationRegionId: cn-shanghai}
  - {at: 3h30m, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-web, ImageName: refused}
  - {at: 10h, Action: DeleteImage, RegionId: cn-shanghai, ImageId: '${copy.ImageId}'}
)";

struct Traced {
  models::ParsedScenario parsed;
  std::unique_ptr<models::Simulation> sim;
  std::unique_ptr<EventTraceRecorder> recorder;
  std::string text;
  std::vector<nlohmann::json> lines;
};

std::unique_ptr<Traced> traced_run(const std::string& scenario = kScenario, std::uint64_t seed = 3) {
  auto t = std::make_unique<Traced>();
  t->parsed = models::parse_scenario_text(scenario, "trace.yaml");
  for (const auto& e : t->parsed.errors) ADD_FAILURE() << e.to_string();
  t->sim = std::make_unique<models::Simulation>(t->parsed.spec, seed);
  t->recorder = std::make_unique<EventTraceRecorder>(*t->sim, t->parsed.spec.faults);
  t->sim->run();
  t->text = render_events_jsonl(*t->recorder);
  std::istringstream in(t->text);
  std::string line;
  while (std::getline(in, line)) t->lines.push_back(nlohmann::json::parse(line));
  return t;
}

std::vector<nlohmann::json> of_kind(const Traced& t, const std::string& kind) {
  std::vector<nlohmann::json> out;
  for (const auto& l : t.lines) {
    if (l["kind"] == kind) out.push_back(l);
  }
  return out;
}

TEST(EventTrace, RecordingDoesNotChangeTheTrajectory) {
  models::ParsedScenario p = models::parse_scenario_text(kScenario, "trace.yaml");
  ASSERT_TRUE(p.ok());
  models::Simulation plain(p.spec, 3);
  plain.run();
  const auto traced = traced_run();
  EXPECT_EQ(traced->sim->scheduler().fingerprint(), plain.scheduler().fingerprint());
}

TEST(EventTrace, EveryLineHasTheSameKeysInTheSameOrderFirst) {
  const auto t = traced_run();
  ASSERT_FALSE(t->lines.empty());
  std::istringstream in(t->text);
  std::string line;
  while (std::getline(in, line)) {
    EXPECT_EQ(line.rfind("{\"t_us\":", 0), 0u) << line;
    for (const char* key : {"\"t\":", "\"kind\":", "\"resource_type\":", "\"resource\":", "\"region\":", "\"from\":",
                            "\"to\":", "\"call\":"}) {
      EXPECT_NE(line.find(key), std::string::npos) << key << " missing in " << line;
    }
  }
}

TEST(EventTrace, LinesAreInTimeOrder) {
  const auto t = traced_run();
  std::int64_t last = 0;
  for (const auto& l : t->lines) {
    EXPECT_GE(l["t_us"].get<std::int64_t>(), last) << l.dump();
    last = l["t_us"].get<std::int64_t>();
  }
}

TEST(EventTrace, EachCallHasExactlyOneLineWithItsOutcome) {
  const auto t = traced_run();
  const auto calls = of_kind(*t, "call");
  ASSERT_EQ(calls.size(), t->sim->log().records().size());
  for (std::size_t k = 0; k < calls.size(); ++k) {
    EXPECT_EQ(calls[k]["call"], k);
    EXPECT_EQ(calls[k]["Action"], t->sim->log().records()[k].action);
  }
  EXPECT_EQ(calls[2]["outcome"], "error");
  EXPECT_EQ(calls[2]["code"], "InstanceLockedForSecurity");
}

TEST(EventTrace, TimeIsGivenInMicrosecondsAndAsAClockReading) {
  const auto t = traced_run();
  const auto calls = of_kind(*t, "call");
  EXPECT_EQ(calls[1]["t_us"], 2LL * 3600 * 1000000);
  EXPECT_EQ(calls[1]["t"], "02:00:00");
}

TEST(EventTrace, AnImageGoesFromCreatingToAvailableCausedByItsCall) {
  const auto t = traced_run();
  const auto created = of_kind(*t, "image_creating");
  ASSERT_FALSE(created.empty());
  EXPECT_EQ(created[0]["to"], "Creating");
  EXPECT_EQ(created[0]["call"], 0);
  EXPECT_EQ(created[0]["resource"], of_kind(*t, "call")[0]["resource"]);
  const auto available = of_kind(*t, "image_available");
  ASSERT_GE(available.size(), 1u);
  EXPECT_EQ(available[0]["from"], "Creating");
  EXPECT_EQ(available[0]["to"], "Available");
  EXPECT_EQ(available[0]["call"], 0);
}

TEST(EventTrace, SnapshotsOfTheImageAreTracedFromStartToAccomplished) {
  const auto t = traced_run();
  const auto started = of_kind(*t, "snapshot_started");
  const auto done = of_kind(*t, "snapshot_accomplished");
  ASSERT_EQ(started.size(), 2u);  // one per disk
  ASSERT_EQ(done.size(), 2u);
  EXPECT_TRUE(started[0]["from"].is_null());
  EXPECT_EQ(started[0]["to"], "progressing");
  EXPECT_EQ(done[0]["from"], "progressing");
  EXPECT_EQ(done[0]["to"], "accomplished");
  EXPECT_EQ(done[0]["call"], 0);
}

TEST(EventTrace, ACopyStartsFromWaitingAndItsDeletionIsCausedByTheDeleteCall) {
  const auto t = traced_run();
  const auto started = of_kind(*t, "image_copy_started");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0]["from"], "Waiting");
  EXPECT_EQ(started[0]["to"], "Creating");
  EXPECT_EQ(started[0]["call"], 1);
  const auto deleted = of_kind(*t, "image_deleted");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0]["from"], "Available");
  EXPECT_EQ(deleted[0]["to"], "Deleted");
  EXPECT_EQ(deleted[0]["call"], 3);
}

TEST(EventTrace, FaultBoundariesAreLinesAtTheirInstants) {
  const auto t = traced_run();
  const auto locked = of_kind(*t, "instance_locked");
  const auto unlocked = of_kind(*t, "instance_unlocked");
  ASSERT_EQ(locked.size(), 1u);
  ASSERT_EQ(unlocked.size(), 1u);
  EXPECT_EQ(locked[0]["t_us"], 3LL * 3600 * 1000000);
  EXPECT_EQ(locked[0]["resource"], "i-web");
  EXPECT_EQ(locked[0]["to"], "locked");
  EXPECT_EQ(unlocked[0]["t_us"], 4LL * 3600 * 1000000);
  const auto slow = of_kind(*t, "link_slowdown_started");
  ASSERT_EQ(slow.size(), 1u);
  EXPECT_EQ(slow[0]["resource"], "cn-hangzhou<->cn-shanghai");
  EXPECT_EQ(slow[0]["factor"], 0.5);
}

TEST(EventTrace, AtTheSameInstantACallComesBeforeAFaultBoundary) {
  const std::string scenario = std::string(kScenario) +
                               "  - {at: 3h, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-web}\n";
  const auto t = traced_run(scenario);
  std::size_t lock_line = 0, call_line = 0;
  for (std::size_t k = 0; k < t->lines.size(); ++k) {
    if (t->lines[k]["kind"] == "instance_locked") lock_line = k;
    if (t->lines[k]["kind"] == "call" && t->lines[k]["t_us"] == 3LL * 3600 * 1000000) call_line = k;
  }
  // As the kernel ran them: the call was answered before the lock was placed.
  EXPECT_LT(call_line, lock_line);
  EXPECT_TRUE(t->lines[call_line]["code"].is_null());
}

TEST(EventTrace, TheSameScenarioAndSeedGiveTheSameBytes) {
  EXPECT_EQ(traced_run()->text, traced_run()->text);
}

TEST(EventTrace, ADifferentSeedGivesADifferentTrace) {
  // Guards the test above: the trace does depend on the run.
  EXPECT_NE(traced_run(kScenario, 3)->text, traced_run(kScenario, 4)->text);
}

}  // namespace
}  // namespace ecsim::analysis
