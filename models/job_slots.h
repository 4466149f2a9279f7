#pragma once
// Dense slots for the jobs in flight, keyed by a sparse id (a snapshot's index in World).
//
// A service keeps per-job state (a rate cap, a fault plan, a pending event) only while the job
// runs. Indexing that state by the resource's own index costs bytes for every resource the run
// ever made: at 10^7 snapshots, each byte per snapshot is 10 MB. JobSlots hands out slots
// 0, 1, 2, ... instead, reusing the slots of finished jobs, so tables indexed by slot stay as
// large as the most jobs ever in flight at once (about a hundred in a steady region).
//
// The id -> slot lookup is open addressing with linear probing over a power-of-two table, kept
// at most half full; erase shifts the following entries back (no tombstones), so the table never
// degrades however many jobs come and go. Which slot a job gets depends only on the order of
// acquire and release calls, never on addresses: deterministic.

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/assert.h"

namespace ecsim::models {

class JobSlots {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffU;

  // A slot for `id`. REQUIRES: id has none; id != kNone.
  std::uint32_t acquire(std::uint32_t id) {
    ECSIM_ASSERT(id != kNone && !find(id));
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(id_of_slot_.size());
      id_of_slot_.push_back(kNone);
    }
    id_of_slot_[slot] = id;
    if ((size_ + 1) * 2 > table_.size()) grow();
    place(Entry{id, slot});
    ++size_;
    return slot;
  }

  // The slot of `id`, if it has one.
  std::optional<std::uint32_t> find(std::uint32_t id) const {
    if (table_.empty()) return std::nullopt;
    for (std::size_t i = home(id);; i = (i + 1) & mask_) {
      if (table_[i].id == kNone) return std::nullopt;
      if (table_[i].id == id) return table_[i].slot;
    }
  }

  // Frees the slot of `id` for a later job. REQUIRES: id has a slot.
  void release(std::uint32_t id) {
    std::size_t i = home(id);
    while (table_[i].id != id) {
      ECSIM_ASSERT_MSG(table_[i].id != kNone, "JobSlots::release of an id without a slot");
      i = (i + 1) & mask_;
    }
    free_.push_back(table_[i].slot);
    id_of_slot_[table_[i].slot] = kNone;
    // Backward-shift deletion: move later entries of the probe run into the hole when their home
    // does not lie cyclically in (hole, their position].
    std::size_t hole = i;
    for (std::size_t j = (hole + 1) & mask_; table_[j].id != kNone; j = (j + 1) & mask_) {
      const std::size_t h = home(table_[j].id);
      const bool stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
      if (stays) continue;
      table_[hole] = table_[j];
      hole = j;
    }
    table_[hole] = Entry{};
    --size_;
  }

  // The id holding `slot`, kNone when it is free. REQUIRES: slot < slot_count().
  std::uint32_t id_of(std::uint32_t slot) const { return id_of_slot_[slot]; }
  // Slots ever handed out (the size a table indexed by slot needs).
  std::size_t slot_count() const { return id_of_slot_.size(); }
  std::size_t size() const { return size_; }

 private:
  struct Entry {
    std::uint32_t id = kNone;
    std::uint32_t slot = 0;
  };

  std::size_t home(std::uint32_t id) const {
    // Fibonacci hashing: consecutive ids (the usual case) spread over the table.
    return static_cast<std::size_t>((static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ULL) >> 32) & mask_;
  }

  void place(Entry e) {
    std::size_t i = home(e.id);
    while (table_[i].id != kNone) i = (i + 1) & mask_;
    table_[i] = e;
  }

  void grow() {
    std::vector<Entry> old = std::move(table_);
    table_.assign(old.empty() ? 16 : old.size() * 2, Entry{});
    mask_ = table_.size() - 1;
    for (const Entry& e : old) {
      if (e.id != kNone) place(e);
    }
  }

  std::vector<Entry> table_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  std::vector<std::uint32_t> id_of_slot_;
  std::vector<std::uint32_t> free_;  // a stack: the most recently freed slot is reused first
};

}  // namespace ecsim::models
