#pragma once
// Hand-built CallRecords for the analysis tests: one ok CreateImage that reached Available, one
// error DeleteImage, one skipped CopyImage.

#include <optional>
#include <string>

#include "models/call_log.h"
#include "sim/time.h"

namespace ecsim::analysis::test_support {

inline sim::SimTime at_seconds(std::int64_t s) {
  return sim::SimTime::zero() + sim::SimDuration::seconds(s);
}

inline models::CallRecord ok_create_image(std::uint32_t index) {
  models::CallRecord r;
  r.index = index;
  r.name = "golden";
  r.at = at_seconds(0);
  r.action = "CreateImage";
  r.region_id = "cn-hangzhou";
  r.outcome = models::Outcome::kOk;
  r.http_status = 200;
  r.request_id = "req-0001";
  r.response = {{"RequestId", "req-0001"}, {"ImageId", "m-0001"}};
  r.api_latency = sim::SimDuration::milliseconds(250);
  r.status = "Available";
  r.status_at = at_seconds(723);  // 12m03s after the call
  r.snapshots_done_after = sim::SimDuration::seconds(600);
  r.registered_after = sim::SimDuration::seconds(720);
  return r;
}

inline models::CallRecord error_delete_image(std::uint32_t index) {
  models::CallRecord r;
  r.index = index;
  r.at = at_seconds(7200) + sim::SimDuration::milliseconds(500);
  r.action = "DeleteImage";
  r.region_id = "cn-hangzhou";
  r.outcome = models::Outcome::kError;
  r.http_status = 404;
  r.code = "InvalidImageId.NotFound";
  r.message = "The specified ImageId does not exist.";
  r.request_id = "req-0002";
  r.response = {{"RequestId", "req-0002"}};
  r.api_latency = sim::SimDuration::milliseconds(120);
  return r;
}

inline models::CallRecord skipped_copy_image(std::uint32_t index) {
  models::CallRecord r;
  r.index = index;
  r.name = "copy";
  r.at = at_seconds(1800);
  r.action = "CopyImage";
  r.region_id = "cn-hangzhou";
  r.outcome = models::Outcome::kSkipped;
  r.skip_reason = "${golden.ImageId}: call golden failed";
  return r;
}

}  // namespace ecsim::analysis::test_support
