#pragma once
// A lookup from a resource's ID (a string the resource itself holds) to its index in a World
// table: open addressing with linear probing over 8-byte slots, each holding the index and 32 bits
// of the ID's hash. The IDs are not copied: a probe compares the hash bits first and then the ID
// the table holds (`key_of(index)`), so an entry costs 8 to 16 bytes (the table is 3/8 to 3/4 full) against the
// ~100 of a node-based std::unordered_map<std::string, ...>, and a lookup touches one slot line
// and one ID instead of a bucket, a node and a key. Insert and find only: World never forgets an
// ID (deleted resources stay in their table and their IDs stay taken).
//
// The hash is models/string_hash.h's.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "models/string_hash.h"
#include "sim/assert.h"
#include "sim/huge_pages.h"
#include "sim/prefetch.h"

namespace ecsim::models {

class IdIndex {
 public:
  // The index whose ID is `id`. key_of(index) -> std::string_view: the ID of that element.
  template <typename KeyOf>
  std::optional<std::uint32_t> find(std::string_view id, const KeyOf& key_of) const {
    const std::uint32_t tag = hash(id);
    for (std::size_t k = 0; k < pending_size_; ++k) {
      const Slot& slot = pending_[k];
      if (slot.tag == tag && key_of(slot.index_plus_one - 1) == id) return slot.index_plus_one - 1;
    }
    if (slots_.empty()) return std::nullopt;
    for (std::size_t s = tag & mask_;; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (slot.index_plus_one == 0) return std::nullopt;
      if (slot.tag == tag && key_of(slot.index_plus_one - 1) == id) return slot.index_plus_one - 1;
    }
  }

  // Files `index` under `id`. The ID must be new: a duplicate is an internal error (reported
  // when the entry is placed, at most kBatch inserts later, or by find() before that).
  //
  // Why batches: an ID is a hash, so its slot is a cache miss in a table of 10^7 entries, and
  // CreateImage inserts two (image and snapshot). Held back kBatch at a time and then placed
  // together, after a prefetch of every slot, the misses overlap instead of queueing.
  template <typename KeyOf>
  void insert(std::string_view id, std::uint32_t index, const KeyOf& key_of) {
    ECSIM_ASSERT(index != UINT32_MAX);
    const std::uint32_t tag = hash(id);
    for (std::size_t k = 0; k < pending_size_; ++k) {
      ECSIM_ASSERT_MSG(pending_[k].tag != tag || key_of(pending_[k].index_plus_one - 1) != id, "IdIndex: duplicate ID");
    }
    pending_[pending_size_++] = Slot{tag, index + 1};
    if (pending_size_ == kBatch) flush(key_of);
  }

  std::size_t size() const { return size_ + pending_size_; }

  // A hint that find(id) comes soon: starts loading its first slot, so the cache miss overlaps
  // other work. Changes nothing else.
  void prefetch(std::string_view id) const {
    if (!slots_.empty()) sim::prefetch_for_read(&slots_[hash(id) & mask_]);
  }

 private:
  static constexpr std::size_t kBatch = 16;

  struct Slot {
    std::uint32_t tag = 0;             // the hash's high 32 bits
    std::uint32_t index_plus_one = 0;  // 0: empty
  };

  // The hash's high half: it picks the home slot (its low bits) and is kept as the tag, so a
  // growing table re-places its entries from the slots alone, without reading a single ID (at
  // 10^7 IDs that was 10^7 cache misses per doubling).
  static std::uint32_t hash(std::string_view id) { return static_cast<std::uint32_t>(string_hash(id) >> 32); }

  template <typename KeyOf>
  void flush(const KeyOf& key_of) {
    while ((size_ + pending_size_) * 4 > slots_.size() * 3) grow();
    for (std::size_t k = 0; k < pending_size_; ++k) __builtin_prefetch(&slots_[pending_[k].tag & mask_], 1);
    for (std::size_t k = 0; k < pending_size_; ++k) {
      const Slot e = pending_[k];
      std::size_t s = e.tag & mask_;
      for (; slots_[s].index_plus_one != 0; s = (s + 1) & mask_) {
        ECSIM_ASSERT_MSG(slots_[s].tag != e.tag || key_of(slots_[s].index_plus_one - 1) != key_of(e.index_plus_one - 1),
                         "IdIndex: duplicate ID");
      }
      slots_[s] = e;
    }
    size_ += pending_size_;
    pending_size_ = 0;
  }

  void place(Slot slot) {
    std::size_t s = slot.tag & mask_;
    while (slots_[s].index_plus_one != 0) s = (s + 1) & mask_;
    slots_[s] = slot;
  }

  void grow() {
    std::vector<Slot, sim::LargeBlockAllocator<Slot>> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.index_plus_one != 0) place(slot);
    }
  }

  std::vector<Slot, sim::LargeBlockAllocator<Slot>> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;  // in slots_
  std::array<Slot, kBatch> pending_{};
  std::size_t pending_size_ = 0;
};

}  // namespace ecsim::models
