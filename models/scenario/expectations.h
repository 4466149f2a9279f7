#pragma once
// `expect:` entries checked against what the run recorded (ecsim check).

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "models/call_log.h"
#include "models/scenario/scenario_spec.h"

namespace ecsim::models {

struct ExpectationResult {
  std::uint32_t call = 0;       // index in issue order
  SourcePos pos;                // of the expect: entry
  std::string operation;        // "golden (CreateImage)" or "#3 CreateImage"
  std::string expected;         // "code null", "status Available within 1h"
  std::string got;              // what the run recorded
  bool passed = false;
};

// One result per expect: entry, in issue order. `calls` are the workload in issue order (as the
// Simulation's driver holds them), aligned with `log`.
std::vector<ExpectationResult> check_expectations(const std::deque<WorkloadCallSpec>& calls, const CallLog& log);
std::vector<ExpectationResult> check_expectations(const std::vector<WorkloadCallSpec>& calls, const CallLog& log);

// The result of call i's expect: entry, if it has one. `record` is the call's final record.
std::optional<ExpectationResult> check_expectation(std::uint32_t i, const WorkloadCallSpec& call, const CallRecord& record);

}  // namespace ecsim::models
