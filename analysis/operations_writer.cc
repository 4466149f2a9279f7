#include "analysis/operations_writer.h"

#include <algorithm>
#include <vector>

#include "analysis/json_writer.h"
#include "sim/assert.h"

namespace ecsim::analysis {

const char* outcome_wire_name(models::Outcome outcome) {
  switch (outcome) {
    case models::Outcome::kOk: return "ok";
    case models::Outcome::kError: return "error";
    case models::Outcome::kSkipped: return "skipped";
    case models::Outcome::kPending: break;
  }
  ECSIM_UNREACHABLE("a call is still pending when its outcome is written");
}

void append_operation_line(std::string& out, const models::CallRecord& record) {
  ECSIM_ASSERT_MSG(record.outcome != models::Outcome::kPending,
                   "a call is still pending when operations.jsonl is written");
  const bool skipped = record.outcome == models::Outcome::kSkipped;
  const bool ok = record.outcome == models::Outcome::kOk;

  JsonWriter w(JsonStyle::kCompact);
  w.begin_object();
  // Pinned fields, in the contract's order.
  w.key("index").unsigned_integer(record.index);
  w.key("name").string_or_null(record.name);
  w.key("at").seconds(record.at);
  w.key("Action").string(record.action);
  w.key("outcome").string(outcome_wire_name(record.outcome));
  w.key("http");
  if (skipped) {
    w.null();
  } else {
    w.integer(record.http_status);
  }
  w.key("code");
  if (skipped || record.code.empty()) {
    w.null();
  } else {
    w.string(record.code);
  }
  w.key("RequestId");
  if (skipped) {
    w.null();
  } else {
    w.string(record.request_id);
  }
  w.key("response").begin_object();
  for (const auto& [field, value] : record.response) w.key(field).string(value);
  w.end_object();
  w.key("status").string_or_null(record.status);
  w.key("status_at").seconds_or_null(record.status_at);

  // ecsim's own fields.
  w.key("RegionId");
  if (record.region_id.empty()) {
    w.null();
  } else {
    w.string(record.region_id);
  }
  w.key("message");
  if (ok || record.message.empty()) {
    w.null();
  } else {
    w.string(record.message);
  }
  w.key("api_latency");
  if (skipped) {
    w.null();
  } else {
    w.seconds(record.api_latency);
  }
  if (skipped) w.key("skip_reason").string(record.skip_reason);
  if (record.client) {  // calls made through a client (clients: in the scenario)
    w.key("client").string(*record.client);
    w.key("attempts").unsigned_integer(record.attempts);
    w.key("retries").unsigned_integer(record.attempts > 0 ? record.attempts - 1 : 0);
    w.key("orphaned").begin_array();
    for (const std::string& id : record.orphaned) w.string(id);
    w.end_array();
    w.key("observed_at").seconds_or_null(record.observed_at);
    w.key("polls").unsigned_integer(record.polls);
    w.key("gave_up_at").seconds_or_null(record.gave_up_at);
    if (!record.cleanup.empty()) w.key("cleanup").string(record.cleanup);
  }
  w.end_object();

  out += w.take();
  out.push_back('\n');
}

std::string render_operations_jsonl(const models::CallLog& log) {
  ECSIM_ASSERT_MSG(log.complete(), "render_operations_jsonl on a streamed run's log");
  const auto& records = log.records();
  std::vector<const models::CallRecord*> by_index;
  by_index.reserve(records.size());
  for (const models::CallRecord& record : records) by_index.push_back(&record);
  std::stable_sort(
      by_index.begin(), by_index.end(),
      [](const models::CallRecord* a, const models::CallRecord* b) { return a->index < b->index; });
  std::string out;
  for (std::size_t position = 0; position < by_index.size(); ++position) {
    ECSIM_ASSERT_MSG(by_index[position]->index == position, "call indices are not exactly 0..n-1");
    append_operation_line(out, *by_index[position]);
  }
  return out;
}

}  // namespace ecsim::analysis
