#include "analysis/distribution_summary.h"

#include <algorithm>
#include <array>
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
  // Four ranks are asked for, not the order of all, and the samples are not copied: a run of 10^7
  // calls has lists of 10^7, and copying and sorting them was seconds at the end of the run and
  // tens of megabytes at its peak. The few samples outside 32 bits are sorted; a rank among the
  // others is found by radix selection in two passes over them: a count of their high 16 bits
  // finds the bucket the rank falls in, then a count of the low 16 bits within that bucket finds
  // the value.
  std::vector<std::int64_t> other;
  DistributionSummary summary;
  for (const DurationSamples* part : parts) {
    summary.count += part->size();
    part->append_long(other);
  }
  if (summary.count == 0) return summary;
  std::sort(other.begin(), other.end());
  const std::size_t compact_count = summary.count - other.size();
  // In sorted order the negative samples come first, then the compact ones, then the long ones.
  const auto negatives = static_cast<std::size_t>(std::lower_bound(other.begin(), other.end(), 0) - other.begin());
  const auto percentile_rank = [&](std::size_t p) { return (p * summary.count + 99) / 100; };  // as nearest_rank_percentile
  const std::array<std::size_t, 4> ranks = {percentile_rank(50), percentile_rank(90), percentile_rank(99), summary.count};

  ExactMean mean(static_cast<std::int64_t>(summary.count));
  for (const std::int64_t v : other) mean.add(v);
  std::vector<std::uint64_t> high(std::size_t{1} << 16, 0);
  for (const DurationSamples* part : parts) {
    part->for_each_compact([&](std::uint32_t c) {
      ++high[c >> 16];
      mean.add(c);
    });
  }
  summary.mean = mean.result();

  // For each rank among the compact samples: its bucket and its place within the bucket.
  std::array<std::int32_t, 4> bucket{-1, -1, -1, -1};
  std::array<std::uint64_t, 4> within{};
  for (std::size_t r = 0; r < ranks.size(); ++r) {
    const std::size_t k = ranks[r] - 1;
    if (k < negatives || k >= negatives + compact_count) continue;
    std::uint64_t left = k - negatives;
    std::size_t b = 0;
    while (left >= high[b]) left -= high[b++];
    bucket[r] = static_cast<std::int32_t>(b);
    within[r] = left;
  }
  std::vector<std::int8_t> slot_of(high.size(), -1);  // bucket -> its low-bits count below
  std::vector<std::vector<std::uint64_t>> low;
  for (std::size_t r = 0; r < ranks.size(); ++r) {
    if (bucket[r] < 0 || slot_of[static_cast<std::size_t>(bucket[r])] >= 0) continue;
    slot_of[static_cast<std::size_t>(bucket[r])] = static_cast<std::int8_t>(low.size());
    low.emplace_back(std::size_t{1} << 16, 0);
  }
  if (!low.empty()) {
    for (const DurationSamples* part : parts) {
      part->for_each_compact([&](std::uint32_t c) {
        const std::int8_t slot = slot_of[c >> 16];
        if (slot >= 0) ++low[static_cast<std::size_t>(slot)][c & 0xffff];
      });
    }
  }
  const auto at_rank = [&](std::size_t r) {
    const std::size_t k = ranks[r] - 1;  // 0-based
    if (k < negatives) return sim::SimDuration::from_ticks(other[k]);
    if (k >= negatives + compact_count) return sim::SimDuration::from_ticks(other[k - compact_count]);
    const auto b = static_cast<std::size_t>(bucket[r]);
    const std::vector<std::uint64_t>& counts = low[static_cast<std::size_t>(slot_of[b])];
    std::uint64_t left = within[r];
    std::size_t v = 0;
    while (left >= counts[v]) left -= counts[v++];
    return sim::SimDuration::from_ticks(static_cast<std::int64_t>((b << 16) | v));
  };
  summary.p50 = at_rank(0);
  summary.p90 = at_rank(1);
  summary.p99 = at_rank(2);
  summary.max = at_rank(3);
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
