#include "analysis/distribution_summary.h"

#include <algorithm>
#include <cstdint>
#include <vector>

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

namespace {

// The mean of n integers in ticks, exact, rounded to nearest with halves up, whatever their sum.
// Invariant: sum of the samples so far == quotient * n + remainder, with 0 <= remainder < n;
// quotient stays within the samples' range, so nothing overflows.
class ExactMean {
 public:
  explicit ExactMean(std::int64_t n) : n_(n) { ECSIM_ASSERT(n > 0); }
  void add(std::int64_t ticks) {
    quotient_ += ticks / n_;
    remainder_ += ticks % n_;  // in (-n, n); remainder now in (-n, 2n)
    if (remainder_ >= n_) {
      remainder_ -= n_;
      ++quotient_;
    } else if (remainder_ < 0) {
      remainder_ += n_;
      --quotient_;
    }
  }
  // Round to nearest: up when the fractional part remainder / n is at least one half.
  sim::SimDuration result() const { return sim::SimDuration::from_ticks(quotient_ + (remainder_ >= n_ - remainder_ ? 1 : 0)); }

 private:
  std::int64_t n_;
  std::int64_t quotient_ = 0;
  std::int64_t remainder_ = 0;
};

}  // namespace

sim::SimDuration exact_mean(std::span<const sim::SimDuration> samples) {
  ECSIM_ASSERT(!samples.empty());
  ExactMean mean(static_cast<std::int64_t>(samples.size()));
  for (const sim::SimDuration sample : samples) mean.add(sample.ticks());
  return mean.result();
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

DistributionSummary summarize_samples(std::span<const DurationSamples* const> parts) {
  std::vector<std::uint32_t> compact;
  std::vector<std::int64_t> other;
  for (const DurationSamples* part : parts) part->append_split(compact, other);
  DistributionSummary summary;
  summary.count = compact.size() + other.size();
  if (summary.count == 0) return summary;
  std::sort(other.begin(), other.end());  // few: only samples that do not fit the compact form
  // In sorted order the negative samples come first, then the compact ones, then the long ones.
  const auto negatives = static_cast<std::size_t>(std::lower_bound(other.begin(), other.end(), 0) - other.begin());
  const auto percentile_rank = [&](std::size_t p) { return (p * summary.count + 99) / 100; };  // as nearest_rank_percentile
  // Four ranks are asked for, not the order of all: each compact one is selected in linear time
  // (nth_element over what is left after the previous, smaller one) instead of sorting 10^7
  // samples per list.
  const std::size_t ranks[] = {percentile_rank(50), percentile_rank(90), percentile_rank(99), summary.count};
  auto unselected = compact.begin();
  for (const std::size_t rank : ranks) {
    const std::size_t k = rank - 1;
    if (k < negatives || k >= negatives + compact.size()) continue;
    const auto at = compact.begin() + static_cast<std::ptrdiff_t>(k - negatives);
    if (at >= unselected) {
      std::nth_element(unselected, at, compact.end());
      unselected = at + 1;
    }
  }
  const auto at_rank = [&](std::size_t rank) {  // 1-based; compact ranks selected above
    const std::size_t k = rank - 1;
    if (k < negatives) return sim::SimDuration::from_ticks(other[k]);
    if (k < negatives + compact.size()) return sim::SimDuration::from_ticks(compact[k - negatives]);
    return sim::SimDuration::from_ticks(other[k - compact.size()]);
  };
  const auto percentile = [&](std::size_t p) { return at_rank(percentile_rank(p)); };
  ExactMean mean(static_cast<std::int64_t>(summary.count));
  for (const std::int64_t v : other) mean.add(v);
  for (const std::uint32_t v : compact) mean.add(v);
  summary.mean = mean.result();
  summary.p50 = percentile(50);
  summary.p90 = percentile(90);
  summary.p99 = percentile(99);
  summary.max = at_rank(summary.count);
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
