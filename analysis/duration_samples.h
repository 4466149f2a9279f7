#pragma once
// Latency samples of a run, exact, in about 4 bytes each.
//
// A summary's percentiles are exact (nearest rank over every sample), so every sample is kept:
// four per CreateImage, 40 million in a run of 10^7 calls. As 8-byte ticks that is 320 MB; but
// nearly every latency is under 2^32 - 1 ticks (71 minutes), so a sample is kept as 32 bits and
// only the rare longer (or negative) one goes, in full, to a side list, with a marker in its
// place. values() gives back exactly what was added, in the order it was added.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <vector>

#include "sim/time.h"

namespace ecsim::analysis {

class DurationSamples {
 public:
  DurationSamples() = default;
  DurationSamples(std::initializer_list<sim::SimDuration> samples) {
    for (sim::SimDuration d : samples) push_back(d);
  }

  void push_back(sim::SimDuration d) {
    const std::int64_t ticks = d.ticks();
    if (ticks >= 0 && ticks < kLong) {
      compact_.push_back(static_cast<std::uint32_t>(ticks));
    } else {
      compact_.push_back(kLong);
      long_.push_back(ticks);
    }
  }

  bool empty() const { return compact_.empty(); }
  std::size_t size() const { return compact_.size(); }

  // Every sample, in the order added.
  std::vector<sim::SimDuration> values() const {
    std::vector<sim::SimDuration> out;
    out.reserve(compact_.size());
    std::size_t next_long = 0;
    for (std::uint32_t c : compact_) {
      out.push_back(sim::SimDuration::from_ticks(c != kLong ? static_cast<std::int64_t>(c) : long_[next_long++]));
    }
    return out;
  }
  // Appends the samples below 2^32 - 1 ticks (and not negative) to `compact` and the others to
  // `other`, each in the order added: what a summary sorts without an 8-byte copy of them all.
  void append_split(std::vector<std::uint32_t>& compact, std::vector<std::int64_t>& other) const {
    for (std::uint32_t c : compact_) {
      if (c != kLong) compact.push_back(c);
    }
    other.insert(other.end(), long_.begin(), long_.end());
  }
  // Calls f(value) for every sample below 2^32 - 1 ticks (and not negative), in the order added.
  template <typename F>
  void for_each_compact(F&& f) const {
    for (const std::uint32_t c : compact_) {
      if (c != kLong) f(c);
    }
  }
  // Appends the other samples (negative, or 2^32 - 1 ticks and more) to `other`, in the order added.
  void append_long(std::vector<std::int64_t>& other) const { other.insert(other.end(), long_.begin(), long_.end()); }
  // Appends every sample to `out`, in the order added.
  void append_to(std::vector<sim::SimDuration>& out) const {
    const std::vector<sim::SimDuration> v = values();
    out.insert(out.end(), v.begin(), v.end());
  }

 private:
  static constexpr std::uint32_t kLong = 0xffffffffU;  // the marker: the sample is in long_
  // A deque: it grows block by block, so 40 million samples never sit in a vector of twice the
  // capacity they need, nor in two of them while one is copied into the other.
  std::deque<std::uint32_t> compact_;
  std::vector<std::int64_t> long_;
};

}  // namespace ecsim::analysis
