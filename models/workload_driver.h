#pragma once
// Issues the scenario's calls at their times, in issue order (time, then file order), and records
// exactly one outcome for each: `skipped` when a ${NAME.Field} reference cannot be resolved (the
// call it names failed, was skipped, or has not answered yet), an injected fault's error, or the
// handler's answer. It also follows each created resource to its terminal state.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/api/api_handler.h"
#include "models/call_log.h"
#include "models/faults.h"
#include "models/lifecycle_bus.h"
#include "models/scenario/scenario_spec.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class WorkloadDriver : public sim::EventHandler, public LifecycleObserver {
 public:
  // `calls` must already be in issue order; the driver schedules one event per call.
  // `clients` are the scenario's clients: a call made through one retries, polls and times out
  // as it says (ClientSpec). Each attempt is an API request; the call's record holds the final
  // answer plus attempts and what the retries cost.
  WorkloadDriver(std::vector<WorkloadCallSpec> calls, ApiContext& ctx, const FaultPlan& faults, CallLog& log,
                 std::vector<ClientSpec> clients = {});

  void register_handler(std::unique_ptr<ApiHandler> handler);
  const std::vector<WorkloadCallSpec>& calls() const { return calls_; }
  // The actions a handler answers, sorted.
  std::vector<std::string> actions() const {
    std::vector<std::string> out;
    for (const auto& [action, handler] : handlers_) out.push_back(action);
    return out;
  }

  void on_event(const sim::Event& event) override;
  void on_lifecycle(const LifecycleEvent& event) override;

 private:
  // Replaces ${NAME.Field}; returns false with a reason when a reference cannot be resolved.
  bool resolve(std::string& value, std::string* reason) const;
  void track(const TrackedResource& r, std::uint32_t call);
  void attempt(std::uint32_t call, std::uint32_t attempt_number);
  void on_timeout(std::uint32_t call);
  // With a polling client: when it sees the terminal status that was reached at `at`.
  void observe(CallRecord& record, sim::SimTime at);
  sim::SimDuration backoff_delay(const ClientSpec& client, std::uint32_t retry);

  std::vector<WorkloadCallSpec> calls_;
  std::vector<ClientSpec> clients_;
  std::map<std::uint32_t, ApiRequest> resolved_;  // calls awaiting a retry: the request as first sent
  ApiContext& ctx_;
  const FaultPlan& faults_;
  CallLog& log_;
  std::map<std::string, std::unique_ptr<ApiHandler>, std::less<>> handlers_;
  std::map<std::string, std::uint32_t, std::less<>> call_by_name_;
  // Calls waiting for a resource's terminal state, keyed by (kind, index).
  std::map<std::pair<ResourceKind, std::uint32_t>, std::vector<std::uint32_t>> waiting_calls_;
};

}  // namespace ecsim::models
