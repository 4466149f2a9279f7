// End-to-end replay: a generated region of N running instances (one 40 GiB ESSD system disk
// each, 4 GiB used) and one CreateImage per instance, a second apart, built as a ScenarioSpec
// directly (no YAML), simulated to the end. Reports calls/s (items_per_second), events/s and the
// process's peak resident set (VmHWM of /proc/self/status, which only grows: run one size per
// process for a per-size figure). Figures: docs/performance.md, "End-to-end replay".
//
//   ./build/bench/ecsim_bench --benchmark_filter=BM_ReplayCreateImage

#include <benchmark/benchmark.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "models/scenario/scenario_spec.h"
#include "models/simulation.h"
#include "models/size.h"

namespace {

using namespace ecsim;

models::ScenarioSpec generated_region(std::int64_t instances) {
  models::ScenarioSpec spec;
  spec.name = "replay-bench";
  spec.seed = 42;
  spec.start = sim::CalendarTime{1'767'225'600'000'000};  // 2026-01-01T00:00:00Z
  models::Region region;
  region.region_id = "cn-hangzhou";
  region.quota.images = instances + 1;
  region.quota.snapshots = instances + 1;
  region.quota.unfinished_snapshots = instances + 1;
  spec.regions.emplace(region.region_id, region);
  spec.instances.reserve(static_cast<std::size_t>(instances));
  spec.workload.reserve(static_cast<std::size_t>(instances));
  for (std::int64_t i = 0; i < instances; ++i) {
    models::InstanceSpec is;
    is.instance.instance_id = "i-" + std::to_string(i);
    is.instance.region_id = region.region_id;
    models::Disk disk;
    disk.disk_id = "d-" + std::to_string(i);
    disk.region_id = region.region_id;
    disk.type = models::DiskType::kSystem;
    disk.category = models::DiskCategory::kCloudEssd;
    disk.size_bytes = 40 * models::kGiB;
    disk.used_bytes = 4 * models::kGiB;
    is.disks.push_back(disk);
    spec.instances.push_back(std::move(is));

    models::WorkloadCallSpec call;
    call.at = sim::SimTime::zero() + sim::SimDuration::seconds(i);
    call.request.action = "CreateImage";
    call.request.params["RegionId"] = region.region_id;
    call.request.params["InstanceId"] = "i-" + std::to_string(i);
    call.request.params["ImageName"] = "image-" + std::to_string(i);
    spec.workload.push_back(std::move(call));
  }
  return spec;
}

std::int64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;  // reported in kB
  }
  return 0;
}

void BM_ReplayCreateImage(benchmark::State& state) {
  const std::int64_t instances = state.range(0);
  const models::ScenarioSpec spec = generated_region(instances);
  std::uint64_t events = 0;
  std::uint64_t ok = 0;
  for (auto _ : state) {
    models::Simulation sim(spec, spec.seed);
    const sim::RunStop stop = sim.run();
    if (stop != sim::RunStop::kExhausted) state.SkipWithError("the run did not finish");
    events += sim.scheduler().events_processed();
    ok = 0;
    for (const auto& r : sim.log().records()) ok += r.outcome == models::Outcome::kOk ? 1 : 0;
    benchmark::DoNotOptimize(sim.scheduler().fingerprint());
  }
  state.SetItemsProcessed(state.iterations() * instances);
  state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["calls_ok"] = static_cast<double>(ok);
  state.counters["peak_rss_bytes"] = static_cast<double>(peak_rss_bytes());
}

BENCHMARK(BM_ReplayCreateImage)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
