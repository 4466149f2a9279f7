#pragma once
// A scenario file, parsed: plain data mirroring the YAML keys (../shared/contract.md §2 and
// docs/scenarios.md). References between resources are still IDs (strings); the Simulation
// resolves them when it builds the world.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/account.h"
#include "models/api/request.h"
#include "models/disk.h"
#include "models/faults.h"
#include "models/image.h"
#include "models/instance.h"
#include "models/model_params.h"
#include "models/region.h"
#include "models/region_network.h"
#include "models/snapshot.h"
#include "sim/time.h"

namespace ecsim::models {

struct SourcePos {
  int line = 0;  // 1-based; 0 when unknown
  int col = 0;
};

struct Expectation {
  bool has_code = false;
  std::optional<std::string> code;  // nullopt with has_code: the call succeeds
  std::optional<int> http;
  std::optional<std::string> status;
  std::optional<sim::SimDuration> within;
  SourcePos pos;
};

// How a simulated caller retries (clients.<name>.retry). The delay before retry k (k = 1, 2, ...)
// is min(backoff_max, backoff * multiplier^(k-1)), jittered from the stream client/<name>/backoff.
struct RetryPolicy {
  enum class Jitter { kNone, kFull, kEqual };  // none: the delay; full: U[0, d]; equal: d/2 + U[0, d/2]
  // Which answers are retried: an exact code, a prefix ending in '*' (Throttling*), or an HTTP
  // class (5xx). The default is Terraform's NeedRetry: Throttling*, Rejected.Throttling,
  // ServiceUnavailable and any 5xx.
  std::vector<std::string> codes = {"Throttling*", "Rejected.Throttling", "ServiceUnavailable", "5xx"};
  std::int64_t max_attempts = 1;  // 1: no retry
  sim::SimDuration backoff = sim::SimDuration::seconds(1);
  sim::SimDuration backoff_max = sim::SimDuration::seconds(60);
  std::int64_t multiplier = 2;
  Jitter jitter = Jitter::kFull;

  bool retryable(std::string_view code, int http_status) const;
};

// What a retried attempt sends as ClientToken.
enum class ClientTokenMode {
  kAsWritten,  // the call's own ClientToken (if any) on every attempt
  kReuse,      // the call's token, or one the client makes for the call, on every attempt
  kFresh,      // a new token per attempt (a naive SDK): retries can create duplicates
  kNone,       // never a token: retries can create duplicates
};

// clients.<name>: how a simulated caller behaves.
struct ClientSpec {
  std::string name;
  sim::SimDuration latency = sim::SimDuration::zero();  // network time added to every attempt
  RetryPolicy retry;
  ClientTokenMode token = ClientTokenMode::kAsWritten;
  std::optional<sim::SimDuration> poll_interval;  // DescribeImages until a terminal state
  std::optional<sim::SimDuration> timeout;        // from the first attempt; then the client gives up
  bool cleanup = false;                           // on giving up, delete what the call created
  SourcePos pos;
};

struct WorkloadCallSpec {
  sim::SimTime at;
  std::optional<std::string> name;
  ApiRequest request;
  std::optional<Expectation> expect;
  SourcePos pos;
  std::optional<std::uint32_t> client;  // index into ScenarioSpec::clients
  bool from_trace = false;              // read from the scenario's trace: pos is a line of it
};

// generators[]: calls made from a template at parse time, expanded at build time with the run's
// seed (models/scenario/generators.h). Exactly one of the three shapes.
struct GeneratorSpec {
  enum class Shape { kSchedule, kPoisson, kBurst };
  Shape shape = Shape::kSchedule;
  std::optional<std::string> name;  // calls are named NAME-1, NAME-2, ...
  sim::SimTime from = sim::SimTime::zero();  // the first call (schedule, burst) or the window start
  std::optional<sim::SimTime> until;         // exclusive end of the window
  std::optional<std::int64_t> count;         // at most this many calls
  sim::SimDuration every = sim::SimDuration::zero();    // schedule: the period
  sim::SimDuration spacing = sim::SimDuration::zero();  // burst: between calls
  std::uint64_t rate_num = 0;                           // poisson: rate_num calls per rate_per
  sim::SimDuration rate_per = sim::SimDuration::seconds(1);
  WorkloadCallSpec call;  // the template; "{n}" in any parameter is the call's 1-based number
  // vary: Param -> values picked uniformly (a list), or an integer range [lo, hi].
  struct Vary {
    std::string param;
    std::vector<std::string> values;
    std::int64_t lo = 0, hi = -1;  // a range when values is empty
  };
  std::vector<Vary> vary;
  std::uint32_t ordinal = 0;  // 1-based position in generators:, names its streams
  SourcePos pos;
};

// assertions[]: a property of the whole run, checked by `ecsim check` (models/scenario/assertions.h).
struct AssertionSpec {
  enum class Kind { kNoCode, kCount, kPercentile };
  Kind kind = Kind::kNoCode;
  std::string code;                 // no_code; count: only calls answered with it
  std::string action;               // count, percentile: empty = every action
  std::optional<std::string> outcome;  // count: ok | error | skipped
  std::optional<std::int64_t> at_least, at_most;  // count
  int percentile = 99;              // 50, 90, 99 or 100 (max)
  std::string to_status = "Available";  // percentile: of the time from the call to this status
  sim::SimDuration under;           // percentile: the bound (strict)
  std::string text;                 // as written, for messages: "p99 CreateImage to Available under 2h"
  SourcePos pos;
};

struct DiskSpec {
  Disk disk;  // instance index unresolved
};

struct InstanceSpec {
  Instance instance;
  std::vector<Disk> disks;
  SourcePos pos;
};

struct SnapshotSpec {
  Snapshot snapshot;
  SourcePos pos;
};

struct ImageSpec {
  Image image;
  std::vector<std::string> snapshot_ids;  // the image's snapshots, system first
  SourcePos pos;
};

struct ScenarioSpec {
  std::string file;
  std::string name;
  std::uint64_t seed = 0;
  sim::CalendarTime start;
  Account account;
  std::map<std::string, Region, std::less<>> regions;
  std::vector<InstanceSpec> instances;
  std::vector<SnapshotSpec> snapshots;
  std::vector<ImageSpec> images;
  ModelParams params;
  FaultPlan faults;
  std::vector<ClientSpec> clients;          // in file order
  // The explicit calls in file order, then each generator's calls (generators in file order,
  // each in time order). The Simulation issues them by time, ties in this order.
  std::vector<WorkloadCallSpec> workload;
  std::vector<GeneratorSpec> generators;  // in file order
  std::vector<AssertionSpec> assertions;  // in file order
  std::optional<sim::SimDuration> horizon;  // run.until: stop the clock there
  // trace: a JSON-lines file of further calls, streamed while the run goes (scenario/trace_reader.h);
  // its calls merge with the workload's by time (ties: the workload's first).
  std::optional<std::string> trace;
  SourcePos trace_pos;
  std::optional<NetworkSpec> network;       // network: (models/scenario/network_parser.h); default_network() when absent
};

}  // namespace ecsim::models
