#include "sim/scheduler.h"

#include "sim/assert.h"

namespace ecsim::sim {

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
  fingerprint_.add_u64(static_cast<std::uint64_t>(e.at.ticks()));
  fingerprint_.add_u64(e.event.kind);
  fingerprint_.add_u64(e.event.aux);
  fingerprint_.add_u64(e.event.target);
  fingerprint_.add_u64(e.event.arg);
  if (observer_ != nullptr) observer_->on_event(e.at, e.seq, e.event);
  ECSIM_ASSERT_MSG(e.event.kind < handlers_.size() && handlers_[e.event.kind] != nullptr,
                   "no handler registered for an event kind");
  handlers_[e.event.kind]->on_event(e.event);
}

bool Scheduler::step() {
  if (queue_.empty()) return false;
  dispatch(queue_.pop());
  return true;
}

RunStop Scheduler::run(RunLimits limits) {
  ECSIM_ASSERT(limits.end >= now_);
  stop_requested_ = false;
  std::uint64_t processed = 0;
  for (;;) {
    if (queue_.empty()) return RunStop::kExhausted;
    if (queue_.next_time() > limits.end) {
      now_ = limits.end;
      return RunStop::kReachedEnd;
    }
    if (processed == limits.events_max) return RunStop::kHitEventLimit;
    dispatch(queue_.pop());
    ++processed;
    if (stop_requested_) return RunStop::kStopRequested;
  }
}

}  // namespace ecsim::sim
