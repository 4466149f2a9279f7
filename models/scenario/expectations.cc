#include "models/scenario/expectations.h"

#include "sim/assert.h"

namespace ecsim::models {
namespace {

std::string outcome_text(const CallRecord& r) {
  switch (r.outcome) {
    case Outcome::kOk: return "success (HTTP 200)";
    case Outcome::kError: return r.code + " (HTTP " + std::to_string(r.http_status) + ")";
    case Outcome::kSkipped: return "skipped: " + r.skip_reason;
    case Outcome::kPending: return "no outcome";
  }
  return "";
}

}  // namespace

std::optional<ExpectationResult> check_expectation(std::uint32_t i, const WorkloadCallSpec& call, const CallRecord& r) {
  if (!call.expect) return std::nullopt;
  const Expectation& e = *call.expect;
  ExpectationResult res;
  res.call = i;
  res.pos = e.pos;
  // Built by appending: GCC 12 misreports -Wrestrict on chained temporaries here.
  std::string op;
  if (r.name) {
    op.append(*r.name).append(" (").append(r.action).append(")");
  } else {
    op.append("#").append(std::to_string(i)).append(" ").append(r.action);
  }
  op.append(" at ").append(sim::format_duration(r.at.since_start()));
  res.operation = std::move(op);
  std::vector<std::string> want, got;
  bool ok = true;
  if (e.has_code) {
    want.push_back(e.code ? "code " + *e.code : "success (code null)");
    const bool match = e.code ? (r.outcome == Outcome::kError && r.code == *e.code) : r.outcome == Outcome::kOk;
    ok = ok && match;
  }
  if (e.http) {
    want.push_back("HTTP " + std::to_string(*e.http));
    ok = ok && r.outcome != Outcome::kSkipped && r.http_status == *e.http;
  }
  if (e.status) {
    std::string w = "status " + *e.status;
    if (e.within) w += " within " + sim::format_duration(*e.within);
    want.push_back(w);
    const bool reached = r.status && *r.status == *e.status;
    const bool in_time = !e.within || (r.status_at && (*r.status_at - r.at) <= *e.within);
    ok = ok && reached && in_time;
    if (r.status) {
      got.push_back("status " + *r.status + (r.status_at ? " after " + sim::format_duration(*r.status_at - r.at) : ""));
    } else {
      got.push_back("no terminal status");
    }
  } else if (e.within) {
    want.push_back("a terminal status within " + sim::format_duration(*e.within));
    ok = ok && r.status_at && (*r.status_at - r.at) <= *e.within;
  }
  got.insert(got.begin(), outcome_text(r));
  for (const auto& w : want) res.expected += (res.expected.empty() ? "" : ", ") + w;
  for (const auto& g : got) res.got += (res.got.empty() ? "" : ", ") + g;
  res.passed = ok;
  return res;
}

namespace {

template <typename Calls>
std::vector<ExpectationResult> check_all(const Calls& calls, const CallLog& log) {
  ECSIM_ASSERT_MSG(log.complete(), "check_expectations on a streamed run's log");
  ECSIM_ASSERT(calls.size() == log.records().size());
  std::vector<ExpectationResult> out;
  for (std::uint32_t i = 0; i < calls.size(); ++i) {
    if (auto r = check_expectation(i, calls[i], log.records()[i])) out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace

std::vector<ExpectationResult> check_expectations(const std::deque<WorkloadCallSpec>& calls, const CallLog& log) {
  return check_all(calls, log);
}

std::vector<ExpectationResult> check_expectations(const std::vector<WorkloadCallSpec>& calls, const CallLog& log) {
  return check_all(calls, log);
}

}  // namespace ecsim::models
