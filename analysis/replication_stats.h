#pragma once
// Replications: seeds for K independent runs of one scenario, and each metric's mean with a 95%
// confidence interval across them.
//
// Seeds. Replication k (0-based) of base seed s runs with seed_k = the (k+1)-th output of a
// SplitMix64 generator seeded with s (sim::splitmix64: state += 0x9E3779B97F4A7C15, then the
// SplitMix64 finalizer). The seeds depend only on (s, k): never on the thread count, and the same
// k gets the same seed in every configuration of a sweep (common random numbers).
//
// Confidence interval. For n replications with sample mean m and sample standard deviation sd
// (divisor n - 1), the 95% interval is m +- t(0.975, n - 1) * sd / sqrt(n), Student's t with
// n - 1 degrees of freedom. t comes from a table (df 1..30 exact to 4 decimals, then 40, 60, 120,
// infinity) interpolated linearly in 1/df between table points; the interpolation error is below
// 1e-3 for every df. n = 1 gives an infinite half-width (written as null / "inf").
//
// Aggregation over replications: a kCount metric missing from a run counts as 0 there; a kValue
// metric missing from a run is left out (n counts the runs that had it). Metric order: the order
// of first appearance, scanning replications in index order; deterministic for the same inputs.

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/run_metrics.h"

namespace ecsim::analysis {

// The seeds of replications 0..count-1 of `base_seed`.
std::vector<std::uint64_t> replication_seeds(std::uint64_t base_seed, std::size_t count);

// Student's t quantile t(0.975, df). REQUIRES: df >= 1.
double student_t_975(std::int64_t df);

struct MeanCi {
  std::size_t n = 0;
  double mean = 0;
  double stddev = 0;     // sample standard deviation (n - 1); 0 when n < 2
  double half_width = 0;  // +inf when n < 2
  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
};

// REQUIRES: !values.empty().
MeanCi mean_ci95(const std::vector<double>& values);

struct MetricAggregate {
  std::string name;
  MetricKind kind = MetricKind::kValue;
  MeanCi ci;
};

std::vector<MetricAggregate> aggregate_replications(const std::vector<RunMetrics>& runs);

// Shortest round-trip decimal of a double ("0.5", "1e-07" style as std::to_chars); "nan"/"inf"
// for non-finite values. The spelling used in every CSV.
std::string format_number(double value);

// Tidy CSV of replications: header "replication,seed,metric,value", one row per replication x
// metric, replications in index order, metrics in each run's order.
std::string render_replications_csv(const std::vector<std::uint64_t>& seeds, const std::vector<RunMetrics>& runs);

// Summary CSV: header "metric,n,mean,ci95_low,ci95_high,stddev".
std::string render_aggregate_csv(const std::vector<MetricAggregate>& aggregates);

// A readable table for the terminal: metric, n, mean, 95% CI. With `markdown`, a markdown table.
// Count metrics that are 0 in every replication are left out of the table (not of the CSV).
std::string render_aggregate_table(const std::vector<MetricAggregate>& aggregates, bool markdown);

// CSV field quoting (RFC 4180): quoted when it contains ',', '"', '\n' or '\r'.
std::string csv_field(const std::string& field);
// Splits one CSV line (no trailing newline) into fields, honouring quotes.
std::vector<std::string> split_csv_line(const std::string& line);

}  // namespace ecsim::analysis
