#pragma once
// Pending-event sets: priority queues of EventKey ordered by (at, seq). The EventQueue is
// generic over them so the structure can be tuned without touching anything else; every
// implementation runs the same typed tests (tests/sim/event_queue_test.cc) and the hold-model
// benchmark (bench/).
//
//   RadixHeap       the default. Keys popped are monotone (nothing is scheduled before the
//                   current time, and seq only grows), which allows a radix heap over the
//                   128-bit key (at, seq): amortised O(log C) with sequential memory access.
//   QuaternaryHeap  an implicit 4-ary min-heap: the classic array heap, the floor to beat.

#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/assert.h"
#include "sim/event.h"

namespace ecsim::sim {

template <typename P>
concept PendingSet = requires(P p, const P cp, EventKey k) {
  { p.push(k) };
  { p.pop() } -> std::same_as<EventKey>;
  { cp.top() } -> std::same_as<EventKey>;
  { cp.empty() } -> std::same_as<bool>;
  { cp.size() } -> std::same_as<std::size_t>;
};

class QuaternaryHeap {
 public:
  void push(EventKey k) {
    heap_.push_back(k);
    sift_up(heap_.size() - 1);
  }
  EventKey top() const {
    ECSIM_ASSERT(!heap_.empty());
    return heap_.front();
  }
  EventKey pop() {
    ECSIM_ASSERT(!heap_.empty());
    const EventKey result = heap_.front();
    const EventKey last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return result;
  }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }

 private:
  void sift_up(std::size_t i) {
    const EventKey k = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!(k < heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = k;
  }
  // Places k (the former last element) starting from the root.
  void sift_down(EventKey k) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + 4 < n ? first + 4 : n;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (heap_[c] < heap_[best]) best = c;
      }
      if (!(heap_[best] < k)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = k;
  }

  std::vector<EventKey> heap_;
};

class RadixHeap {
 public:
  // Keys are expected to be monotone: not less than the last key popped or peeked. A key below
  // that (possible after a peek past a run_until() horizon) is still handled correctly, by an
  // O(n) rebase that the simulator's own event flow never triggers.
  void push(EventKey k) {
    if (k < last_) rebase(k);
    buckets_[bucket_of(k)].push_back(k);
    ++size_;
  }
  EventKey top() {
    ECSIM_ASSERT(size_ > 0);
    refill();
    return buckets_[0].back();
  }
  EventKey top() const {
    // The const view cannot redistribute; find the minimum of the first non-empty bucket.
    ECSIM_ASSERT(size_ > 0);
    for (const auto& b : buckets_) {
      if (b.empty()) continue;
      EventKey best = b.front();
      for (const EventKey& k : b) {
        if (k < best) best = k;
      }
      return best;
    }
    ECSIM_UNREACHABLE("size_ > 0 but every bucket is empty");
  }
  EventKey pop() {
    ECSIM_ASSERT(size_ > 0);
    refill();
    const EventKey k = buckets_[0].back();
    buckets_[0].pop_back();
    --size_;
    return k;
  }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

 private:
  // Bucket 0 holds keys equal to last_; bucket b > 0 holds keys whose highest bit differing from
  // last_ (in the 128-bit concatenation at:seq) is bit b-1.
  static constexpr std::size_t kBuckets = 129;

  std::size_t bucket_of(const EventKey& k) const {
    const auto at_diff = static_cast<std::uint64_t>(k.at) ^ static_cast<std::uint64_t>(last_.at);
    if (at_diff != 0) return 65 + (63 - static_cast<std::size_t>(std::countl_zero(at_diff)));
    const std::uint64_t seq_diff = k.seq ^ last_.seq;
    if (seq_diff != 0) return 1 + (63 - static_cast<std::size_t>(std::countl_zero(seq_diff)));
    return 0;
  }

  // Makes bucket 0 non-empty: finds the smallest key in the first non-empty bucket, makes it the
  // new last_, and redistributes that bucket (every key moves to a strictly lower bucket).
  void refill() {
    if (!buckets_[0].empty()) return;
    std::size_t b = 1;
    while (buckets_[b].empty()) ++b;
    std::vector<EventKey>& src = buckets_[b];
    EventKey min = src.front();
    for (const EventKey& k : src) {
      if (k < min) min = k;
    }
    last_ = min;
    for (const EventKey& k : src) buckets_[bucket_of(k)].push_back(k);
    src.clear();
  }

  // Makes k (smaller than every stored key) the new reference point and re-buckets everything.
  void rebase(EventKey k) {
    scratch_.clear();
    for (auto& b : buckets_) {
      scratch_.insert(scratch_.end(), b.begin(), b.end());
      b.clear();
    }
    last_ = k;
    for (const EventKey& key : scratch_) buckets_[bucket_of(key)].push_back(key);
  }

  std::array<std::vector<EventKey>, kBuckets> buckets_{};
  std::vector<EventKey> scratch_;
  EventKey last_{};
  std::size_t size_ = 0;
};

static_assert(PendingSet<QuaternaryHeap>);
static_assert(PendingSet<RadixHeap>);

}  // namespace ecsim::sim
