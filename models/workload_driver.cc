#include "models/workload_driver.h"

#include <algorithm>
#include <limits>

#include "models/api/error_catalog.h"
#include "models/event_kinds.h"
#include "sim/assert.h"

namespace ecsim::models {

namespace {
// Event::arg of a workload event: an attempt of the call (aux: attempt number, 0 first), or the
// client's timeout.
constexpr std::uint64_t kAttempt = 0;
constexpr std::uint64_t kTimeout = 1;
}  // namespace

bool RetryPolicy::retryable(std::string_view code, int http_status) const {
  for (const std::string& c : codes) {
    if (c.size() == 3 && c.substr(1) == "xx") {
      if (http_status / 100 == c[0] - '0') return true;
    } else if (!c.empty() && c.back() == '*') {
      if (code.substr(0, c.size() - 1) == std::string_view(c).substr(0, c.size() - 1)) return true;
    } else if (code == c) {
      return true;
    }
  }
  return false;
}

WorkloadDriver::WorkloadDriver(std::unique_ptr<CallSource> calls, ApiContext& ctx, const FaultPlan& faults,
                               CallLog& log, std::vector<ClientSpec> clients)
    : source_(std::move(calls)), clients_(std::move(clients)), ctx_(ctx), faults_(faults), log_(log) {
  ctx_.scheduler.set_handler(event_kind::kWorkloadCall, this);
  ctx_.scheduler.set_arrivals(this);
}

void WorkloadDriver::peek() {
  if (next_call_ || source_done_) return;
  next_call_ = source_->next();
  if (!next_call_) {
    source_done_ = true;
    return;
  }
  // The call is made after the events before it: the lookups its handler will make (CreateImage's
  // instance and image name, the misses of a replay at scale) start loading meanwhile.
  const ApiRequest& request = next_call_->request;
  if (const auto instance = request.get("InstanceId")) ctx_.world.prefetch_instance(*instance);
  if (const auto name = request.get("ImageName")) ctx_.world.prefetch_image_name(request.get("RegionId").value_or(""), *name);
}

std::uint32_t WorkloadDriver::issue(WorkloadCallSpec call, bool schedule_timeout) {
  ECSIM_ASSERT(log_.size() < std::numeric_limits<std::uint32_t>::max());
  const auto i = static_cast<std::uint32_t>(log_.size());
  ECSIM_ASSERT_MSG(calls_.empty() || calls_.back().at <= call.at, "calls out of time order");
  CallRecord& r = log_.records().emplace_back();
  r.index = i;
  r.name = call.name;
  r.at = call.at;
  r.action = call.request.action;
  r.region_id = call.request.region_id();
  if (call.name) call_by_name_.emplace(*call.name, i);
  if (call.client) {
    ECSIM_ASSERT(*call.client < clients_.size());
    const ClientSpec& client = clients_[*call.client];
    r.client = client.name;
    if (schedule_timeout && client.timeout) {
      timeouts_.emplace((call.at + *client.timeout).ticks(), i);
      r.awaiting_timeout = true;
    }
  }
  calls_.push_back(std::move(call));
  return i;
}

sim::SimTime WorkloadDriver::next_arrival_time() {
  peek();
  sim::SimTime t = next_call_ ? next_call_->at : sim::SimTime::max();
  if (!timeouts_.empty()) t = std::min(t, sim::SimTime::from_ticks(timeouts_.top().first));
  return t;
}

sim::Event WorkloadDriver::take_arrival() {
  peek();
  // A call comes before a timeout of the same instant, as the calls of an instant come first.
  if (next_call_ && (timeouts_.empty() || next_call_->at.ticks() <= timeouts_.top().first)) {
    WorkloadCallSpec call = std::move(*next_call_);
    next_call_.reset();
    const std::uint32_t i = issue(std::move(call), true);
    return sim::Event{event_kind::kWorkloadCall, 0, i, kAttempt};
  }
  ECSIM_ASSERT(!timeouts_.empty());
  const std::uint32_t i = timeouts_.top().second;
  timeouts_.pop();
  return sim::Event{event_kind::kWorkloadCall, 0, i, kTimeout};
}

void WorkloadDriver::issue_remaining() {
  for (peek(); next_call_; peek()) {
    WorkloadCallSpec call = std::move(*next_call_);
    next_call_.reset();
    issue(std::move(call), false);
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
    const CallRecord& target =
        it->second < log_.first_held() ? retired_named_.at(it->second) : log_.at(it->second);
    if (target.outcome == Outcome::kPending || target.awaiting_retry ||
        target.at + target.api_latency > ctx_.scheduler.now()) {
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

sim::Rng& WorkloadDriver::latency_stream(const std::string& action) {
  auto it = latency_streams_.find(action);
  if (it == latency_streams_.end()) it = latency_streams_.emplace(action, &ctx_.rngs.stream("api/" + action + "/latency")).first;
  return *it->second;
}

void WorkloadDriver::on_event(const sim::Event& event) {
  ECSIM_ASSERT(event.kind == event_kind::kWorkloadCall);
  const auto i = static_cast<std::uint32_t>(event.target);
  if (event.arg == kTimeout) {
    on_timeout(i);
  } else {
    attempt(i, event.aux);
  }
  if (sink_ != nullptr) retire();
}

void WorkloadDriver::stream_to(CallSink* sink) {
  ECSIM_ASSERT_MSG(log_.size() == 0, "stream_to after the first call");
  sink_ = sink;
}

void WorkloadDriver::retire_front() {
  CallRecord& r = log_.records().front();
  if (r.name) retired_named_.emplace(r.index, r);
  sink_->on_final(std::move(r), std::move(calls_.front()));
  log_.retire_front();
  calls_.pop_front();
}

void WorkloadDriver::retire() {
  while (!log_.records().empty() && log_.records().front().settled()) retire_front();
}

void WorkloadDriver::flush() {
  if (sink_ == nullptr) return;
  while (!log_.records().empty()) retire_front();
}

sim::SimDuration WorkloadDriver::backoff_delay(const ClientSpec& client, std::uint32_t retry) {
  const RetryPolicy& p = client.retry;
  std::int64_t ticks = p.backoff.ticks();
  for (std::uint32_t k = 1; k < retry && ticks < p.backoff_max.ticks(); ++k) ticks *= p.multiplier;
  ticks = std::min(ticks, p.backoff_max.ticks());
  if (ticks <= 0 || p.jitter == RetryPolicy::Jitter::kNone) return sim::SimDuration::from_ticks(std::max<std::int64_t>(ticks, 0));
  sim::Rng& rng = ctx_.rngs.stream("client/" + client.name + "/backoff");
  if (p.jitter == RetryPolicy::Jitter::kFull) return sim::SimDuration::from_ticks(rng.uniform_int(0, ticks));
  return sim::SimDuration::from_ticks(ticks / 2 + rng.uniform_int(0, ticks - ticks / 2));
}

void WorkloadDriver::attempt(std::uint32_t i, std::uint32_t attempt_number) {
  const WorkloadCallSpec& call = this->call(i);
  CallRecord& record = log_.at(i);
  const ClientSpec* client = call.client ? &clients_[*call.client] : nullptr;
  const sim::SimTime now = ctx_.scheduler.now();

  // The request as first sent (references resolved, the client's reused token added), and what
  // this attempt sends. Most calls change nothing and send the scenario's request as it is: both
  // point at call.request then, and nothing is copied.
  std::optional<ApiRequest> own_request;
  const ApiRequest* request = &call.request;
  if (attempt_number == 0) {
    ECSIM_ASSERT(record.outcome == Outcome::kPending);
    const bool has_reference = std::any_of(call.request.params.begin(), call.request.params.end(), [](const auto& kv) {
      return kv.second.find("${") != std::string::npos;
    });
    const bool adds_token = client && client->token == ClientTokenMode::kReuse && !call.request.get("ClientToken");
    if (has_reference || adds_token) {
      own_request = call.request;
      for (auto& [key, value] : own_request->params) {
        std::string reason;
        if (!resolve(value, &reason)) {
          record.outcome = Outcome::kSkipped;
          record.skip_reason = key + ": " + reason;
          return;
        }
      }
      if (adds_token) own_request->params["ClientToken"] = "ecsim-" + std::to_string(i);
      request = &*own_request;
    }
  } else {
    ECSIM_ASSERT(record.awaiting_retry);
    auto it = resolved_.find(i);
    ECSIM_ASSERT(it != resolved_.end());
    own_request = std::move(it->second);
    resolved_.erase(it);
    record.awaiting_retry = false;
    request = &*own_request;
  }
  std::optional<ApiRequest> own_sent;
  if (client && (client->token == ClientTokenMode::kNone || client->token == ClientTokenMode::kFresh)) {
    own_sent = *request;
    if (client->token == ClientTokenMode::kNone) own_sent->params.erase("ClientToken");
    else own_sent->params["ClientToken"] = "ecsim-" + std::to_string(i) + "-" + std::to_string(attempt_number + 1);
  }
  const ApiRequest& sent = own_sent ? *own_sent : *request;  // what this attempt sends

  record.attempts = attempt_number + 1;
  record.region_id = sent.region_id();
  record.request_id = ctx_.world.ids().next_request_id();
  const double noise = latency_stream(call.request.action).lognormal_unit_mean(ctx_.world.params.api.latency_cv);
  const sim::SimDuration latency = sim::SimDuration::from_seconds_rounded(ctx_.world.params.api.latency.seconds_f() * noise) +
                                   (client ? client->latency : sim::SimDuration::zero());
  const sim::SimTime answered = now + latency;
  record.api_latency = answered - record.at;

  ctx_.call_index = i;
  std::optional<ApiResult> result;
  const ApiFault* fault = faults_.api_fault(sent.action, record.region_id, now, ctx_.rngs);
  auto handle = [&]() -> ApiResult {
    if (auto h = handlers_.find(sent.action); h != handlers_.end()) return h->second->handle(sent, ctx_);
    return make_error(ErrorRow::kUnsupportedOperation, {sent.action});
  };
  if (fault != nullptr && fault->processed) {
    // Carried out, but the answer is lost: whatever it created is the caller's orphan unless a
    // later attempt with the same ClientToken gets it back.
    ApiResult lost = handle();
    if (lost.ok()) {
      for (const auto& [k, v] : lost.value().fields) {
        if ((k == "ImageId" || k == "SnapshotId") &&
            std::find(record.orphaned.begin(), record.orphaned.end(), v) == record.orphaned.end())
          record.orphaned.push_back(v);
      }
    }
    result.emplace(fault->error);
  } else if (fault != nullptr) {
    result.emplace(fault->error);
  } else {
    result.emplace(handle());
  }

  if (result->ok()) {
    record.outcome = Outcome::kOk;
    record.http_status = 200;
    record.code.clear();
    record.message.clear();
    record.response = result->value().fields;
    record.tracked = result->value().tracked;
    // The answer names a resource an earlier lost attempt created (same ClientToken): not an orphan.
    for (const auto& [k, v] : record.response) std::erase(record.orphaned, v);
    if (record.tracked) track(*record.tracked, i);
    return;
  }
  record.outcome = Outcome::kError;
  record.http_status = result->error().http_status;
  record.code = result->error().code;
  record.message = result->error().message;
  if (client == nullptr || attempt_number + 1 >= static_cast<std::uint32_t>(client->retry.max_attempts) ||
      !client->retry.retryable(record.code, record.http_status))
    return;
  const sim::SimTime next = answered + backoff_delay(*client, attempt_number + 1);
  if (client->timeout && next >= record.at + *client->timeout) return;  // the client gives up first
  record.awaiting_retry = true;
  resolved_[i] = own_request ? std::move(*own_request) : *request;
  ctx_.scheduler.schedule_at(next, sim::Event{event_kind::kWorkloadCall, attempt_number + 1, i, kAttempt});
}

void WorkloadDriver::observe(CallRecord& record, sim::SimTime at) {
  const WorkloadCallSpec& call = this->call(record.index);
  if (!call.client || !clients_[*call.client].poll_interval) return;
  const std::int64_t interval = clients_[*call.client].poll_interval->ticks();
  const sim::SimTime first = record.at + record.api_latency;  // polling starts with the answer
  const std::int64_t waited = std::max<std::int64_t>(at.ticks() - first.ticks(), 0);
  const std::int64_t polls = std::max<std::int64_t>((waited + interval - 1) / interval, 1);
  record.polls = static_cast<std::uint32_t>(polls);
  record.observed_at = first + sim::SimDuration::from_ticks(polls * interval);
}

void WorkloadDriver::on_timeout(std::uint32_t i) {
  CallRecord& record = log_.at(i);
  const ClientSpec& client = clients_[*call(i).client];
  const sim::SimTime now = ctx_.scheduler.now();
  record.awaiting_timeout = false;
  if (record.outcome != Outcome::kOk) return;  // failed or skipped: nothing to wait for
  if (!record.tracked) return;                 // a synchronous call: its answer was the end
  if (record.status && (!record.observed_at || *record.observed_at <= now)) return;  // seen in time
  record.gave_up_at = now;
  if (!client.cleanup || record.tracked->kind != ResourceKind::kImage) return;
  const std::string* image_id = record.response_field("ImageId");
  auto h = handlers_.find("DeleteImage");
  if (image_id == nullptr || h == handlers_.end()) {
    record.cleanup = "unsupported";
    return;
  }
  ApiRequest del;
  del.action = "DeleteImage";
  del.params["RegionId"] = record.region_id;
  del.params["ImageId"] = *image_id;
  del.params["Force"] = "true";
  ctx_.call_index = i;
  const ApiResult r = h->second->handle(del, ctx_);
  record.cleanup = r.ok() ? "ok" : r.error().code;
}

void WorkloadDriver::track(const TrackedResource& r, std::uint32_t call) {
  CallRecord& record = log_.at(call);
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
    observe(record, *record.status_at);
    return;
  }
  WaitingCalls& waiting = waiting_for(r.kind);
  std::optional<std::uint32_t> slot = waiting.resources.find(r.index);
  if (!slot) {
    slot = waiting.resources.acquire(r.index);
    if (*slot >= waiting.calls.size()) waiting.calls.resize(*slot + 1);
  }
  waiting.calls[*slot].push_back(call);
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
  WaitingCalls& waiting = waiting_for(kind);
  const std::optional<std::uint32_t> slot = waiting.resources.find(event.index);
  if (!slot) return;
  const std::string status = kind == ResourceKind::kImage ? std::string(to_string(ctx_.world.image(event.index).status))
                                                          : std::string(to_string(ctx_.world.snapshot(event.index).status));
  for (const std::uint32_t call : waiting.calls[*slot]) {
    CallRecord& record = log_.at(call);
    const sim::SimDuration since = event.at - record.at;
    if (event.kind == K::kImageSnapshotsReady) record.snapshots_done_after = since;
    if (event.kind == K::kImageRegistered) record.registered_after = since;
    if (event.kind == K::kImageAvailable && !record.registered_after) record.registered_after = since;
    if (terminal) {
      record.status = status;
      record.status_at = event.at;
      observe(record, event.at);
    }
  }
  if (terminal) {
    waiting.calls[*slot] = {};
    waiting.resources.release(event.index);
  }
  if (sink_ != nullptr) retire();
}

}  // namespace ecsim::models
