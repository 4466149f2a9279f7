#include "analysis/distribution_summary.h"

#include <algorithm>
#include <cstdint>

#include "sim/assert.h"

namespace ecsim::analysis {

sim::SimDuration nearest_rank_percentile(std::span<const sim::SimDuration> sorted, int percent) {
  ECSIM_ASSERT(!sorted.empty());
  ECSIM_ASSERT(percent > 0);
  ECSIM_ASSERT(percent <= 100);
  const std::size_t n = sorted.size();
  const auto p = static_cast<std::size_t>(percent);
  // ceil(p * n / 100) in integers; at least rank 1 (p > 0 and n > 0 already make it so).
  const std::size_t rank = (p * n + 99) / 100;
  ECSIM_ASSERT(rank >= 1);
  ECSIM_ASSERT(rank <= n);
  return sorted[rank - 1];
}

sim::SimDuration exact_mean(std::span<const sim::SimDuration> samples) {
  ECSIM_ASSERT(!samples.empty());
  const auto n = static_cast<std::int64_t>(samples.size());
  // Invariant: sum of the samples so far == quotient * n + remainder, with 0 <= remainder < n.
  // quotient stays within the samples' range, so nothing overflows whatever their sum.
  std::int64_t quotient = 0;
  std::int64_t remainder = 0;
  for (const sim::SimDuration sample : samples) {
    quotient += sample.ticks() / n;
    remainder += sample.ticks() % n;  // in (-n, n); remainder now in (-n, 2n)
    if (remainder >= n) {
      remainder -= n;
      ++quotient;
    } else if (remainder < 0) {
      remainder += n;
      --quotient;
    }
  }
  // Round to nearest: up when the fractional part remainder / n is at least one half.
  if (remainder >= n - remainder) ++quotient;
  return sim::SimDuration::from_ticks(quotient);
}

DistributionSummary summarize_durations(std::vector<sim::SimDuration> samples) {
  DistributionSummary summary;
  summary.count = samples.size();
  if (samples.empty()) return summary;
  std::sort(samples.begin(), samples.end());
  summary.mean = exact_mean(samples);
  summary.p50 = nearest_rank_percentile(samples, 50);
  summary.p90 = nearest_rank_percentile(samples, 90);
  summary.p99 = nearest_rank_percentile(samples, 99);
  summary.max = samples.back();
  return summary;
}

void write_duration_summary(JsonWriter& writer, const DistributionSummary& summary) {
  const bool empty = summary.count == 0;
  const auto field = [&](const char* name, sim::SimDuration value) {
    writer.key(name);
    if (empty) {
      writer.null();
    } else {
      writer.seconds(value);
    }
  };
  writer.begin_object();
  writer.key("count").unsigned_integer(summary.count);
  field("mean", summary.mean);
  field("p50", summary.p50);
  field("p90", summary.p90);
  field("p99", summary.p99);
  field("max", summary.max);
  writer.end_object();
}

}  // namespace ecsim::analysis
