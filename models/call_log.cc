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

}  // namespace ecsim::models
