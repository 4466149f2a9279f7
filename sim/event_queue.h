#pragma once
// The future-event set: pending events ordered by (at, seq), payloads kept in a pool of slots
// that is reused, so scheduling allocates nothing once the pool has grown to the peak number of
// pending events. Cancelling is O(1): the slot's generation is bumped and the key left in the
// pending set as a tombstone that pop() skips.
//
// Not thread-safe: a simulation runs on one thread.

#include <cstdint>
#include <optional>
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
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{});
    }
    Slot& s = slots_[slot];
    s.event = event;
    s.live = true;
    pending_.push(EventKey{at.ticks(), next_seq_++, slot});
    ++live_count_;
    return EventId{slot, s.generation};
  }

  // Cancels a pending event. Returns false (and does nothing) when the handle is stale: the event
  // already ran or was already cancelled.
  bool cancel(EventId id) {
    if (!id.valid() || id.slot >= slots_.size()) return false;
    Slot& s = slots_[id.slot];
    if (!s.live || s.generation != id.generation) return false;
    s.live = false;
    --live_count_;
    return true;
  }

  bool is_pending(EventId id) const {
    return id.valid() && id.slot < slots_.size() && slots_[id.slot].live && slots_[id.slot].generation == id.generation;
  }

  bool empty() { skip_cancelled(); return pending_.empty(); }
  std::size_t size() const { return live_count_; }

  // Time of the earliest pending event. REQUIRES: !empty().
  SimTime next_time() {
    skip_cancelled();
    ECSIM_ASSERT(!pending_.empty());
    return SimTime::from_ticks(pending_.top().at);
  }

  // Removes and returns the earliest pending event. REQUIRES: !empty().
  ScheduledEvent pop() {
    skip_cancelled();
    ECSIM_ASSERT(!pending_.empty());
    const EventKey k = pending_.pop();
    Slot& s = slots_[k.slot];
    ScheduledEvent out{SimTime::from_ticks(k.at), k.seq, s.event};
    release(k.slot);
    --live_count_;
    return out;
  }

  std::uint64_t scheduled_total() const { return next_seq_; }

 private:
  struct Slot {
    Event event;
    std::uint32_t generation = 1;
    bool live = false;
  };

  void release(std::uint32_t slot) {
    Slot& s = slots_[slot];
    s.live = false;
    // Generation 0 means "no event"; skip it when wrapping.
    if (++s.generation == 0) s.generation = 1;
    free_slots_.push_back(slot);
  }

  void skip_cancelled() {
    while (!pending_.empty()) {
      const EventKey k = pending_.top();
      if (slots_[k.slot].live) return;
      pending_.pop();
      release(k.slot);
    }
  }

  Pending pending_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_count_ = 0;
};

using EventQueue = BasicEventQueue<RadixHeap>;

}  // namespace ecsim::sim
