#pragma once
// Issues the scenario's calls at their times, in issue order (time, then file order), and records
// exactly one outcome for each: `skipped` when a ${NAME.Field} reference cannot be resolved (the
// call it names failed, was skipped, or has not answered yet), an injected fault's error, or the
// handler's answer. It also follows each created resource to its terminal state.

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "models/api/api_handler.h"
#include "models/call_log.h"
#include "models/call_source.h"
#include "models/faults.h"
#include "models/job_slots.h"
#include "models/lifecycle_bus.h"
#include "models/scenario/scenario_spec.h"
#include "models/small_vector.h"
#include "sim/scheduler.h"

namespace ecsim::models {

// The calls arrive through the scheduler's ArrivalSource lane: the driver takes the next call from
// its CallSource only when the clock reaches it, so the pending-event set holds no call that is
// not due yet, and a call comes before every model event at the same instant. A client's timeout
// is an arrival too (after the calls of its instant, in call order).
class WorkloadDriver : public sim::EventHandler, public LifecycleObserver, public sim::ArrivalSource {
 public:
  // `calls` come in issue order (nondecreasing time). `clients` are the scenario's clients: a
  // call made through one retries, polls and times out as it says (ClientSpec). Each attempt is
  // an API request; the call's record holds the final answer plus attempts and what the retries
  // cost. The driver installs itself as the scheduler's arrival source.
  WorkloadDriver(std::unique_ptr<CallSource> calls, ApiContext& ctx, const FaultPlan& faults, CallLog& log,
                 std::vector<ClientSpec> clients = {});
  WorkloadDriver(std::vector<WorkloadCallSpec> calls, ApiContext& ctx, const FaultPlan& faults, CallLog& log,
                 std::vector<ClientSpec> clients = {})
      : WorkloadDriver(std::make_unique<VectorCallSource>(std::move(calls)), ctx, faults, log, std::move(clients)) {}

  void register_handler(std::unique_ptr<ApiHandler> handler);
  // The calls issued so far and still held, in issue order (aligned with the call log's records).
  // After a run to the end (or issue_remaining()), every call of the workload, unless the run is
  // streamed.
  const std::deque<WorkloadCallSpec>& calls() const { return calls_; }
  // The number of calls issued so far, held or retired.
  std::uint64_t issued() const { return log_.size(); }
  // Streams the run: from now on each record that has settled (CallRecord::settled), once all
  // earlier ones have, goes to `sink` and is dropped with its call, so memory holds only the calls
  // in flight. The sink sees every record exactly once, in index order, the same bytes a run that
  // keeps them all would end with. A named call's record is kept apart for ${NAME.Field}.
  // REQUIRES: no call issued yet; the sink outlives the run.
  void stream_to(CallSink* sink);
  // A streamed run's end: hands every record still held to the sink, settled or not (a run
  // stopped by run.until leaves calls unfinished), in index order.
  void flush();
  // Records the calls the clock never reached (a run stopped by run.until): each gets its record,
  // with no outcome.
  void issue_remaining();
  // The actions a handler answers, sorted.
  std::vector<std::string> actions() const {
    std::vector<std::string> out;
    for (const auto& [action, handler] : handlers_) out.push_back(action);
    return out;
  }

  void on_event(const sim::Event& event) override;
  void on_lifecycle(const LifecycleEvent& event) override;
  sim::SimTime next_arrival_time() override;
  sim::Event take_arrival() override;

 private:
  // Pulls the next call from the source into next_call_, when there is one.
  void peek();
  // Appends the call to calls_ and its record to the log; returns its index.
  std::uint32_t issue(WorkloadCallSpec call, bool schedule_timeout);
  // Replaces ${NAME.Field}; returns false with a reason when a reference cannot be resolved.
  bool resolve(std::string& value, std::string* reason) const;
  void track(const TrackedResource& r, std::uint32_t call);
  void attempt(std::uint32_t call, std::uint32_t attempt_number);
  void on_timeout(std::uint32_t call);
  // With a polling client: when it sees the terminal status that was reached at `at`.
  void observe(CallRecord& record, sim::SimTime at);
  sim::SimDuration backoff_delay(const ClientSpec& client, std::uint32_t retry);
  WorkloadCallSpec& call(std::uint32_t i) { return calls_[i - log_.first_held()]; }
  // The stream api/<Action>/latency, looked up once per action.
  sim::Rng& latency_stream(const std::string& action);
  // A streamed run: passes the settled records at the front of the log to the sink.
  void retire();
  void retire_front();

  std::unique_ptr<CallSource> source_;
  std::optional<WorkloadCallSpec> next_call_;
  bool source_done_ = false;
  // Client timeouts not yet due: (time, call), earliest first.
  using Timeout = std::pair<std::int64_t, std::uint32_t>;
  std::priority_queue<Timeout, std::vector<Timeout>, std::greater<>> timeouts_;
  std::deque<WorkloadCallSpec> calls_;  // aligned with log_.records()
  CallSink* sink_ = nullptr;
  std::map<std::uint32_t, CallRecord> retired_named_;  // named calls already streamed out
  std::map<std::string, sim::Rng*, std::less<>> latency_streams_;
  std::vector<ClientSpec> clients_;
  std::map<std::uint32_t, ApiRequest> resolved_;  // calls awaiting a retry: the request as first sent
  ApiContext& ctx_;
  const FaultPlan& faults_;
  CallLog& log_;
  std::map<std::string, std::unique_ptr<ApiHandler>, std::less<>> handlers_;
  std::map<std::string, std::uint32_t, std::less<>> call_by_name_;
  // Calls waiting for a resource's terminal state, per kind (images, snapshots): a slot per
  // resource being waited for, holding its calls in the order they began to wait (almost always
  // one, kept inline). A std::map of vectors cost two allocations per CreateImage.
  struct WaitingCalls {
    JobSlots resources;                               // resource index -> slot
    std::vector<SmallVector<std::uint32_t>> calls;    // by slot
  };
  std::array<WaitingCalls, 2> waiting_;  // [0] images, [1] snapshots
  WaitingCalls& waiting_for(ResourceKind kind) { return waiting_[kind == ResourceKind::kImage ? 0 : 1]; }
};

}  // namespace ecsim::models
