#pragma once
// Pending-event sets: priority queues of EventKey ordered by (at, seq). The EventQueue is
// generic over them so the structure can be tuned without touching anything else; every
// implementation runs the same typed tests (tests/sim/event_queue_test.cc) and the hold-model
// benchmark (bench/hold_model_bench.cc).
//
//   RadixHeap       the default. A radix heap on `at` with 8-bit digits (a multi-level bucket
//                   queue): an entry moves down at most once per byte in which it differs from
//                   the current minimum, in sequential appends, so at large sizes it does a few
//                   streaming passes where an array heap does ~log2(n) cache misses.
//   QuaternaryHeap  an implicit 4-ary min-heap: the classic array heap, the floor to beat.

#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
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
  void push(const EventKey& k) {
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
  void sift_down(const EventKey& k) {
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

// Every entry is kept relative to a base time `base_` (never above the earliest pending `at`):
//
//   current_      entries with at == base_, in push order (they pop first, FIFO);
//   bucket (L,d)  entries whose highest byte differing from base_ is byte L, and whose byte L is d
//                 (d is then above base_'s byte L). Every entry of bucket (L,d) is below every
//                 entry of (L,d') for d < d', and every entry of level L is below every entry of
//                 level L+1, so the minimum is in the first non-empty bucket (found with bitmaps).
//
// When current_ runs dry, the first non-empty bucket becomes the new base: its minimum `at` is
// the new base_, and its entries move to current_ or to buckets of strictly lower levels. Entries
// with equal `at` always share a bucket and move in order, so equal times stay FIFO, which is why
// REQUIRES: keys are pushed in increasing seq order (BasicEventQueue numbers them as it pushes).
//
// Peeking (top) never moves anything, so base_ only advances on pop(): an entry pushed at or
// after the last popped time lands at or above base_. A key below base_ (pushed before the last
// popped time, or before a cancelled entry the queue dropped while peeking past a run_until()
// horizon) is still handled: the base is lowered by merging the levels under the byte where the
// two differ into one bucket, which costs only the entries near the old base.
//
// Buckets are linked lists of fixed-size blocks drawn from a shared free list, so memory follows
// the peak number of pending entries (not the sum of every bucket's own peak), and nothing is
// allocated per entry once the pool has grown to that peak.
class RadixHeap {
 public:
  RadixHeap() = default;
  RadixHeap(const RadixHeap&) = delete;
  RadixHeap& operator=(const RadixHeap&) = delete;
  // Buckets point into blocks owned by storage_, so moving swaps everything at once.
  RadixHeap(RadixHeap&& other) noexcept { swap(other); }
  RadixHeap& operator=(RadixHeap&& other) noexcept {
    RadixHeap taken(std::move(other));
    swap(taken);
    return *this;
  }

  void push(const EventKey& k) {
    ECSIM_ASSERT(k.seq >= seq_floor_);
    seq_floor_ = k.seq + 1;
    const auto at = static_cast<std::uint64_t>(k.at);
    if (at > base_) [[likely]] {
      place(k);
    } else {
      if (at < base_) {
        lower_base(at);
        peek_valid_ = false;
      }
      append(current_, k);
    }
    ++size_;
  }

  // The earliest entry (smallest (at, seq)). REQUIRES: !empty().
  EventKey top() const {
    ECSIM_ASSERT(size_ > 0);
    if (current_.head != nullptr) return current_.head->keys[cursor_];
    if (!peek_valid_) find_minimum();
    return peek_block_->keys[peek_index_];
  }

  // Removes and returns the earliest entry. REQUIRES: !empty().
  EventKey pop() {
    ECSIM_ASSERT(size_ > 0);
    if (current_.head == nullptr) [[unlikely]] refill();
    Block* block = current_.head;
    const EventKey k = block->keys[cursor_++];
    if (cursor_ == block->count) {
      current_.head = block->next;
      if (current_.head == nullptr) current_.tail = nullptr;
      release(block);
      cursor_ = 0;
    }
    --size_;
    return k;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

 private:
  static constexpr std::size_t kLevels = 8;  // bytes of a 64-bit time
  static constexpr std::size_t kDigits = 256;
  static constexpr std::size_t kWords = kDigits / 64;
  static constexpr std::uint32_t kBlockKeys = 64;

  struct Block {
    Block* next = nullptr;
    std::uint32_t count = 0;
    std::array<EventKey, kBlockKeys> keys;
  };
  struct Bucket {
    Block* head = nullptr;
    Block* tail = nullptr;
  };

  static std::size_t level_of(std::uint64_t differing_bits) {
    return static_cast<std::size_t>(63 - std::countl_zero(differing_bits)) / 8;
  }
  static std::size_t digit_of(std::uint64_t at, std::size_t level) { return (at >> (8 * level)) & 0xff; }

  Block* acquire() {
    Block* b = free_;
    if (b != nullptr) [[likely]] {
      free_ = b->next;
    } else {
      storage_.push_back(std::make_unique<Block>());
      b = storage_.back().get();
    }
    b->next = nullptr;
    b->count = 0;
    return b;
  }
  void release(Block* b) {
    b->next = free_;
    free_ = b;
  }

  void append(Bucket& bucket, const EventKey& k) {
    Block* tail = bucket.tail;
    if (tail == nullptr || tail->count == kBlockKeys) [[unlikely]] {
      Block* b = acquire();
      if (tail == nullptr) {
        bucket.head = b;
      } else {
        tail->next = b;
      }
      bucket.tail = tail = b;
    }
    tail->keys[tail->count++] = k;
  }

  // REQUIRES: k.at > base_.
  void place(const EventKey& k) {
    const auto at = static_cast<std::uint64_t>(k.at);
    const std::size_t level = level_of(at ^ base_);
    const std::size_t index = level * kDigits + digit_of(at, level);
    Bucket& bucket = buckets_[index];
    if (bucket.head == nullptr) {
      occupied_[index / 64] |= std::uint64_t{1} << (index % 64);
      levels_occupied_ |= 1U << level;
    }
    append(bucket, k);
    if (peek_valid_ && index <= peek_bucket_) [[unlikely]] {
      // Keep top()'s finding true: a new first bucket voids it; a new earliest entry in the same
      // bucket replaces it (an equal time does not: it came later).
      if (index < peek_bucket_) {
        peek_valid_ = false;
      } else if (k.at < peek_block_->keys[peek_index_].at) {
        peek_block_ = bucket.tail;
        peek_index_ = bucket.tail->count - 1;
      }
    }
  }

  // Index of the first non-empty bucket. REQUIRES: some bucket is non-empty.
  std::size_t first_bucket() const {
    ECSIM_ASSERT(levels_occupied_ != 0);
    const auto level = static_cast<std::size_t>(std::countr_zero(levels_occupied_));
    for (std::size_t w = 0; w < kWords; ++w) {
      const std::uint64_t bits = occupied_[level * kWords + w];
      if (bits != 0) return level * kDigits + w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
    }
    ECSIM_UNREACHABLE("a level marked occupied has no occupied bucket");
  }

  void mark_empty(std::size_t bucket) {
    std::uint64_t& word = occupied_[bucket / 64];
    word &= ~(std::uint64_t{1} << (bucket % 64));
    if (word != 0) return;  // (reading the other words only now spares a store-forwarding stall)
    const std::size_t level = bucket / kDigits;
    std::uint64_t any = 0;
    for (std::size_t w = 0; w < kWords; ++w) any |= occupied_[level * kWords + w];
    if (any == 0) levels_occupied_ &= ~(1U << level);
  }

  // Finds the first non-empty bucket and its earliest entry. REQUIRES: current_ empty, size_ > 0.
  void find_minimum() const {
    peek_bucket_ = first_bucket();
    peek_block_ = buckets_[peek_bucket_].head;
    peek_index_ = 0;
    // A level-0 bucket holds a single time, so its first entry is the earliest. Above level 0,
    // scan; strictly less keeps the first of equal times, the smallest seq.
    if (peek_bucket_ >= kDigits) {
      for (const Block* b = peek_block_; b != nullptr; b = b->next) {
        for (std::uint32_t i = 0; i < b->count; ++i) {
          if (b->keys[i].at < peek_block_->keys[peek_index_].at) {
            peek_block_ = b;
            peek_index_ = i;
          }
        }
      }
    }
    peek_valid_ = true;
  }

  // Makes the first non-empty bucket the new base. REQUIRES: current_ empty, size_ > 0.
  void refill() {
    if (!peek_valid_) find_minimum();
    peek_valid_ = false;
    Bucket& bucket = buckets_[peek_bucket_];
    mark_empty(peek_bucket_);
    base_ = static_cast<std::uint64_t>(peek_block_->keys[peek_index_].at);
    cursor_ = 0;
    if (peek_bucket_ < kDigits) {
      // Level 0: the bucket holds one time only, already in push order.
      current_ = bucket;
      bucket = Bucket{};
      return;
    }
    Block* b = bucket.head;
    bucket = Bucket{};
    while (b != nullptr) {
      for (std::uint32_t i = 0; i < b->count; ++i) {
        const EventKey& k = b->keys[i];
        if (static_cast<std::uint64_t>(k.at) == base_) {
          append(current_, k);
        } else {
          place(k);
        }
      }
      Block* next = b->next;
      release(b);
      b = next;
    }
  }

  // Lowers base_ to `at` < base_. Buckets at levels at or above the highest byte in which the two
  // differ stay valid; current_ and the lower levels all fall into one bucket of that level.
  void lower_base(std::uint64_t at) {
    const std::size_t level = level_of(at ^ base_);
    const std::size_t target_index = level * kDigits + digit_of(base_, level);
    Bucket& target = buckets_[target_index];  // empty: its digit is base_'s own
    for (Block* b = current_.head; b != nullptr;) {
      for (std::uint32_t i = cursor_; i < b->count; ++i) append(target, b->keys[i]);
      cursor_ = 0;
      Block* next = b->next;
      release(b);
      b = next;
    }
    current_ = Bucket{};
    for (std::size_t i = 0; i < level * kDigits; ++i) {
      Bucket& source = buckets_[i];
      if (source.head == nullptr) continue;
      if (target.head == nullptr) {
        target.head = source.head;
      } else {
        target.tail->next = source.head;
      }
      target.tail = source.tail;
      source = Bucket{};
    }
    for (std::size_t i = 0; i < level * kWords; ++i) occupied_[i] = 0;
    levels_occupied_ &= ~((1U << level) - 1);
    if (target.head != nullptr) {
      occupied_[target_index / 64] |= std::uint64_t{1} << (target_index % 64);
      levels_occupied_ |= 1U << level;
    }
    base_ = at;
  }

  void swap(RadixHeap& other) noexcept {
    std::swap(current_, other.current_);
    std::swap(cursor_, other.cursor_);
    std::swap(buckets_, other.buckets_);
    std::swap(occupied_, other.occupied_);
    std::swap(levels_occupied_, other.levels_occupied_);
    std::swap(base_, other.base_);
    std::swap(seq_floor_, other.seq_floor_);
    std::swap(size_, other.size_);
    std::swap(free_, other.free_);
    std::swap(storage_, other.storage_);
    std::swap(peek_valid_, other.peek_valid_);
    std::swap(peek_bucket_, other.peek_bucket_);
    std::swap(peek_block_, other.peek_block_);
    std::swap(peek_index_, other.peek_index_);
  }

  Bucket current_;              // entries at base_; the next to pop is current_.head->keys[cursor_]
  std::uint32_t cursor_ = 0;
  std::array<Bucket, kLevels * kDigits> buckets_{};         // index level * kDigits + digit
  std::array<std::uint64_t, kLevels * kWords> occupied_{};  // one bit per non-empty bucket
  std::uint32_t levels_occupied_ = 0;                       // one bit per level with any
  std::uint64_t base_ = 0;
  std::uint64_t seq_floor_ = 0;
  std::size_t size_ = 0;
  Block* free_ = nullptr;                         // free blocks, linked through next
  std::vector<std::unique_ptr<Block>> storage_;  // owns every block
  // find_minimum()'s result, kept true by place() and reused by the next refill(), so a peek
  // followed by pushes and a pop scans the bucket once. A cache of a pure function of the
  // contents, hence mutable.
  mutable bool peek_valid_ = false;
  mutable std::size_t peek_bucket_ = 0;
  mutable const Block* peek_block_ = nullptr;
  mutable std::uint32_t peek_index_ = 0;
};

static_assert(PendingSet<QuaternaryHeap>);
static_assert(PendingSet<RadixHeap>);

}  // namespace ecsim::sim
