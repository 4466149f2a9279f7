// End-to-end replay: a generated region of N running instances (one 40 GiB ESSD system disk each,
// 4 GiB used; a snapshot capacity of 64 GiB/s) and a JSON-lines trace of M CreateImage calls, one every `spacing`, round-robin over
// the instances (so from the second round on, snapshots are incremental). The trace is written to
// a temporary file once per size; each iteration validates it (as `ecsim run` does) and replays it
// streamed (models/scenario/trace_reader.h) to the end of every job, with the call log streamed to
// operations.jsonl and the summary statistics as `ecsim run` writes them (analysis/output_files.h),
// into a temporary directory.
//
// Reports calls/s (items_per_second), events/s and the process's peak resident set (VmHWM of
// /proc/self/status, which only grows: run one size per process for a per-size figure).
// Figures and commands: docs/performance.md, "End-to-end replay".
//
//   ./build/bench/ecsim_bench --benchmark_filter='BM_ReplayTrace/1000/10000$'

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/output_files.h"
#include "models/scenario/scenario_spec.h"
#include "models/scenario/trace_reader.h"
#include "models/simulation.h"
#include "models/size.h"

namespace {

using namespace ecsim;

models::ScenarioSpec generated_region(std::int64_t instances, std::int64_t calls) {
  models::ScenarioSpec spec;
  spec.name = "replay-bench";
  spec.seed = 42;
  spec.start = sim::CalendarTime{1'767'225'600'000'000};  // 2026-01-01T00:00:00Z
  models::Region region;
  region.region_id = "cn-hangzhou";
  region.quota.images = calls + 1;
  region.quota.snapshots = calls + 1;
  region.quota.unfinished_snapshots = calls + 1;
  // A region whose snapshot service keeps up with the load: one call a second asks for up to
  // 4 GiB a second, against 64 GiB/s, so the images in flight stay at about a hundred (steady
  // state). With the default 2 GiB/s the backlog would grow for the whole run and every call
  // would still be in flight at its end.
  region.snapshot_capacity_bytes_per_s = 64 * models::kGiB;
  spec.regions.emplace(region.region_id, region);
  spec.instances.reserve(static_cast<std::size_t>(instances));
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
  }
  return spec;
}

// One CreateImage per `spacing_ms`, round-robin over the instances.
std::string write_trace(std::int64_t instances, std::int64_t calls, std::int64_t spacing_ms) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("ecsim-replay-" + std::to_string(instances) + "-" + std::to_string(calls) + ".jsonl");
  if (std::filesystem::exists(path)) return path.string();
  const std::filesystem::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary);
    for (std::int64_t k = 0; k < calls; ++k) {
      const std::int64_t ms = k * spacing_ms;
      out << "{\"at\": " << ms / 1000 << '.' << (ms % 1000 < 100 ? (ms % 1000 < 10 ? "00" : "0") : "") << ms % 1000
          << ", \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-" << k % instances
          << "\", \"ImageName\": \"image-" << k << "\"}\n";
    }
  }
  std::filesystem::rename(partial, path);
  return path.string();
}

std::int64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;  // reported in kB
  }
  return 0;
}

void BM_ReplayTrace(benchmark::State& state) {
  const std::int64_t instances = state.range(0);
  const std::int64_t calls = state.range(1);
  const std::string trace = write_trace(instances, calls, state.range(2));
  std::uint64_t events = 0;
  std::uint64_t ok = 0;
  // Wall seconds per phase, summed over iterations: where the time goes without a profiler.
  double validate_s = 0, build_s = 0, run_s = 0, finish_s = 0;
  using Clock = std::chrono::steady_clock;
  const auto seconds_since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  const std::filesystem::path out = std::filesystem::temp_directory_path() / "ecsim-replay-bench-out";
  for (auto _ : state) {
    state.PauseTiming();
    models::ScenarioSpec spec = generated_region(instances, calls);
    spec.trace = trace;
    state.ResumeTiming();
    auto t = Clock::now();
    if (!models::validate_trace(*spec.trace, models::trace_context(spec)).empty()) state.SkipWithError("invalid trace");
    validate_s += seconds_since(t);
    t = Clock::now();
    models::Simulation sim(spec, spec.seed);
    // The world holds the region now. The generator's description of it (10^6 instance specs,
    // ~250 MB) is the bench's input, not the simulator's state: it is released here, so the peak
    // below is the simulator's own (docs/performance.md).
    spec.instances = {};
    malloc_trim(0);  // and its pages go back to the system rather than sit free in the heap
    analysis::StreamedRunOutputs outputs;
    if (!outputs.open(out).ok()) state.SkipWithError("cannot write to the temporary directory");
    sim.stream_calls_to(&outputs);
    build_s += seconds_since(t);
    t = Clock::now();
    const sim::RunStop stop = sim.run();
    run_s += seconds_since(t);
    t = Clock::now();
    if (stop != sim::RunStop::kExhausted) state.SkipWithError("the run did not finish");
    if (!outputs.finish(analysis::run_info_of(sim, spec.name)).ok()) state.SkipWithError("cannot write the outputs");
    finish_s += seconds_since(t);
    events += sim.scheduler().events_processed();
    ok = static_cast<std::uint64_t>(outputs.statistics().ok);
  }
  std::filesystem::remove_all(out);
  state.SetItemsProcessed(state.iterations() * calls);
  state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["calls_ok"] = static_cast<double>(ok);
  state.counters["validate_s"] = validate_s;
  state.counters["build_s"] = build_s;
  state.counters["run_s"] = run_s;
  state.counters["finish_s"] = finish_s;
  state.counters["peak_rss_bytes"] = static_cast<double>(peak_rss_bytes());
}

// {instances, calls, spacing in ms}
BENCHMARK(BM_ReplayTrace)
    ->Args({1'000, 10'000, 1000})
    ->Args({100'000, 100'000, 1000})
    ->Args({100'000, 1'000'000, 1000})
    ->Args({1'000'000, 1'000'000, 1000})
    ->Args({1'000'000, 10'000'000, 1000})  // the target size: 53 to 59 s and 4.16 GB (docs/performance.md)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
