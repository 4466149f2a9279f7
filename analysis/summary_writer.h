#pragma once
// summary.json and the short human summary printed after a run.
//
// summary.json (pretty, two-space indent, trailing newline), keys in this order:
//
//   scenario     the scenario's name
//   seed         the root seed of the run (contract: written to summary.json)
//   end_time     virtual seconds at which the run ended
//   operations   Action -> {"ok", "error", "skipped", "total"} call counts
//   errors       Action -> error code -> count (Actions without errors are left out)
//   latency      Action -> {"api": D, "to_status": D}
//                  api:       request-to-response time of every call that was sent (not skipped)
//                  to_status: status_at - at of every call whose resource reached a terminal state
//   http         HTTP status ("200", "404", ...) -> count, in numeric order; skipped calls have
//   none phases       Action -> {"snapshots": D, "registration": D} for CreateImage-like calls:
//                  snapshots:    snapshots_done_after (call to all snapshots done)
//                  registration: registered_after - snapshots_done_after
//                then RunInfo::phases of the Action (CopyImage: queue, transfer, build).
//                Only phases with at least one sample appear; Actions with none are left out.
//   fingerprint  16 lowercase hex digits; only when the run has one
//   ...          then RunInfo::extra, in the order given
//
// where D is a distribution {"count", "mean", "p50", "p90", "p99", "max"} in exact seconds
// (see distribution_summary.h: nearest-rank percentiles, mean rounded to the microsecond).
// Every object keyed by Action or code is sorted by name (bytewise); no map is iterated in hash
// order. The bytes depend only on the inputs.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "analysis/duration_samples.h"
#include "analysis/json_writer.h"
#include "models/call_log.h"
#include "sim/time.h"

namespace ecsim::analysis {

// A value for an extra summary.json key. SimDuration is written as exact seconds.
using SummaryValue =
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, sim::SimDuration>;

// What the run knows beyond its call log.
struct RunInfo {
  std::string scenario;
  std::uint64_t seed = 0;
  sim::SimTime end_time;
  std::optional<std::uint64_t> fingerprint;
  // Phases the call log does not hold, measured by a LifecycleRecorder (run_metrics.h): Action ->
  // (phase, samples), written under "phases" after the call log's own phases of that Action,
  // e.g. CopyImage -> queue, transfer, build. Phases without samples are left out.
  std::map<std::string, std::vector<std::pair<std::string, std::vector<sim::SimDuration>>>> phases;
  // Written after the fixed keys, in this order. REQUIRES: no key repeats a fixed key or another
  // extra key.
  std::vector<std::pair<std::string, SummaryValue>> extra;
};

// Per-Action aggregates of a call log, the material for both summaries.
struct ActionStatistics {
  std::int64_t ok = 0;
  std::int64_t error = 0;
  std::int64_t skipped = 0;
  std::int64_t total() const { return ok + error + skipped; }

  std::map<std::string, std::int64_t> error_codes;  // code -> count
  std::map<std::string, int> error_http;            // code -> HTTP status of its first occurrence
  DurationSamples api_latencies;      // every call that was sent
  // status_at - at of every call with a status, by the status it reached. The samples of all
  // statuses together (to_status()) are not kept twice: every summary of them sorts first.
  std::map<std::string, DurationSamples> to_status_by_status;
  std::vector<sim::SimDuration> to_status() const;
  DurationSamples snapshots_phase;     // snapshots_done_after
  DurationSamples registration_phase;  // registered_after - snapshots_done_after
};

struct RunStatistics {
  std::map<std::string, ActionStatistics> actions;  // keyed by Action, sorted
  std::map<int, std::int64_t> http;                 // HTTP status -> count, sent calls only
  std::int64_t ok = 0;
  std::int64_t error = 0;
  std::int64_t skipped = 0;
};

// Adds one call's record to `stats` (a streamed run folds each record in as it settles).
// REQUIRES: the record is not pending.
void add_to_statistics(RunStatistics& stats, const models::CallRecord& record);

// Aggregates `log`. Samples are kept in record order. REQUIRES: no record is pending; the log is
// complete (not a streamed run's, whose records are gone: fold them in with add_to_statistics).
RunStatistics collect_statistics(const models::CallLog& log);

// The contents of summary.json, ending with a newline.
std::string render_summary_json(const RunInfo& info, const models::CallLog& log);
std::string render_summary_json(const RunInfo& info, const RunStatistics& stats);

// The short human summary for the terminal, several lines each ending with '\n':
//
//   seed 42
//   scenario quickstart
//   end time 02:00:00 (7200 s)
//   calls 3: 2 ok, 1 error, 0 skipped
//     CreateImage: 1 ok, 0 error, 0 skipped; to Available p50 12m03s
//     DeleteImage: 1 ok, 1 error, 0 skipped
//   errors
//     DeleteImage  InvalidImageId.NotFound  HTTP 404  x1
//   fingerprint 0123456789abcdef
//
// The seed comes first so that any run can be reproduced from its first line.
std::string render_terminal_summary(const RunInfo& info, const models::CallLog& log);
std::string render_terminal_summary(const RunInfo& info, const RunStatistics& stats);

// 16 lowercase hex digits, zero-padded: the spelling of fingerprint.txt and summary.json.
std::string format_fingerprint(std::uint64_t fingerprint);

// A compact, rounded duration for people: "850us", "250ms", "4.5s", "12m03s", "2h05m00s",
// "1d02h00m00s". Not exact; output files use exact seconds instead.
std::string format_duration_short(sim::SimDuration duration);

}  // namespace ecsim::analysis
