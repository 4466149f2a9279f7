#pragma once
// One record per scenario call, kept in issue order: the rows of operations.jsonl. Every call
// ends in exactly one outcome (ok, error or skipped); the status of the resource a successful
// call created or changed is filled in when that resource reaches a terminal state.
//
// A streamed run (WorkloadDriver::stream_to) does not keep them all: once nothing can change a
// record any more (CallRecord::settled) and every earlier one has gone, it is handed to a
// CallSink and dropped, so a run of ten million calls holds only the calls still in flight.

#include <cstdint>
#include <deque>
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
  bool awaiting_timeout = false;           // the client's timeout has not fired yet (not an output)

  // Nothing can change this record any more: it has its outcome, no retry or timeout is due, and
  // the resource it follows (an image or a snapshot) has reached its terminal state.
  bool settled() const {
    if (outcome == Outcome::kPending || awaiting_retry || awaiting_timeout) return false;
    if (outcome != Outcome::kOk || !tracked) return true;
    if (tracked->kind != ResourceKind::kImage && tracked->kind != ResourceKind::kSnapshot) return true;
    return status.has_value();
  }

  const std::string* response_field(std::string_view key) const {
    for (const auto& [k, v] : response) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

struct WorkloadCallSpec;

// Where a streamed run sends each record, once settled, in index order.
class CallSink {
 public:
  virtual ~CallSink() = default;
  // The record and its call are the sink's from here on: the driver forgets them.
  virtual void on_final(CallRecord&& record, WorkloadCallSpec&& call) = 0;
};

class CallLog {
 public:
  // The records held, in index order: every record of the run, unless some were retired (a
  // streamed run), in which case the first one held is call first_held().
  std::deque<CallRecord>& records() { return records_; }
  const std::deque<CallRecord>& records() const { return records_; }

  // The record of call i. REQUIRES: first_held() <= i < size().
  CallRecord& at(std::uint32_t i);
  const CallRecord& at(std::uint32_t i) const;
  // The index of the first record held; 0 unless records were retired.
  std::uint64_t first_held() const { return retired_; }
  // Every call recorded so far, held or retired.
  std::uint64_t size() const { return retired_ + records_.size(); }
  // No record has been retired: records() is the whole log.
  bool complete() const { return retired_ == 0; }
  // Drops the first record held (after its sink has seen it).
  void retire_front();

 private:
  std::deque<CallRecord> records_;
  std::uint64_t retired_ = 0;
};

}  // namespace ecsim::models
