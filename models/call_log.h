#pragma once
// One record per scenario call, kept in issue order: the rows of operations.jsonl. Every call
// ends in exactly one outcome (ok, error or skipped); the status of the resource a successful
// call created or changed is filled in when that resource reaches a terminal state.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/api/request.h"
#include "sim/time.h"

namespace ecsim::models {

enum class Outcome { kPending, kOk, kError, kSkipped };
const char* to_string(Outcome o);

struct CallRecord {
  std::uint32_t index = 0;                 // position in the issue order
  std::optional<std::string> name;
  sim::SimTime at;                         // virtual time of the request
  std::string action;
  std::string region_id;
  Outcome outcome = Outcome::kPending;
  int http_status = 0;                     // 0 when skipped
  std::string code;                        // empty on success
  std::string message;
  std::string request_id;
  std::vector<std::pair<std::string, std::string>> response;
  sim::SimDuration api_latency;            // request to response
  std::optional<TrackedResource> tracked;  // what to follow to a terminal state
  std::optional<std::string> status;       // terminal state of the tracked resource
  std::optional<sim::SimTime> status_at;
  std::string skip_reason;
  // Phase breakdown of CreateImage (virtual time from the call), when known.
  std::optional<sim::SimDuration> snapshots_done_after;
  std::optional<sim::SimDuration> registered_after;
  // Calls made through a client (clients: in the scenario); written only for those.
  std::optional<std::string> client;
  std::uint32_t attempts = 0;              // API requests sent for this call (retries = attempts - 1)
  bool awaiting_retry = false;             // an attempt failed and another is scheduled
  std::vector<std::string> orphaned;       // resources created by attempts whose answer was lost
  std::optional<sim::SimTime> observed_at; // when the client's polling saw the terminal status
  std::uint32_t polls = 0;                 // DescribeImages polls until then
  std::optional<sim::SimTime> gave_up_at;  // the client's timeout fired first
  std::string cleanup;                     // after giving up: "ok", an error code, or "unsupported"

  const std::string* response_field(std::string_view key) const {
    for (const auto& [k, v] : response) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

class CallLog {
 public:
  std::vector<CallRecord>& records() { return records_; }
  const std::vector<CallRecord>& records() const { return records_; }

 private:
  std::vector<CallRecord> records_;
};

}  // namespace ecsim::models
