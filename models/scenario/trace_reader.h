#pragma once
// JSON-lines traces of calls: one JSON object per line with the keys of a YAML workload call
// (docs/scenarios.md, "Traces"):
//
//   {"at": "2h", "name": "img-1", "Action": "CreateImage", "RegionId": "cn-hangzhou", "InstanceId": "i-1"}
//
//   at       a duration from the start ("90s", "2h") or an ISO 8601 time, or a number of seconds
//   name     optional; later calls (in the trace) may refer to it as ${NAME.Field}
//   client   optional; a client of the scenario
//   expect   optional; {"code": ..., "http": ..., "status": ..., "within": ...} as in YAML
//   Action   required; every other key starting with a capital letter is an API parameter (objects
//            and arrays are flattened as in YAML: DiskDeviceMapping.1.SnapshotId)
//
// Blank lines are skipped. Calls must come in nondecreasing time order (a trace is a log).
//
// A trace is read twice, both times as a stream: validate_trace() checks every line and reports
// every problem as FILE:LINE:COL (the parser runs it for a scenario with `trace:`), then a
// TraceCallSource hands the calls to the workload driver one at a time while the run goes. Memory
// does not grow with the length of the trace, except for the names of named calls.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "models/call_source.h"
#include "models/scenario/scenario_parser.h"
#include "models/scenario/scenario_spec.h"

namespace ecsim::models {

// What a trace line is checked against: the scenario it belongs to.
struct TraceContext {
  sim::CalendarTime start;
  std::vector<std::string> client_names;  // the scenario's clients, in file order
  std::set<std::string> call_names;       // the scenario's named calls (a trace may refer to them)
};
TraceContext trace_context(const ScenarioSpec& spec);

// Every problem of the trace at `path`, up to `max_errors` (then one line says how many more).
std::vector<ScenarioError> validate_trace(const std::string& path, const TraceContext& context,
                                          std::size_t max_errors = 100);

// The calls of a validated trace, read one line at a time.
//
// A reader thread reads and parses the lines ahead of the run, a batch at a time, and next()
// takes them in file order: at 10^7 calls the parsing was a tenth of a replay, and the run's
// thread does not wait for it. The calls and the first problem are the same as reading in
// place; the reader starts at the first next(), and is stopped by the destructor wherever it is.
class TraceCallSource final : public CallSource {
 public:
  TraceCallSource(const std::string& path, TraceContext context);
  TraceCallSource(const TraceCallSource&) = delete;
  TraceCallSource& operator=(const TraceCallSource&) = delete;
  ~TraceCallSource() override;

  std::optional<WorkloadCallSpec> next() override;
  // Problems met while reading (none for a trace that validated and did not change since),
  // known once next() has returned nullopt.
  const std::vector<ScenarioError>& errors() const { return errors_; }

 private:
  // Calls in file order; `last` marks the end of the trace (after its calls, with its problems).
  struct Batch {
    std::vector<WorkloadCallSpec> calls;
    bool last = false;
    std::vector<ScenarioError> errors;
  };

  void read_loop();                     // the reader's thread
  bool read_batch(Batch& batch);        // false once the trace is done (batch.last set)
  std::optional<WorkloadCallSpec> read_one(std::vector<ScenarioError>& errors);  // in place

  std::string path_;
  TraceContext context_;
  std::ifstream in_;
  int line_number_ = 0;
  std::string line_;
  sim::SimTime last_at_ = sim::SimTime::zero();
  std::vector<ScenarioError> errors_;

  // The run's side: the batch being taken from.
  Batch taking_;
  std::size_t next_call_ = 0;
  bool done_ = false;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> ready_;  // read, not yet taken
  std::vector<Batch> spare_;
  bool stopping_ = false;
  std::thread reader_;
};

// Parses one line into `call` (REQUIRES: the line is not blank). Problems are appended to `errors`;
// returns false when there was any. `names` grows with the line's name; `last_at` is the time of
// the previous call, which this one must not precede.
bool parse_trace_line(const std::string& line, const std::string& file, int line_number, const TraceContext& context,
                      std::set<std::string>& names, sim::SimTime last_at, WorkloadCallSpec& call,
                      std::vector<ScenarioError>& errors);

// The two ways parse_trace_line() reads a line. The fast path takes the common line: a flat
// object of plain strings (printable ASCII, no escapes) and plain numbers, with no `expect`, no
// reference and no problem at all. It returns true with `call` and `names` exactly as the JSON
// path would leave them, and false, touching neither, for any other line. The JSON path
// (nlohmann) reads every line and reports every problem. A trace of 10^7 lines is read twice
// (validated, then replayed): a DOM per line cost about a tenth of a replay.
bool parse_trace_line_fast(const std::string& line, int line_number, const TraceContext& context,
                           std::set<std::string>& names, sim::SimTime last_at, WorkloadCallSpec& call);
bool parse_trace_line_json(const std::string& line, const std::string& file, int line_number,
                           const TraceContext& context, std::set<std::string>& names, sim::SimTime last_at,
                           WorkloadCallSpec& call, std::vector<ScenarioError>& errors);

}  // namespace ecsim::models
