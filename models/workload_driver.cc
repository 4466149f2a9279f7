#include "models/workload_driver.h"

#include "models/api/error_catalog.h"
#include "models/event_kinds.h"
#include "sim/assert.h"

namespace ecsim::models {

WorkloadDriver::WorkloadDriver(std::vector<WorkloadCallSpec> calls, ApiContext& ctx, const FaultPlan& faults,
                               CallLog& log)
    : calls_(std::move(calls)), ctx_(ctx), faults_(faults), log_(log) {
  ctx_.scheduler.set_handler(event_kind::kWorkloadCall, this);
  auto& records = log_.records();
  records.resize(calls_.size());
  for (std::uint32_t i = 0; i < calls_.size(); ++i) {
    const WorkloadCallSpec& c = calls_[i];
    ECSIM_ASSERT(i == 0 || calls_[i - 1].at <= c.at);
    CallRecord& r = records[i];
    r.index = i;
    r.name = c.name;
    r.at = c.at;
    r.action = c.request.action;
    r.region_id = c.request.region_id();
    if (c.name) call_by_name_.emplace(*c.name, i);
    ctx_.scheduler.schedule_at(c.at, sim::Event{event_kind::kWorkloadCall, 0, i, 0});
  }
}

void WorkloadDriver::register_handler(std::unique_ptr<ApiHandler> handler) {
  std::string action(handler->action());
  handlers_.emplace(std::move(action), std::move(handler));
}

bool WorkloadDriver::resolve(std::string& value, std::string* reason) const {
  std::size_t pos = 0;
  while ((pos = value.find("${", pos)) != std::string::npos) {
    const std::size_t end = value.find('}', pos);
    if (end == std::string::npos) return true;  // not a reference: the validator flags these
    const std::string ref = value.substr(pos + 2, end - pos - 2);
    const std::size_t dot = ref.find('.');
    const std::string name = ref.substr(0, dot);
    const std::string field = dot == std::string::npos ? "" : ref.substr(dot + 1);
    auto it = call_by_name_.find(name);
    if (it == call_by_name_.end()) {
      *reason = "no call named '" + name + "'";
      return false;
    }
    const CallRecord& target = log_.records()[it->second];
    if (target.outcome == Outcome::kPending || target.at + target.api_latency > ctx_.scheduler.now()) {
      *reason = "call '" + name + "' has not answered yet";
      return false;
    }
    if (target.outcome != Outcome::kOk) {
      *reason = "call '" + name + "' " + (target.outcome == Outcome::kSkipped ? "was skipped" : "failed with " + target.code);
      return false;
    }
    const std::string* v = field == "RequestId" ? &target.request_id : target.response_field(field);
    if (v == nullptr) {
      *reason = "call '" + name + "' has no response field '" + field + "'";
      return false;
    }
    value.replace(pos, end - pos + 1, *v);
    pos += v->size();
  }
  return true;
}

void WorkloadDriver::on_event(const sim::Event& event) {
  ECSIM_ASSERT(event.kind == event_kind::kWorkloadCall);
  const auto i = static_cast<std::uint32_t>(event.target);
  const WorkloadCallSpec& call = calls_[i];
  CallRecord& record = log_.records()[i];
  ECSIM_ASSERT(record.outcome == Outcome::kPending);

  ApiRequest request = call.request;
  for (auto& [key, value] : request.params) {
    std::string reason;
    if (!resolve(value, &reason)) {
      record.outcome = Outcome::kSkipped;
      record.skip_reason = key + ": " + reason;
      return;
    }
  }
  record.region_id = request.region_id();
  record.request_id = ctx_.world.ids().next_request_id();
  const double noise = ctx_.rngs.stream("api/" + call.request.action + "/latency").lognormal_unit_mean(ctx_.world.params.api.latency_cv);
  record.api_latency = sim::SimDuration::from_seconds_rounded(ctx_.world.params.api.latency.seconds_f() * noise);

  ctx_.call_index = i;
  std::optional<ApiResult> result;
  if (auto injected = faults_.api_error(request.action, record.region_id, ctx_.scheduler.now(), ctx_.rngs)) {
    result.emplace(*injected);
  } else if (auto h = handlers_.find(request.action); h != handlers_.end()) {
    result.emplace(h->second->handle(request, ctx_));
  } else {
    result.emplace(make_error(ErrorRow::kUnsupportedOperation, {request.action}));
  }

  if (result->ok()) {
    record.outcome = Outcome::kOk;
    record.http_status = 200;
    record.response = result->value().fields;
    record.tracked = result->value().tracked;
    if (record.tracked) track(*record.tracked, i);
  } else {
    record.outcome = Outcome::kError;
    record.http_status = result->error().http_status;
    record.code = result->error().code;
    record.message = result->error().message;
  }
}

void WorkloadDriver::track(const TrackedResource& r, std::uint32_t call) {
  CallRecord& record = log_.records()[call];
  std::optional<std::string> settled;  // the state now, when it is already terminal
  if (r.kind == ResourceKind::kImage) {
    const ImageStatus s = ctx_.world.image(r.index).status;
    if (s != ImageStatus::kCreating && s != ImageStatus::kWaiting) settled = std::string(to_string(s));
  } else if (r.kind == ResourceKind::kSnapshot) {
    const SnapshotStatus s = ctx_.world.snapshot(r.index).status;
    if (s != SnapshotStatus::kProgressing) settled = std::string(to_string(s));
  } else {
    return;  // instances and disks: the call's own answer is the outcome
  }
  if (settled) {
    // Already terminal: an idempotent replay of a finished request, or a call that changes a
    // state at once (DeleteImage -> Deleted).
    record.status = *settled;
    record.status_at = ctx_.scheduler.now();
    return;
  }
  waiting_calls_[{r.kind, r.index}].push_back(call);
}

void WorkloadDriver::on_lifecycle(const LifecycleEvent& event) {
  using K = LifecycleEvent::Kind;
  ResourceKind kind;
  bool terminal = false;
  switch (event.kind) {
    case K::kImageAvailable:
    case K::kImageCreateFailed:
    case K::kImageDeleted:
      kind = ResourceKind::kImage;
      terminal = true;
      break;
    case K::kImageSnapshotsReady:
    case K::kImageRegistered:
      kind = ResourceKind::kImage;
      break;
    case K::kSnapshotAccomplished:
    case K::kSnapshotFailed:
    case K::kSnapshotDeleted:
      kind = ResourceKind::kSnapshot;
      terminal = true;
      break;
    default:
      return;
  }
  auto it = waiting_calls_.find({kind, event.index});
  if (it == waiting_calls_.end()) return;
  const std::string status = kind == ResourceKind::kImage ? std::string(to_string(ctx_.world.image(event.index).status))
                                                          : std::string(to_string(ctx_.world.snapshot(event.index).status));
  for (std::uint32_t call : it->second) {
    CallRecord& record = log_.records()[call];
    const sim::SimDuration since = event.at - record.at;
    if (event.kind == K::kImageSnapshotsReady) record.snapshots_done_after = since;
    if (event.kind == K::kImageRegistered) record.registered_after = since;
    if (event.kind == K::kImageAvailable && !record.registered_after) record.registered_after = since;
    if (terminal) {
      record.status = status;
      record.status_at = event.at;
    }
  }
  if (terminal) waiting_calls_.erase(it);
}

}  // namespace ecsim::models
