#include "app/commands.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <optional>

#include "analysis/event_trace.h"
#include "analysis/output_files.h"
#include "analysis/timeline_writer.h"
#include "app/progress.h"
#include "analysis/run_metrics.h"
#include "analysis/utilisation_series.h"
#include "analysis/summary_writer.h"
#include "models/api/error_catalog.h"
#include "models/scenario/assertions.h"
#include "models/scenario/expectations.h"
#include "models/scenario/scenario_parser.h"
#include "app/interrupt.h"
#include "models/invariants.h"
#include "models/simulation.h"

namespace ecsim::app {
namespace {

struct Options {
  std::vector<std::string> files;
  std::optional<std::uint64_t> seed;
  std::string out = "ecsim-out";
  bool quiet = false;
  bool json = false;
  bool events = false;    // also write events.jsonl (analysis/event_trace.h)
  bool timeline = false;  // also write timeline.json (analysis/timeline_writer.h)
  bool before = false;
  bool markdown = false;
  bool check_invariants = false;
  std::optional<std::string> trace;  // --trace FILE: a JSON-lines trace of further calls
  // utilisation.csv: nullopt = automatic interval; zero = at every change (--sample-every change).
  std::optional<sim::SimDuration> sample_every;
  std::string error;
};

Options parse_options(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag) -> std::optional<std::string> {
      if (i + 1 >= args.size()) {
        o.error = std::string(flag) + " needs a value";
        return std::nullopt;
      }
      return args[++i];
    };
    if (a == "--seed") {
      if (auto v = value("--seed")) {
        std::uint64_t s = 0;
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), s);
        if (ec != std::errc{} || p != v->data() + v->size()) o.error = "--seed needs a non-negative integer, got '" + *v + "'";
        else o.seed = s;
      }
    } else if (a == "--out") {
      if (auto v = value("--out")) o.out = *v;
    } else if (a == "--quiet") {
      o.quiet = true;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--events") {
      o.events = true;
    } else if (a == "--timeline") {
      o.timeline = true;
    } else if (a == "--before") {
      o.before = true;
    } else if (a == "--check-invariants") {
      o.check_invariants = true;
    } else if (a == "--trace") {
      if (auto v = value("--trace")) o.trace = *v;
    } else if (a == "--md") {
      o.markdown = true;
    } else if (a == "--sample-every") {
      if (auto v = value("--sample-every")) {
        const auto d = *v == "change" ? std::optional(sim::SimDuration::zero()) : sim::parse_duration(*v);
        if (!d || *d < sim::SimDuration::zero() || (*d == sim::SimDuration::zero() && *v != "change"))
          o.error = "--sample-every needs a positive duration (e.g. 1m) or 'change', got '" + *v + "'";
        else o.sample_every = *d;
      }
    } else if (a.size() > 1 && a[0] == '-') {
      o.error = "unknown option '" + a + "'";
    } else {
      o.files.push_back(a);
    }
  }
  return o;
}

// Parses a scenario (and the trace --trace names, which replaces the scenario's trace:) and prints
// its errors; nullopt when invalid.
std::optional<models::ScenarioSpec> load(const std::string& path, const std::optional<std::string>& trace = std::nullopt) {
  models::ParsedScenario parsed = models::parse_scenario_file(path);
  if (trace && parsed.ok()) {
    parsed.spec.trace = *trace;
    parsed.spec.trace_pos = {};
    models::check_trace(parsed);
  }
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    return std::nullopt;
  }
  return std::move(parsed.spec);
}

analysis::RunInfo run_info(const models::Simulation& sim, const models::ScenarioSpec& spec) {
  return analysis::run_info_of(sim, spec.name);
}

int bad_usage(const std::string& message) {
  std::fprintf(stderr, "ecsim: %s\n", message.c_str());
  return usage(2);
}

}  // namespace

