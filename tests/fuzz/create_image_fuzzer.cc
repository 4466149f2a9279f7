// Fuzzes CreateImage request validation: the input's lines are "Key=Value" wire parameters of a
// CreateImage request (Action fixed), replayed twice (at 0s and 1s, so ClientToken reuse is
// reached too) against a small fixed world: one region, a running instance with an ESSD system
// disk and a data disk, accomplished snapshots and an existing image. Every request must get
// exactly one answer, from the catalogue, without an assertion, and the run must keep the
// whole-run invariants. Dictionary: tests/fuzz/create_image.dict.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "models/invariants.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr std::string_view kWorld = R"(name: create-image-fuzz
seed: 7
start: 2026-01-01T00:00:00Z
regions:
  cn-hangzhou: {quota: {images: 3, unfinished_snapshots: 4, concurrent_snapshots_per_disk: 1}}
instances:
  - InstanceId: i-a
    RegionId: cn-hangzhou
    Status: Running
    Disks:
      - {DiskId: d-sys, Type: system, Category: cloud_essd, Size: 40GiB, Used: 2GiB}
      - {DiskId: d-data, Type: data, Category: cloud_efficiency, Size: 20GiB, Used: 1GiB}
  - InstanceId: i-stopped
    RegionId: cn-hangzhou
    Status: Stopped
    Disks:
      - {DiskId: d-stopped-sys, Type: system, Category: cloud_essd, Size: 40GiB, Used: 2GiB}
snapshots:
  - {SnapshotId: s-sys, SourceDiskType: system, SourceDiskCategory: cloud_essd, Size: 40GiB, CreationTime: 2025-12-31T02:00:00Z}
  - {SnapshotId: s-data, SourceDiskType: data, SourceDiskCategory: cloud_efficiency, Size: 20GiB, CreationTime: 2025-12-31T02:00:00Z}
)";

const ecsim::models::ScenarioSpec& world_spec() {
  static const ecsim::models::ScenarioSpec spec = [] {
    ecsim::models::ParsedScenario parsed = ecsim::models::parse_scenario_text(kWorld, "create_image_fuzz.yaml");
    FUZZ_CHECK(parsed.ok());
    return parsed.spec;
  }();
  return spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecsim;
  if (size > 4096) return 0;
  models::ApiRequest request;
  request.action = "CreateImage";
  std::string_view text(reinterpret_cast<const char*>(data), size);
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) request.params[std::string(line)] = "";
    else request.params[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }

  models::ScenarioSpec spec = world_spec();
  for (int k = 0; k < 2; ++k) {
    models::WorkloadCallSpec call;
    call.at = sim::SimTime::zero() + sim::SimDuration::seconds(k);
    call.request = request;
    spec.workload.push_back(call);
  }
  models::Simulation sim(spec, spec.seed);
  models::InvariantMonitor monitor(sim);
  const sim::RunStop stop = sim.run(100'000);
  FUZZ_CHECK(stop != sim::RunStop::kHitEventLimit);
  const auto violations = monitor.finish(stop);
  if (!violations.empty()) std::fputs(models::format_violations(violations).c_str(), stderr);
  FUZZ_CHECK(violations.empty());
  for (const models::CallRecord& r : sim.log().records()) {
    FUZZ_CHECK(r.outcome != models::Outcome::kPending);
    if (r.outcome == models::Outcome::kError) FUZZ_CHECK(r.http_status >= 400 && r.http_status < 600);
  }
  return 0;
}
