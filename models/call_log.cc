#include "models/call_log.h"

#include "sim/assert.h"

namespace ecsim::models {

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::kPending: return "pending";
    case Outcome::kOk: return "ok";
    case Outcome::kError: return "error";
    case Outcome::kSkipped: return "skipped";
  }
  ECSIM_UNREACHABLE("unknown Outcome");
}

CallRecord& CallLog::at(std::uint32_t i) {
  ECSIM_ASSERT_MSG(i >= retired_ && i - retired_ < records_.size(), "a call record that is not held");
  return records_[i - retired_];
}

const CallRecord& CallLog::at(std::uint32_t i) const {
  ECSIM_ASSERT_MSG(i >= retired_ && i - retired_ < records_.size(), "a call record that is not held");
  return records_[i - retired_];
}

void CallLog::retire_front() {
  ECSIM_ASSERT(!records_.empty());
  records_.pop_front();
  ++retired_;
}

}  // namespace ecsim::models
