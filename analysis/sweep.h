#pragma once
// Parameter sweeps: overrides of a parsed ScenarioSpec by dotted path, the grid of configurations
// they span, and the tidy CSV a sweep writes (and resumes from).
//
// Paths (values are spelled as in a scenario file):
//   seed                                            integer
//   regions.<id>.quota.<key>                        integer; key: images, image_families,
//                                                   images_per_family, snapshots,
//                                                   unfinished_snapshots, concurrent_snapshots_per_disk
//   regions.<id>.snapshot_capacity                  throughput, e.g. 500MiB/s
//   models.snapshot.categories.<category>.setup     duration, e.g. 30s
//   models.snapshot.categories.<category>.throughput  throughput
//   models.snapshot.noise_cv | change_rate_per_day  number
//   models.image.registration | check               duration
//   models.image.noise_cv                           number
//   models.api.latency                              duration
//   models.api.latency_cv                           number
// The region must be declared by the scenario. A wrong path or value is an error message.
//
// Grid: the cartesian product of the --set lists, in row-major order (the last --set varies
// fastest). A configuration's label is "path=value" joined by ';', in --set order.
//
// Tidy CSV (sweep.csv): header "configuration,replication,seed,metric,value", rows grouped by
// configuration (grid order), then replication (0..K-1), then metric (the run's order). A
// (configuration, replication) pair is written all at once, so a pair present in the file is
// complete; resuming keeps the rows of every pair of the current grid whose seed matches and runs
// the others. Rows of configurations not in the current grid are dropped when the file is next
// written. The file is rewritten atomically after each configuration.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/run_metrics.h"
#include "models/scenario/scenario_spec.h"

namespace ecsim::analysis {

struct Override {
  std::string path;
  std::vector<std::string> values;
};

// "PATH=V1,V2,..." -> Override; nullopt with `error` set when malformed.
std::optional<Override> parse_set_argument(const std::string& text, std::string& error);

// Applies one assignment. Returns an empty string on success, else what is wrong.
[[nodiscard]] std::string apply_override(models::ScenarioSpec& spec, const std::string& path,
                                         const std::string& value);

struct Configuration {
  std::string label;
  std::vector<std::pair<std::string, std::string>> assignments;  // in --set order
};

std::vector<Configuration> expand_grid(const std::vector<Override>& overrides);

// The rows of one (configuration, replication): CSV lines without the header, each ending '\n'.
std::string render_sweep_rows(const std::string& configuration, std::size_t replication, std::uint64_t seed,
                              const RunMetrics& metrics);

inline constexpr const char* kSweepCsvHeader = "configuration,replication,seed,metric,value\n";

// The parsed contents of an existing sweep.csv: for each (configuration, replication), its seed
// and metrics in file order. Lines that do not parse are ignored (an interrupted write cannot
// leave any: writes are atomic).
struct SweepRows {
  struct Pair {
    std::uint64_t seed = 0;
    RunMetrics metrics;
  };
  std::map<std::pair<std::string, std::size_t>, Pair> pairs;
};
SweepRows parse_sweep_csv(const std::string& text);

// The kind of a metric from its name (the naming rule of run_metrics.h): count metrics are the
// "error.*" table and names ending in .count .calls .ok .error .skipped .started .accomplished
// .failed. Used to aggregate rows read back from a CSV.
MetricKind kind_of_metric(const std::string& name);

}  // namespace ecsim::analysis
