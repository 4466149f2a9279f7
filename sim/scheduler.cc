#include "sim/scheduler.h"

#include <array>
#include <bit>

#include "sim/assert.h"

namespace ecsim::sim {
namespace {

constexpr std::array<std::uint64_t, 9> kPrimePowers = [] {
  std::array<std::uint64_t, 9> powers{};
  powers[0] = 1;
  for (std::size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * Fingerprint::kPrime;
  return powers;
}();

// FNV-1a of the 8 little-endian bytes of `word`, continuing from `h`: exactly what
// Fingerprint::add_u64 computes, in fewer steps for the small values events mostly carry. The
// dependent xor-multiply chain (40 steps per event) is what bounds the kernel's speed, and a zero
// byte only multiplies by the prime, so a word's zero high bytes fold into one multiplication by
// a power of the prime.
std::uint64_t fnv1a_add_word(std::uint64_t h, std::uint64_t word) {
  const int significant_bytes = 8 - std::countl_zero(word) / 8;  // 0 for word == 0
  for (int i = 0; i < significant_bytes; ++i) {
    h ^= (word >> (8 * i)) & 0xff;
    h *= Fingerprint::kPrime;
  }
  return h * kPrimePowers[static_cast<std::size_t>(8 - significant_bytes)];
}

}  // namespace

const char* to_string(RunStop stop) {
  switch (stop) {
    case RunStop::kExhausted: return "exhausted";
    case RunStop::kReachedEnd: return "reached end";
    case RunStop::kHitEventLimit: return "hit event limit";
    case RunStop::kStopRequested: return "stop requested";
  }
  ECSIM_UNREACHABLE("unknown RunStop");
}

void Scheduler::set_handler(EventKind kind, EventHandler* handler) {
  ECSIM_ASSERT(handler != nullptr);
  if (handlers_.size() <= kind) handlers_.resize(kind + 1, nullptr);
  handlers_[kind] = handler;
}

EventId Scheduler::schedule_at(SimTime at, const Event& event) {
  ECSIM_ASSERT_MSG(at >= now_, "scheduling an event in the past");
  return queue_.push(at, event);
}

void Scheduler::dispatch(const ScheduledEvent& e) {
  ECSIM_ASSERT(e.at >= now_);
  now_ = e.at;
  ++events_processed_;
  std::uint64_t h = fingerprint_;
  h = fnv1a_add_word(h, static_cast<std::uint64_t>(e.at.ticks()));
  h = fnv1a_add_word(h, e.event.kind);
  h = fnv1a_add_word(h, e.event.aux);
  h = fnv1a_add_word(h, e.event.target);
  h = fnv1a_add_word(h, e.event.arg);
  fingerprint_ = h;
  if (observer_ != nullptr) observer_->on_event(e.at, e.seq, e.event);
  ECSIM_ASSERT_MSG(e.event.kind < handlers_.size() && handlers_[e.event.kind] != nullptr,
                   "no handler registered for an event kind");
  handlers_[e.event.kind]->on_event(e.event);
}

bool Scheduler::next_event_time(SimTime* at, bool* is_arrival) {
  const SimTime arrival = arrivals_ != nullptr ? arrivals_->next_arrival_time() : SimTime::max();
  if (queue_.empty()) {
    if (arrival == SimTime::max()) return false;
    *at = arrival;
    *is_arrival = true;
    return true;
  }
  const SimTime pending = queue_.next_time();
  *is_arrival = arrival <= pending && arrival != SimTime::max();
  *at = *is_arrival ? arrival : pending;
  return true;
}

ScheduledEvent Scheduler::take_next(bool is_arrival) {
  if (!is_arrival) return queue_.pop();
  const SimTime at = arrivals_->next_arrival_time();
  return ScheduledEvent{at, kArrivalSeq, arrivals_->take_arrival()};
}

bool Scheduler::step() {
  SimTime at;
  bool is_arrival = false;
  if (!next_event_time(&at, &is_arrival)) return false;
  dispatch(take_next(is_arrival));
  return true;
}

RunStop Scheduler::run(RunLimits limits) {
  ECSIM_ASSERT(limits.end >= now_);
  stop_requested_ = false;
  std::uint64_t processed = 0;
  for (;;) {
    SimTime at;
    bool is_arrival = false;
    if (!next_event_time(&at, &is_arrival)) return RunStop::kExhausted;
    if (at > limits.end) {
      now_ = limits.end;
      return RunStop::kReachedEnd;
    }
    if (processed == limits.events_max) return RunStop::kHitEventLimit;
    dispatch(take_next(is_arrival));
    ++processed;
    if (stop_requested_) return RunStop::kStopRequested;
  }
}

}  // namespace ecsim::sim
