#include "models/scenario/assertions.h"

#include <algorithm>

namespace ecsim::models {
namespace {

std::string describe(const CallRecord& r) {
  return (r.name ? *r.name + " (" + r.action + ")" : "#" + std::to_string(r.index) + " " + r.action) + " at " +
         sim::format_clock(r.at);
}

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kOk: return "ok";
    case Outcome::kError: return "error";
    case Outcome::kSkipped: return "skipped";
    case Outcome::kPending: break;
  }
  return "pending";
}

}  // namespace

std::vector<AssertionResult> check_assertions(const std::vector<AssertionSpec>& assertions, const CallLog& log) {
  std::vector<AssertionResult> out;
  for (const AssertionSpec& a : assertions) {
    AssertionResult r;
    r.pos = a.pos;
    r.expected = a.text;
    const auto matches_action = [&](const CallRecord& c) { return a.action.empty() || c.action == a.action; };
    switch (a.kind) {
      case AssertionSpec::Kind::kNoCode: {
        std::size_t n = 0;
        const CallRecord* first = nullptr;
        for (const CallRecord& c : log.records()) {
          if (c.outcome == Outcome::kError && c.code == a.code) {
            if (first == nullptr) first = &c;
            ++n;
          }
        }
        r.passed = n == 0;
        r.got = r.passed ? "none" : std::to_string(n) + " call(s), the first " + describe(*first);
        break;
      }
      case AssertionSpec::Kind::kCount: {
        std::int64_t n = 0;
        for (const CallRecord& c : log.records()) {
          if (!matches_action(c)) continue;
          if (a.outcome && *a.outcome != outcome_name(c.outcome)) continue;
          if (!a.code.empty() && c.code != a.code) continue;
          ++n;
        }
        r.passed = (!a.at_least || n >= *a.at_least) && (!a.at_most || n <= *a.at_most);
        r.got = std::to_string(n);
        break;
      }
      case AssertionSpec::Kind::kPercentile: {
        std::vector<std::pair<sim::SimDuration, const CallRecord*>> samples;
        for (const CallRecord& c : log.records()) {
          if (matches_action(c) && c.status && *c.status == a.to_status && c.status_at) samples.emplace_back(*c.status_at - c.at, &c);
        }
        if (samples.empty()) {
          r.got = "no call reached " + a.to_status;
          break;
        }
        std::stable_sort(samples.begin(), samples.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        // Nearest rank: the smallest value with at least p% of the samples at or below it.
        const std::size_t rank = std::max<std::size_t>(1, (samples.size() * static_cast<std::size_t>(a.percentile) + 99) / 100);
        const auto& [value, call] = samples[rank - 1];
        r.passed = value < a.under;
        r.got = sim::format_duration(value) + " over " + std::to_string(samples.size()) + " call(s)" +
                (r.passed ? "" : "; the slowest is " + describe(*samples.back().second) + " (" +
                                     sim::format_duration(samples.back().first) + ")");
        (void)call;
        break;
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ecsim::models
