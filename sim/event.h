#pragma once
// What the kernel stores per pending event: an ordering key and a small plain payload.
// The kernel gives payloads no meaning: `kind` selects the handler the models registered, and
// `target`/`arg` are that handler's own integers (typically a table index and a generation).
// Plain data only: no std::function and no heap object per event.

#include <cstdint>

#include "sim/time.h"

namespace ecsim::sim {

using EventKind = std::uint32_t;

struct Event {
  EventKind kind = 0;
  std::uint32_t aux = 0;
  std::uint64_t target = 0;
  std::uint64_t arg = 0;
};

// One entry of a pending-event set. Events are ordered by (at, seq) only. seq is the scheduling
// order, unique per queue: equal times pop first-in first-out, always. The entry carries its
// payload and its handle (slot, generation), so popping it reads nothing else: the queue only
// compares the generation with its slot table when a cancelled entry may still be pending.
struct EventKey {
  std::int64_t at = 0;           // SimTime ticks
  std::uint64_t seq = 0;         // insertion sequence number
  std::uint32_t slot = 0;        // the handle's slot in the queue's generation table
  std::uint32_t generation = 0;  // the handle's generation; the entry is live while they match
  Event event;

  friend constexpr bool operator<(const EventKey& a, const EventKey& b) {
    return a.at != b.at ? a.at < b.at : a.seq < b.seq;
  }
};

// A handle to a scheduled event, for cancelling it. Stale handles (the event ran or was
// cancelled) are detected by the generation and ignored.
struct EventId {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;  // 0 is never a live generation: EventId{} is "no event"
  constexpr bool valid() const { return generation != 0; }
  friend constexpr bool operator==(const EventId&, const EventId&) = default;
};

}  // namespace ecsim::sim
