#include "tests/fuzz/fuzz_properties.h"

#include <cstddef>
#include <set>
#include <string>

#include "models/invariants.h"
#include "models/scenario/scenario_parser.h"
#include "models/scenario/trace_reader.h"
#include "models/simulation.h"
#include "models/size.h"
#include "sim/time.h"

namespace ecsim::fuzz {
namespace {

// Bounds every run: a valid scenario that would not end within it is a finding (a livelock).
constexpr std::uint64_t kEventLimit = 100'000;

// Runs `spec` under an InvariantMonitor and appends what went wrong to `out`. `must_end`: hitting
// the event limit is a failure (a fixed small world must finish; a fuzzed scenario may just be long).
void run_checked(const models::ScenarioSpec& spec, bool must_end, std::vector<std::string>& out) {
  models::Simulation sim(spec, spec.seed);
  models::InvariantMonitor monitor(sim);
  const sim::RunStop stop = sim.run(kEventLimit);
  if (must_end && stop == sim::RunStop::kHitEventLimit) out.push_back("the run hit its event limit");
  for (std::string& v : monitor.finish(stop)) out.push_back("invariant violated: " + std::move(v));
  for (const models::CallRecord& r : sim.log().records()) {
    if (r.outcome == models::Outcome::kPending && stop != sim::RunStop::kHitEventLimit)
      out.push_back("a call was left pending");
    if (r.outcome == models::Outcome::kError && (r.http_status < 400 || r.http_status >= 600))
      out.push_back("error " + r.code + " has HTTP status " + std::to_string(r.http_status));
  }
}

constexpr std::string_view kCreateImageWorld = R"(name: create-image-fuzz
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

}  // namespace

std::vector<std::string> scenario_failures(std::string_view text) {
  std::vector<std::string> out;
  const models::ParsedScenario parsed = models::parse_scenario_text(text, "fuzz.yaml");
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) {
      if (e.line < 1 || e.col < 1 || e.to_string().empty()) out.push_back("an unpositioned error: " + e.to_string());
    }
    return out;
  }
  // Keep each input cheap: big generated worlds are the benchmarks' business.
  if (parsed.spec.workload.size() > 200 || parsed.spec.instances.size() > 200) return out;
  run_checked(parsed.spec, /*must_end=*/false, out);
  return out;
}

std::vector<std::string> parsers_failures(std::string_view text) {
  std::vector<std::string> out;
  const std::string quoted = "'" + std::string(text) + "'";
  if (const auto d = sim::parse_duration(text)) {
    if (d->ticks() < 0) out.push_back("negative duration from " + quoted);
    const std::string spelled = sim::format_duration(*d);
    const auto back = sim::parse_duration(spelled);
    if (!back || *back != *d) out.push_back("duration " + quoted + " does not round-trip through '" + spelled + "'");
    if (sim::format_seconds(*d).empty()) out.push_back("duration " + quoted + " formats as no seconds");
  }
  if (const auto t = sim::parse_calendar_time(text)) {
    const std::string spelled = sim::format_calendar_time(*t);
    const auto back = sim::parse_calendar_time(spelled);
    if (!back || *back != *t) out.push_back("instant " + quoted + " does not round-trip through '" + spelled + "'");
  }
  if (const auto bytes = models::parse_size_bytes(text)) {
    if (*bytes < 0) out.push_back("negative size from " + quoted);
    const std::string spelled = models::format_size(*bytes);
    const auto back = models::parse_size_bytes(spelled);
    if (!back || *back != *bytes) out.push_back("size " + quoted + " does not round-trip through '" + spelled + "'");
  }
  return out;
}

std::vector<std::string> create_image_failures(std::string_view text) {
  std::vector<std::string> out;
  if (text.size() > 4096) return out;
  static const models::ScenarioSpec world = [] {
    const models::ParsedScenario parsed = models::parse_scenario_text(kCreateImageWorld, "create_image_fuzz.yaml");
    return parsed.spec;
  }();
  if (world.instances.empty()) return {"the fixed CreateImage world does not parse"};
  models::ApiRequest request;
  request.action = "CreateImage";
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) request.params[std::string(line)] = "";
    else request.params[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }
  // Twice, a second apart, so a reused ClientToken is reached too.
  models::ScenarioSpec spec = world;
  for (int k = 0; k < 2; ++k) {
    models::WorkloadCallSpec call;
    call.at = sim::SimTime::zero() + sim::SimDuration::seconds(k);
    call.request = request;
    spec.workload.push_back(call);
  }
  run_checked(spec, /*must_end=*/true, out);
  return out;
}

std::vector<std::string> trace_failures(std::string_view text) {
  std::vector<std::string> out;
  models::TraceContext context;
  context.start = *sim::parse_calendar_time("2026-01-01T00:00:00Z");
  context.client_names = {"batch"};
  context.call_names = {"golden"};
  std::set<std::string> names;
  sim::SimTime last_at = sim::SimTime::zero();
  std::vector<models::ScenarioError> errors;
  int line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string line(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    // The reader's own notion of blank (trace_reader.cc): nothing but spaces, tabs and '\r'.
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = "line " + std::to_string(line_number);
    // The fast path, when it takes a line, must read it exactly as the JSON path does.
    {
      std::set<std::string> fast_names = names;
      std::set<std::string> json_names = names;
      models::WorkloadCallSpec fast;
      models::WorkloadCallSpec json;
      std::vector<models::ScenarioError> json_errors;
      if (models::parse_trace_line_fast(line, line_number, context, fast_names, last_at, fast)) {
        if (!models::parse_trace_line_json(line, "fuzz.jsonl", line_number, context, json_names, last_at, json, json_errors))
          out.push_back(where + ": the fast path took a line the JSON path rejects");
        else if (fast.at != json.at || fast.name != json.name || fast.client != json.client ||
                 fast.request.action != json.request.action || fast.request.params != json.request.params ||
                 fast.expect.has_value() || json.expect.has_value() || fast.pos.line != json.pos.line ||
                 fast.pos.col != json.pos.col || fast.from_trace != json.from_trace || fast_names != json_names)
          out.push_back(where + ": the fast path read the line differently from the JSON path");
      } else if (fast_names != names) {
        out.push_back(where + ": the fast path declined the line but changed the names");
      }
    }
    const std::size_t before = errors.size();
    models::WorkloadCallSpec call;
    const bool ok = models::parse_trace_line(line, "fuzz.jsonl", line_number, context, names, last_at, call, errors);
    if (ok && errors.size() != before) out.push_back(where + " was accepted with an error");
    if (!ok && errors.size() == before) out.push_back(where + " was rejected without an error");
    for (std::size_t k = before; k < errors.size(); ++k) {
      if (errors[k].line != line_number || errors[k].col < 1) out.push_back(where + ": mispositioned " + errors[k].to_string());
    }
    if (!ok) continue;
    if (call.request.action.empty()) out.push_back(where + " was accepted without an Action");
    if (call.at < last_at) out.push_back(where + " was accepted before the previous call");
    last_at = call.at;
  }
  return out;
}

}  // namespace ecsim::fuzz
