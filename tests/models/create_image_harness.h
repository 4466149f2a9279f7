#pragma once
// Test support for the models: a small world from a scenario text (parse_scenario_text), a list of
// CreateImage calls given as wire parameters (no YAML quoting in the way of boundary values),
// and a Simulation that runs them. Calls go through the workload driver to CreateImageHandler,
// exactly as in a scenario run.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"
#include "models/size.h"

namespace ecsim::models::testing {

// One region (cn-hangzhou) plus cn-beijing, whose empty data disks are basic disks; a running
// instance with an ESSD system disk and an ultra data disk; a system-disk and a data-disk snapshot.
inline constexpr std::string_view kWorld = R"(
regions:
  cn-hangzhou: {}
  cn-beijing: {empty_disk_category: cloud}
instances:
  - InstanceId: i-web
    RegionId: cn-hangzhou
    Status: Running
    Disks:
      - {DiskId: d-sys, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}
      - {DiskId: d-data, Type: data, Category: cloud_efficiency, Size: 100GiB, Used: 20GiB}
snapshots:
  - {SnapshotId: s-sys, RegionId: cn-hangzhou, SourceDiskType: system, Size: 40GiB, CreationTime: 2025-12-01T00:00:00Z}
  - {SnapshotId: s-data, RegionId: cn-hangzhou, SourceDiskType: data, Size: 100GiB, CreationTime: 2025-12-01T00:00:00Z}
  - {SnapshotId: s-bj, RegionId: cn-beijing, SourceDiskType: system, Size: 40GiB, CreationTime: 2025-12-01T00:00:00Z}
)";

using Params = std::map<std::string, std::string>;

struct Call {
  double at_s = 0;
  Params params;  // wire form: "ImageName", "DiskDeviceMapping.1.SnapshotId", "Tag.1.Key", ...
  std::optional<std::string> name;
};

// Parses a world; the test fails if the text is not a valid scenario.
inline ScenarioSpec parse_world(std::string_view yaml) {
  ParsedScenario parsed = parse_scenario_text(yaml, "test.yaml");
  for (const auto& e : parsed.errors) ADD_FAILURE() << e.to_string();
  return std::move(parsed.spec);
}

// Adds the calls to the world's workload (Action CreateImage; RegionId cn-hangzhou unless the
// params say otherwise, "" meaning absent) and runs the simulation to its end.
inline std::unique_ptr<Simulation> simulate(ScenarioSpec spec, const std::vector<Call>& calls, std::uint64_t seed = 7) {
  for (const Call& c : calls) {
    WorkloadCallSpec w;
    w.at = sim::SimTime::zero() + sim::SimDuration::from_seconds_rounded(c.at_s);
    w.name = c.name;
    w.request.action = "CreateImage";
    w.request.params["RegionId"] = "cn-hangzhou";
    for (const auto& [k, v] : c.params) w.request.params[k] = v;
    spec.workload.push_back(std::move(w));
  }
  auto simulation = std::make_unique<Simulation>(spec, seed);
  const sim::RunStop stop = simulation->run();
  EXPECT_NE(stop, sim::RunStop::kHitEventLimit);
  return simulation;
}

inline std::unique_ptr<Simulation> simulate(std::string_view yaml, const std::vector<Call>& calls, std::uint64_t seed = 7) {
  return simulate(parse_world(yaml), calls, seed);
}

// "ok", or "Code/HTTP" for an error, or "skipped".
inline std::string outcome(const CallRecord& r) {
  switch (r.outcome) {
    case Outcome::kOk: return "ok";
    case Outcome::kError: return r.code + "/" + std::to_string(r.http_status);
    case Outcome::kSkipped: return "skipped";
    case Outcome::kPending: return "pending";
  }
  return "?";
}

// The outcome of one CreateImage call with these parameters on kWorld (or another world).
inline std::string create_image(const Params& params, std::string_view world = kWorld) {
  auto s = simulate(world, {Call{0, params, std::nullopt}});
  return outcome(s->log().records().at(0));
}

// The same call from s-sys, with `extra` parameters added: for the rules of a single parameter.
inline std::string from_snapshot_with(const Params& extra) {
  Params p{{"SnapshotId", "s-sys"}};
  for (const auto& [k, v] : extra) p[k] = v;
  return create_image(p);
}

// n copies of a character (ASCII) or of a UTF-8 sequence.
inline std::string repeat(std::string_view unit, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

// The image a successful call created.
inline const Image& image_of(const Simulation& s, std::size_t call) {
  const CallRecord& r = s.log().records().at(call);
  EXPECT_TRUE(r.tracked.has_value());
  return s.world().image(r.tracked->index);
}

inline constexpr const char* kOk = "ok";

}  // namespace ecsim::models::testing
