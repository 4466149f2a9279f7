#pragma once
// operations.jsonl: one compact JSON object per line, one line per scenario call, in issue order
// (contract section 3). The pinned fields come first, in exactly this order:
//
//   index      0-based position in the issue order
//   name       the call's `name:` in the scenario, or null
//   at         virtual time of the request, exact decimal seconds
//   Action     e.g. "CreateImage"
//   outcome    "ok" | "error" | "skipped"
//   http       HTTP status; null when skipped
//   code       error code; null on success and when skipped
//   RequestId  the response's RequestId; null when skipped
//   response   the response body's fields in the order the API returned them; {} when none
//   status     terminal state of the resource the call created or changed, or null
//   status_at  virtual seconds at which it got there, or null
//
// followed by ecsim's own fields (the project may add keys, never rename the pinned ones):
//
//   RegionId     the call's RegionId, or null when the call had none
//   message      the error message; null on success (and for a skip, whose reason is below)
//   api_latency  seconds from request to response; null when skipped (nothing was sent)
//   skip_reason  why the call was not sent; present only when skipped
//
// Each line ends with '\n'. The bytes depend only on the CallLog.

#include <string>

#include "models/call_log.h"

namespace ecsim::analysis {

// Appends the line for `record`, with its trailing newline, to `out`.
// REQUIRES: record.outcome != Outcome::kPending (an unfinished call at output time is a bug).
void append_operation_line(std::string& out, const models::CallRecord& record);

// The whole operations.jsonl: records in index order.
// REQUIRES: the indices of log.records() are exactly 0..n-1 (in any storage order); no record is
// pending.
std::string render_operations_jsonl(const models::CallLog& log);

// The wire spelling of an outcome: "ok", "error", "skipped". REQUIRES: outcome != kPending.
const char* outcome_wire_name(models::Outcome outcome);

}  // namespace ecsim::analysis
