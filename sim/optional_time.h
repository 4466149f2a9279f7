#pragma once
// An optional virtual time in 8 bytes: std::optional<SimTime> takes 16 (the flag pads to the
// time's alignment), and an image keeps one for its finish time, 10^7 times over at scale.
// The empty state is a tick count no virtual time has (virtual time starts at zero and only
// goes forward), so every SimTime the simulator produces can be held.

#include <cstdint>
#include <limits>

#include "sim/assert.h"
#include "sim/time.h"

namespace ecsim::sim {

class OptionalSimTime {
 public:
  constexpr OptionalSimTime() = default;
  OptionalSimTime(SimTime t) : t_(t) { ECSIM_ASSERT(t.ticks() != kEmpty); }  // NOLINT: implicit, as optional's

  constexpr bool has_value() const { return t_.ticks() != kEmpty; }
  constexpr explicit operator bool() const { return has_value(); }
  SimTime operator*() const {
    ECSIM_ASSERT(has_value());
    return t_;
  }
  SimTime value_or(SimTime fallback) const { return has_value() ? t_ : fallback; }
  void reset() { t_ = SimTime::from_ticks(kEmpty); }

 private:
  static constexpr std::int64_t kEmpty = std::numeric_limits<std::int64_t>::min();
  SimTime t_ = SimTime::from_ticks(kEmpty);
};

static_assert(sizeof(OptionalSimTime) == sizeof(SimTime));

}  // namespace ecsim::sim