int usage(int status) {
  std::FILE* out = status == 0 ? stdout : stderr;
  std::fprintf(out,
               "usage:\n"
               "  ecsim run SCENARIO [--seed N] [--out DIR] [--quiet] [--json] [--check-invariants] [--trace FILE]\n"
               "            [--sample-every D|change] [--events] [--timeline]\n"
               "      simulate the scenario, print a summary, write DIR (default ./ecsim-out);\n"
               "      utilisation.csv / throughput.csv per interval D (default: automatic, >= 1m);\n"
               "      --events: also events.jsonl, every call and state change; --timeline: also timeline.json,\n"
               "      a Chrome trace-event timeline for Perfetto (docs/outputs.md); on a terminal, a progress line\n"
               "  --trace FILE: replay a JSON-lines trace of calls (one object per line, the keys of a workload call),\n"
               "                streamed, merged by time with the scenario's workload (replaces its trace:)\n"
               "  ecsim check SCENARIO... [--check-invariants]  run each scenario and check its expect: entries\n"
               "  --check-invariants: also check the whole-run invariants (models/invariants.h); exit 1 if violated\n"
               "  ecsim validate SCENARIO...  parse and check scenarios without running them\n"
               "  ecsim graph SCENARIO [--seed N] [--before]\n"
               "      the resource-dependency graph after the run (or before it) as Graphviz DOT\n"
               "  ecsim errors [--md]       the error catalogue: code, HTTP status, message\n"
               "  ecsim lifecycle --dot     the image and snapshot state machines as Graphviz DOT\n"
               "  ecsim explain SCENARIO [--seed N]  the run narrated in plain language\n"
               "  ecsim run SCENARIO --replications K [--threads T] [--seed N] [--out DIR] [--md]\n"
               "      K replications in parallel; each metric as mean and 95%% CI (docs/analysis.md)\n"
               "  ecsim sweep SCENARIO --set PATH=V1,V2 [--set ...] [--replications K] [--out DIR]\n"
               "      the grid of overrides with common random numbers; resumable sweep.csv\n"
               "  ecsim report DIR [--md] [--all]   tables of a run, a replicated run or a sweep\n"
               "  ecsim calibrate OBSERVATIONS.csv [--noise-cv C] [--out FILE]\n"
               "      least-squares fit of snapshot setup and throughput per disk category\n"
               "exit status: 0 ok, 1 internal failure (check: an expectation failed), 2 invalid scenario,\n"
               "  130 / 143 run interrupted by SIGINT / SIGTERM (no output written)\n");
  return status;
}

