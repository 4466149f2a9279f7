#pragma once
// Images by (region, name): what CreateImage checks for InvalidImageName.Duplicated and
// DescribeImages filters by, once per call. Open addressing with linear probing over 8-byte slots
// like IdIndex, but a multimap that forgets: a name is freed when its image is deleted or renamed,
// and more than one image may carry a name (scenarios may declare them so). The key is not copied:
// a probe compares 32 bits of the hash and then the element's own (region, name) (`key_of`).
// About 12 bytes per image (at most 3/4 full) against the ~120 of an unordered_map<std::string, std::vector<...>>.
//
// The hash is models/string_hash.h's, and the table is never iterated: its layout cannot reach an
// output.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "models/string_hash.h"
#include "sim/assert.h"
#include "sim/huge_pages.h"
#include "sim/prefetch.h"

namespace ecsim::models {

class NameIndex {
 public:
  using Key = std::pair<std::string_view, std::string_view>;  // (region, name)

  // A hint that a lookup of (region, name) comes soon: starts loading its first slot, so the cache
  // miss overlaps other work. Changes nothing else.
  void prefetch(std::string_view region, std::string_view name) const {
    if (!slots_.empty()) sim::prefetch_for_read(&slots_[hash(region, name) & mask_]);
  }

  // The smallest index whose key is (region, name). key_of(index) -> Key.
  template <typename KeyOf>
  std::optional<std::uint32_t> find_first(std::string_view region, std::string_view name, const KeyOf& key_of) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint32_t tag = hash(region, name);
    std::optional<std::uint32_t> best;
    for (std::size_t s = tag & mask_;; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (slot.index_plus_one == kEmpty) return best;
      if (slot.index_plus_one == kTombstone || slot.tag != tag) continue;
      const std::uint32_t index = slot.index_plus_one - 1;
      if ((!best || index < *best) && key_of(index) == Key{region, name}) best = index;
    }
  }

  // REQUIRES: `index` is not in the table; index < 2^32 - 2.
  void insert(std::string_view region, std::string_view name, std::uint32_t index) {
    ECSIM_ASSERT(index + 2 > index && index + 2 != 0);
    if ((used_ + 1) * 4 > slots_.size() * 3) rehash();
    place(Slot{hash(region, name), index + 1});
    ++size_;
    ++used_;
  }

  // Removes `index`, filed under (region, name); no-op when it is not there.
  void erase(std::string_view region, std::string_view name, std::uint32_t index) {
    if (slots_.empty()) return;
    const std::uint32_t tag = hash(region, name);
    for (std::size_t s = tag & mask_;; s = (s + 1) & mask_) {
      Slot& slot = slots_[s];
      if (slot.index_plus_one == kEmpty) return;
      if (slot.index_plus_one == index + 1) {
        slot.index_plus_one = kTombstone;  // probes for other keys pass over it; rehash drops it
        --size_;
        return;
      }
    }
  }

  std::size_t size() const { return size_; }

 private:
  static constexpr std::uint32_t kEmpty = 0;
  static constexpr std::uint32_t kTombstone = UINT32_MAX;
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t index_plus_one = kEmpty;
  };

  // The hash's high half: it picks the home slot (its low bits) and is kept as the tag, so a
  // rebuild re-places the entries from the slots alone, without reading any image's name.
  static std::uint32_t hash(std::string_view region, std::string_view name) {
    // A byte no region ID holds separates the two parts.
    return static_cast<std::uint32_t>(
        mix_bits(fnv1a_append(fnv1a_append(fnv1a_append(kFnvOffsetBasis, region), "\xff"), name)) >> 32);
  }

  void place(Slot slot) {
    std::size_t s = slot.tag & mask_;
    while (slots_[s].index_plus_one != kEmpty) s = (s + 1) & mask_;
    slots_[s] = slot;
  }

  // Runs when live entries and tombstones fill 3/4 of the slots: grows until the live entries
  // fill at most 3/8 (so a rebuild is followed by at least 3/8 of the table's inserts before the
  // next, even when erases and inserts alternate), dropping the tombstones.
  void rehash() {
    std::vector<Slot, sim::LargeBlockAllocator<Slot>> old = std::move(slots_);
    std::size_t n = old.empty() ? 16 : old.size();
    while ((size_ + 1) * 8 > n * 3) n *= 2;
    slots_.assign(n, Slot{});
    mask_ = n - 1;
    for (const Slot& slot : old) {
      if (slot.index_plus_one == kEmpty || slot.index_plus_one == kTombstone) continue;
      place(slot);
    }
    used_ = size_;
  }

  std::vector<Slot, sim::LargeBlockAllocator<Slot>> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;  // live entries
  std::size_t used_ = 0;  // live entries and tombstones
};

}  // namespace ecsim::models
