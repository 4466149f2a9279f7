#pragma once
// Summary statistics of a set of virtual-time durations: count, mean, p50, p90, p99 and max.
//
// Everything is computed in integer ticks (sim::SimDuration) and converted to seconds only when
// written, so the result is exact and the same on every platform:
//
//   - Percentiles use the nearest-rank method: the p-th percentile of n samples is the
//     ceil(p/100 * n)-th smallest sample (1-based), i.e. always one of the samples, never an
//     interpolation. For the samples 1..10: p50 = 5, p90 = 9, p99 = 10. For one sample, every
//     percentile is that sample.
//   - The mean is the exact sum divided by n, rounded to the nearest tick (1 us), halves rounded
//     up (towards +infinity). The sum is kept as quotient and remainder by n, so it never
//     overflows.
//   - An empty set has count 0; its other fields are meaningless and written as null.

#include <cstddef>
#include <span>
#include <vector>

#include "analysis/json_writer.h"
#include "analysis/duration_samples.h"
#include "sim/time.h"

namespace ecsim::analysis {

struct DistributionSummary {
  std::size_t count = 0;
  // Valid only when count > 0.
  sim::SimDuration mean;
  sim::SimDuration p50;
  sim::SimDuration p90;
  sim::SimDuration p99;
  sim::SimDuration max;
};

// Summarizes `samples` (in any order; taken by value because it is sorted).
DistributionSummary summarize_durations(std::vector<sim::SimDuration> samples);

// The summary summarize_durations() gives of every sample of `parts` taken together (say the time to each status),
// computed from their 4-byte form: at the end of a run of 10^7 calls an 8-byte copy of a list
// was 80 MB at the run's peak.
DistributionSummary summarize_samples(std::span<const DurationSamples* const> parts);

// The nearest-rank percentile of `sorted` (ascending): the ceil(percent/100 * n)-th smallest.
// REQUIRES: !sorted.empty(), 0 < percent <= 100, sorted is ascending.
sim::SimDuration nearest_rank_percentile(std::span<const sim::SimDuration> sorted, int percent);

// The mean of `samples` in ticks, rounded to nearest, halves up. REQUIRES: !samples.empty().
sim::SimDuration exact_mean(std::span<const sim::SimDuration> samples);

// Writes {"count":N,"mean":S,"p50":S,"p90":S,"p99":S,"max":S} with seconds as exact decimals;
// for count 0 every field but count is null.
void write_duration_summary(JsonWriter& writer, const DistributionSummary& summary);

}  // namespace ecsim::analysis
