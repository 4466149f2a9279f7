#pragma once
// The future-event set: pending events ordered by (at, seq); equal times pop in scheduling order.
//
// Each entry of the pending set carries its payload and its handle (slot, generation). The queue
// keeps one generation counter per slot: odd while the slot's event is pending, even when the slot
// is free. Popping or cancelling bumps it, which makes every older handle stale, and frees the
// slot at once, so the slot table only grows to the peak number of pending events and scheduling
// allocates nothing after that. Cancelling is O(1): the entry stays in the pending set as a
// tombstone that pop() recognises by its generation and drops. (A handle could only be confused
// with a newer one after 2^31 reuses of its slot while it is held.)
//
// Not thread-safe: a simulation runs on one thread.

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/assert.h"
#include "sim/event.h"
#include "sim/pending_set.h"
#include "sim/time.h"

namespace ecsim::sim {

struct ScheduledEvent {
  SimTime at;
  std::uint64_t seq = 0;
  Event event;
};

template <PendingSet Pending>
class BasicEventQueue {
 public:
  // Schedules `event` at `at`. REQUIRES: at >= 0. (The Scheduler asserts at >= now.)
  EventId push(SimTime at, const Event& event) {
    ECSIM_ASSERT(at.ticks() >= 0);
    std::uint32_t slot;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
    } else {
      ECSIM_ASSERT(generations_.size() < std::numeric_limits<std::uint32_t>::max());
      slot = static_cast<std::uint32_t>(generations_.size());
      generations_.push_back(0);
    }
    const std::uint32_t generation = ++generations_[slot];  // odd: pending
    pending_.push(EventKey{at.ticks(), next_seq_++, slot, generation, event});
    ++live_count_;
    return EventId{slot, generation};
  }

  // Cancels a pending event. Returns false (and does nothing) when the handle is stale: the event
  // already ran or was already cancelled.
  bool cancel(EventId id) {
    if (!is_pending(id)) return false;
    release(id.slot);
    ++tombstones_;
    return true;
  }

  bool is_pending(EventId id) const {
    return (id.generation & 1U) != 0 && id.slot < generations_.size() && generations_[id.slot] == id.generation;
  }

  bool empty() const { return live_count_ == 0; }
  std::size_t size() const { return live_count_; }

  // Time of the earliest pending event. REQUIRES: !empty().
  SimTime next_time() {
    ECSIM_ASSERT(!empty());
    for (;;) {
      const EventKey k = pending_.top();
      if (tombstones_ == 0 || generations_[k.slot] == k.generation) [[likely]] {
        return SimTime::from_ticks(k.at);
      }
      drop_tombstone();
    }
  }

  // Removes and returns the earliest pending event. REQUIRES: !empty().
  ScheduledEvent pop() {
    ECSIM_ASSERT(!empty());
    for (;;) {
      const EventKey k = pending_.pop();
      if (tombstones_ != 0 && generations_[k.slot] != k.generation) [[unlikely]] {
        --tombstones_;
        continue;
      }
      release(k.slot);
      return ScheduledEvent{SimTime::from_ticks(k.at), k.seq, k.event};
    }
  }

  std::uint64_t scheduled_total() const { return next_seq_; }

 private:
  // Ends the pending life of the event in `slot` (popped or cancelled) and frees the slot.
  void release(std::uint32_t slot) {
    ++generations_[slot];  // even: free
    free_slots_.push_back(slot);
    --live_count_;
  }

  void drop_tombstone() {
    static_cast<void>(pending_.pop());
    --tombstones_;
  }

  Pending pending_;
  std::vector<std::uint32_t> generations_;  // per slot; odd while its event is pending
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_count_ = 0;
  std::size_t tombstones_ = 0;  // cancelled entries still inside pending_
};

using EventQueue = BasicEventQueue<RadixHeap>;

}  // namespace ecsim::sim