int run_command(const std::vector<std::string>& args) {
  // --replications K: K runs in parallel, metrics with 95% CIs (app/replications.cc).
  if (std::find(args.begin(), args.end(), "--replications") != args.end()) return run_replications_command(args);
  Options o = parse_options(args);
  if (!o.error.empty()) return bad_usage(o.error);
  if (o.files.size() != 1) return bad_usage("run takes exactly one scenario");
  auto spec = load(o.files.front(), o.trace);
  if (!spec) return 2;
  const std::uint64_t seed = o.seed.value_or(spec->seed);
  models::Simulation sim(*spec, seed);
  std::optional<models::InvariantMonitor> monitor;
  if (o.check_invariants) monitor.emplace(sim);
  // Observers only: they read the bus and the World, never the trajectory (docs/analysis.md).
  analysis::LifecycleRecorder phases(sim.world());
  analysis::UtilisationRecorder utilisation(sim.world());
  sim.bus().subscribe(&phases);
  sim.bus().subscribe(&utilisation);
  std::optional<analysis::EventTraceRecorder> trace_recorder;
  if (o.events || o.timeline) trace_recorder.emplace(sim, spec->faults);
  // The call log is streamed to the output directory as the calls settle, so memory holds only
  // the calls in flight (docs/performance.md), unless something needs the whole log after the
  // run: events.jsonl / timeline.json and the invariant monitor's checks of every call.
  std::optional<analysis::StreamedRunOutputs> streamed;
  if (!o.events && !o.timeline && !o.check_invariants) {
    streamed.emplace();
    if (const auto status = streamed->open(o.out); !status.ok()) {
      std::fprintf(stderr, "ecsim: cannot write outputs to %s: %s\n", o.out.c_str(), status.message().c_str());
      return 1;
    }
    sim.stream_calls_to(&*streamed);
  }
  // SIGINT/SIGTERM stop the run between events; nothing is written then (app/interrupt.h).
  install_interrupt_handlers();
  // On a terminal, a progress line on stderr while the run goes (app/progress.h); same run.
  ProgressLine progress(stderr, progress_wanted(stderr, o.quiet, o.json));
  const InterruptibleRun interruptible = run_with_progress(sim, progress);
  const sim::RunStop stop = interruptible.stop;
  if (interruptible.signal != 0) {
    std::fprintf(stderr, "ecsim: interrupted by %s at virtual time %s (%llu events); no output written\n",
                 signal_name(interruptible.signal), sim::format_clock(sim.scheduler().now()).c_str(),
                 static_cast<unsigned long long>(sim.scheduler().events_processed()));
    return 128 + interruptible.signal;
  }
  // The trace validated before the run; it can only fail now if it changed since.
  if (const auto trace_errors = sim.trace_errors(); !trace_errors.empty()) {
    for (const std::string& e : trace_errors) std::fprintf(stderr, "%s\n", e.c_str());
    std::fprintf(stderr, "ecsim: the trace changed during the run; no output written\n");
    return 2;
  }
  if (monitor) {
    if (const auto violations = monitor->finish(stop); !violations.empty()) {
      std::fputs(models::format_violations(violations).c_str(), stderr);
      return 1;
    }
  }
  if (stop == sim::RunStop::kHitEventLimit) {
    std::fprintf(stderr, "ecsim: internal error: the run hit its event limit at %s\n",
                 sim::format_clock(sim.scheduler().now()).c_str());
    return 1;
  }
  analysis::RunInfo info = run_info(sim, *spec);
  info.phases["CopyImage"] = {{"queue", phases.copy_queue_durations},
                              {"transfer", phases.copy_transfer_durations},
                              {"build", phases.copy_build_durations}};
  const analysis::UtilisationSeries series = utilisation.finish(info.end_time);
  const sim::SimDuration every = o.sample_every.value_or(analysis::auto_sample_interval(info.end_time));
  // A limit on the series' size: a tiny interval over a long run would exhaust memory.
  constexpr std::int64_t kMaxIntervals = 1'000'000;
  if (every > sim::SimDuration::zero() && info.end_time.ticks() / every.ticks() > kMaxIntervals) {
    std::fprintf(stderr, "ecsim: --sample-every %s gives more than %lld intervals over the run (%s); use a longer one\n",
                 sim::format_seconds(every).c_str(), static_cast<long long>(kMaxIntervals),
                 sim::format_clock(info.end_time).c_str());
    return 2;
  }
  std::vector<analysis::OutputFile> more = {
      {analysis::kUtilisationFileName,
       analysis::render_utilisation_csv(series, every == sim::SimDuration::zero() ? std::nullopt : std::optional(every))},
      {analysis::kThroughputFileName,
       analysis::render_throughput_csv(
           series, every == sim::SimDuration::zero() ? analysis::auto_sample_interval(info.end_time) : every)}};
  if (o.events) more.push_back({analysis::kEventsFileName, analysis::render_events_jsonl(*trace_recorder)});
  if (o.timeline) more.push_back({analysis::kTimelineFileName, analysis::render_timeline_json(*trace_recorder)});
  const auto status = streamed ? streamed->finish(info, more) : analysis::write_run_outputs(o.out, info, sim.log(), more);
  if (!status.ok()) {
    std::fprintf(stderr, "ecsim: cannot write outputs to %s: %s\n", o.out.c_str(), status.message().c_str());
    return 1;
  }
  const analysis::RunStatistics stats = streamed ? streamed->statistics() : analysis::collect_statistics(sim.log());
  if (o.json) {
    std::cout << analysis::render_summary_json(info, stats);
  } else if (!o.quiet) {
    std::cout << analysis::render_terminal_summary(info, stats);
    std::cout << "outputs: " << o.out
              << "/{operations.jsonl,summary.json,utilisation.csv,throughput.csv,fingerprint.txt"
              << (o.events ? ",events.jsonl" : "") << (o.timeline ? ",timeline.json" : "") << "}\n";
  }
  return 0;
}

