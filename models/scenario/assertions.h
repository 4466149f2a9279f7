#pragma once
// Scenario-level assertions (assertions: in a scenario), checked against a finished run by
// `ecsim check`. Each yields one result with a message a person can act on.
//
//   - no_code: InternalError                                       no call was answered with it
//   - count: {Action: CreateImage, outcome: ok, at_least: 10}       calls matching, within bounds
//   - p99: {Action: CreateImage, to_status: Available, under: 2h}   nearest-rank percentile of the
//                                                                   time from the call to the status,
//                                                                   over the calls that reached it

#include <string>
#include <vector>

#include "models/call_log.h"
#include "models/scenario/scenario_spec.h"

namespace ecsim::models {

struct AssertionResult {
  SourcePos pos;
  std::string expected;  // the assertion, in words
  std::string got;       // what the run did, with the first offending call when there is one
  bool passed = false;
};

std::vector<AssertionResult> check_assertions(const std::vector<AssertionSpec>& assertions, const CallLog& log);

}  // namespace ecsim::models
