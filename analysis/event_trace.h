#pragma once
// The run's event trace (events.jsonl) and the record it is rendered from.
//
// An EventTraceRecorder subscribes to the simulation's LifecycleBus before the run and keeps,
// for each lifecycle event, the status of the resource before and after it and how many calls
// had been handled by then. It only reads the world; it never changes the trajectory (like every
// observer, tests/analysis/event_trace_test.cc checks the fingerprint is the same with it).
//
// After the run, render_events_jsonl() merges three sources into one line per happening, in the
// order they happened:
//   - the calls (one line each, at the time of the request, with their final outcome);
//   - fault boundaries (a security lock placed or lifted, a link slowdown starting or ending);
//   - the lifecycle events of snapshots and images (from -> to status).
// At one instant the order is the kernel's: calls and what happens inside them, then fault
// boundaries, then the engines' other events (sim/scheduler.h: arrivals come first).
// Every line has the same keys, in this order:
//   t_us           virtual time in microseconds (an integer)
//   t              the same as a clock reading, "1d 02:00:00.250" (sim::format_clock)
//   kind           "call", a lifecycle event ("snapshot_accomplished", "image_available", ...),
//                  "instance_locked" / "instance_unlocked", "link_slowdown_started" / "_ended"
//   resource_type  "snapshot", "image", "instance", "link", or for a call the type of the
//                  resource it created or changed (null when none)
//   resource       its ID ("m-...", "s-...", "i-...", "cn-hangzhou<->cn-shanghai"), or null
//   region         its region (for a link, null)
//   from, to       the status before and after (null when not a status change or unknown)
//   call           the index of the call that caused it (the call itself for a call line), or null
// Call lines add Action, name, outcome and code; link slowdown lines add factor.
//
// The bytes depend only on the scenario and the seed (JsonWriter; no pointers, no hashing).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/lifecycle_bus.h"
#include "models/simulation.h"
#include "sim/time.h"

namespace ecsim::analysis {

inline constexpr const char* kEventsFileName = "events.jsonl";

// Whether a lifecycle event is about a snapshot (the others are about images).
bool is_snapshot_event(models::LifecycleEvent::Kind kind);

class EventTraceRecorder : public models::LifecycleObserver {
 public:
  // A lifecycle event as recorded: statuses are the enums' values, kNoStatus when unknown.
  static constexpr std::uint8_t kNoStatus = 0xff;
  struct Entry {
    sim::SimTime at;
    models::LifecycleEvent::Kind kind;
    std::uint32_t index = 0;
    std::uint8_t from = kNoStatus;
    std::uint8_t to = kNoStatus;
    std::uint32_t calls_before = 0;  // calls handled before this event (a prefix of the issue order)
  };

  // Subscribes to sim.bus(). `faults` are the run's (the scenario's faults:). REQUIRES: called
  // before the run; outlives it.
  EventTraceRecorder(models::Simulation& sim, const models::FaultPlan& faults);

  void on_lifecycle(const models::LifecycleEvent& event) override;

  const std::vector<Entry>& entries() const { return entries_; }
  const models::Simulation& simulation() const { return sim_; }
  // The faults of the run, for the fault-boundary lines.
  const models::FaultPlan& faults() const { return faults_; }

 private:
  std::uint8_t status_now(const models::LifecycleEvent& event) const;

  const models::Simulation& sim_;
  models::FaultPlan faults_;
  std::vector<Entry> entries_;
  std::vector<std::uint8_t> snapshot_status_;  // last status seen, by index
  std::vector<std::uint8_t> image_status_;
  std::uint32_t calls_handled_ = 0;
};

// The run's events.jsonl (see the top of this file). REQUIRES: the run has ended.
std::string render_events_jsonl(const EventTraceRecorder& recorder);

}  // namespace ecsim::analysis