int check_command(const std::vector<std::string>& args) {
  Options o = parse_options(args);
  if (!o.error.empty()) return bad_usage(o.error);
  if (o.files.empty()) return bad_usage("check takes at least one scenario");
  int passed = 0, failed = 0;
  bool invalid = false;
  for (const std::string& file : o.files) {
    auto spec = load(file, o.trace);
    if (!spec) {
      invalid = true;
      continue;
    }
    models::Simulation sim(*spec, o.seed.value_or(spec->seed));
    std::optional<models::InvariantMonitor> monitor;
    if (o.check_invariants) monitor.emplace(sim);
    const sim::RunStop stop = sim.run();
    if (stop == sim::RunStop::kHitEventLimit) {
      std::fprintf(stderr, "ecsim: internal error: %s hit the event limit\n", file.c_str());
      return 1;
    }
    if (monitor) {
      if (const auto violations = monitor->finish(stop); !violations.empty()) {
        std::fprintf(stderr, "%s:\n%s", file.c_str(), models::format_violations(violations).c_str());
        return 1;
      }
    }
    // The driver holds the workload (generated calls included) in issue order, aligned with the log.
    for (const auto& r : models::check_expectations(sim.driver().calls(), sim.log())) {
      if (r.passed) {
        ++passed;
        continue;
      }
      ++failed;
      // An expectation written in the trace points into the trace.
      const std::string& where = sim.driver().calls()[r.call].from_trace && spec->trace ? *spec->trace : file;
      std::printf("%s:%d:%d: FAIL %s: expected %s, got %s\n", where.c_str(), r.pos.line, r.pos.col, r.operation.c_str(),
                  r.expected.c_str(), r.got.c_str());
    }
    for (const auto& r : models::check_assertions(spec->assertions, sim.log())) {
      if (r.passed) {
        ++passed;
        continue;
      }
      ++failed;
      std::printf("%s:%d:%d: FAIL assertion: expected %s, got %s\n", file.c_str(), r.pos.line, r.pos.col,
                  r.expected.c_str(), r.got.c_str());
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  if (invalid) return 2;
  return failed == 0 ? 0 : 1;
}

int validate_command(const std::vector<std::string>& args) {
  Options o = parse_options(args);
  if (!o.error.empty()) return bad_usage(o.error);
  if (o.files.empty()) return bad_usage("validate takes at least one scenario");
  bool ok = true;
  for (const std::string& file : o.files) {
    if (load(file)) std::printf("%s: ok\n", file.c_str());
    else ok = false;
  }
  return ok ? 0 : 2;
}

int graph_command(const std::vector<std::string>& args) {
  Options o = parse_options(args);
  if (!o.error.empty()) return bad_usage(o.error);
  if (o.files.size() != 1) return bad_usage("graph takes exactly one scenario");
  auto spec = load(o.files.front());
  if (!spec) return 2;
  models::Simulation sim(*spec, o.seed.value_or(spec->seed));
  if (!o.before) sim.run();
  std::cout << sim.world().dependency_dot();
  return 0;
}

int errors_command(const std::vector<std::string>& args) {
  Options o = parse_options(args);
  if (!o.error.empty()) return bad_usage(o.error);
  const auto& specs = models::all_error_specs();
  if (o.markdown) {
    std::cout << "| # | HTTP | Code | Message |\n|---|---|---|---|\n";
  }
  int n = 0;
  for (const auto& s : specs) {
    ++n;
    if (o.markdown) {
      std::cout << "| " << n << (n <= models::kCreateImageTableRows ? "" : " (ours)") << " | " << s.http_status << " | `"
                << s.code << "` | " << s.message << " |\n";
    } else {
      std::cout << s.http_status << "  " << s.code << "  " << s.message << "\n";
    }
  }
  return 0;
}

}  // namespace ecsim::app
