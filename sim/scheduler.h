#pragma once
// The simulation kernel: a virtual clock and the future-event set, and the loop that runs them.
//
// Models register one EventHandler per event kind and schedule plain Events; the scheduler pops
// events in (at, seq) order, advances the clock to each event's time and calls its handler.
// An observer sees every processed event (the trace, the narration and the run fingerprint are
// built on it). Time never goes backwards: scheduling before now() is a bug (assertion).
//
// Not thread-safe: a simulation runs on one thread. Independent replications use independent
// Schedulers.

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event.h"
#include "sim/event_queue.h"
#include "sim/fingerprint.h"
#include "sim/time.h"

namespace ecsim::sim {

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void on_event(const Event& event) = 0;
};

class EventObserver {
 public:
  virtual ~EventObserver() = default;
  // Called after the clock has advanced to `at` and before the handler runs.
  virtual void on_event(SimTime at, std::uint64_t seq, const Event& event) = 0;
};

// A time-ordered stream of events kept outside the pending set: the workload's arrivals. The
// scheduler merges it with the pending set, and an arrival comes before every pending event at
// the same time (as if all arrivals had been scheduled before the run started), so a source can
// produce its events lazily, one at a time, and a trace of millions of calls never sits in the
// pending set. Observers see arrivals with seq kArrivalSeq.
class ArrivalSource {
 public:
  virtual ~ArrivalSource() = default;
  // The time of the next arrival, or SimTime::max() when none is left. Never earlier than the
  // time of the arrival taken before it.
  virtual SimTime next_arrival_time() = 0;
  // Removes the next arrival and returns its event. REQUIRES: next_arrival_time() != max().
  virtual Event take_arrival() = 0;
};

enum class RunStop {
  kExhausted,      // no pending event is left
  kReachedEnd,     // the next event is after the end time; now() == end
  kHitEventLimit,  // events_max events were processed by this call
  kStopRequested,  // a handler called request_stop()
};

const char* to_string(RunStop stop);

struct RunLimits {
  SimTime end = SimTime::max();
  std::uint64_t events_max = std::numeric_limits<std::uint64_t>::max();
};

class Scheduler {
 public:
  Scheduler() = default;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  SimTime now() const { return now_; }

  // Registers the handler for `kind`. The handler must outlive the scheduler's runs.
  void set_handler(EventKind kind, EventHandler* handler);
  // At most one observer; nullptr removes it.
  void set_observer(EventObserver* observer) { observer_ = observer; }
  // At most one arrival source; nullptr removes it. It must outlive the scheduler's runs.
  void set_arrivals(ArrivalSource* arrivals) { arrivals_ = arrivals; }
  static constexpr std::uint64_t kArrivalSeq = std::numeric_limits<std::uint64_t>::max();

  // REQUIRES: at >= now(); a handler is registered for event.kind by the time it runs.
  EventId schedule_at(SimTime at, const Event& event);
  // REQUIRES: delay >= 0.
  EventId schedule_after(SimDuration delay, const Event& event) { return schedule_at(now_ + delay, event); }
  // O(1). Returns false when the event already ran or was cancelled.
  bool cancel(EventId id) { return queue_.cancel(id); }
  bool is_pending(EventId id) const { return queue_.is_pending(id); }

  // Processes events in order until one of the limits is reached or none is left.
  RunStop run(RunLimits limits = {});
  // Processes every event at or before `t`, then sets now() to t, also when no event is left
  // (unlike run({.end = t}), which then leaves now() at the last event). REQUIRES: t >= now().
  RunStop run_until(SimTime t) {
    const RunStop stop = run(RunLimits{.end = t});
    if (stop == RunStop::kExhausted) now_ = t;
    return stop;
  }
  // Processes exactly one event if there is one; returns false when none is pending.
  bool step();
  // Asks the running loop to return after the current event.
  void request_stop() { stop_requested_ = true; }

  // Events in the pending set (arrivals not yet taken are not counted).
  std::size_t pending() const { return queue_.size(); }
  std::uint64_t events_processed() const { return events_processed_; }
  // FNV-1a over (time, kind, aux, target, arg) of every processed event: equal fingerprints mean,
  // with overwhelming probability, identical trajectories.
  std::uint64_t fingerprint() const { return fingerprint_; }

 private:
  void dispatch(const ScheduledEvent& e);
  // The earliest of the next arrival and the next pending event (an arrival on ties); false when
  // neither is left.
  bool next_event_time(SimTime* at, bool* is_arrival);
  ScheduledEvent take_next(bool is_arrival);

  SimTime now_ = SimTime::zero();
  EventQueue queue_;
  std::vector<EventHandler*> handlers_;
  EventObserver* observer_ = nullptr;
  ArrivalSource* arrivals_ = nullptr;
  std::uint64_t events_processed_ = 0;
  std::uint64_t fingerprint_ = Fingerprint::kOffsetBasis;  // FNV-1a state
  bool stop_requested_ = false;
};

}  // namespace ecsim::sim
