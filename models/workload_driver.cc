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
  if (r.kind != ResourceKind::kImage) return;
  const Image& img = ctx_.world.image(r.index);
  CallRecord& record = log_.records()[call];
  if (img.status != ImageStatus::kCreating && img.status != ImageStatus::kWaiting) {
    // Already terminal (an idempotent replay of a finished request, or a state change call).
    record.status = std::string(to_string(img.status));
    record.status_at = ctx_.scheduler.now();
    return;
  }
  calls_by_image_[r.index].push_back(call);
}

void WorkloadDriver::on_lifecycle(const LifecycleEvent& event) {
  using K = LifecycleEvent::Kind;
  const bool terminal = event.kind == K::kImageAvailable || event.kind == K::kImageCreateFailed || event.kind == K::kImageDeleted;
  const bool phase = event.kind == K::kImageSnapshotsReady || event.kind == K::kImageRegistered;
  if (!terminal && !phase) return;
  auto it = calls_by_image_.find(event.index);
  if (it == calls_by_image_.end()) return;
  const Image& img = ctx_.world.image(event.index);
  for (std::uint32_t call : it->second) {
    CallRecord& record = log_.records()[call];
    const sim::SimDuration since = event.at - record.at;
    if (event.kind == K::kImageSnapshotsReady) record.snapshots_done_after = since;
    if (event.kind == K::kImageRegistered) record.registered_after = since;
    if (event.kind == K::kImageAvailable && !record.registered_after) record.registered_after = since;
    if (terminal) {
      record.status = std::string(to_string(img.status));
      record.status_at = event.at;
    }
  }
  if (terminal) calls_by_image_.erase(it);
}

}  // namespace ecsim::models
