// Scenario-level assertions: each is checked against the run's call log and says, when it fails,
// what was expected and what happened (with the first offending call).

#include <gtest/gtest.h>

#include <string>

#include "models/scenario/assertions.h"
#include "models/scenario/scenario_parser.h"

namespace ecsim::models {
namespace {

CallRecord record(std::uint32_t index, std::string action, Outcome outcome, std::string code = {},
                  std::optional<sim::SimDuration> to_available = std::nullopt) {
  CallRecord r;
  r.index = index;
  r.action = std::move(action);
  r.at = sim::SimTime::zero() + sim::SimDuration::minutes(index);
  r.outcome = outcome;
  r.code = std::move(code);
  if (to_available) {
    r.status = "Available";
    r.status_at = r.at + *to_available;
  }
  return r;
}

std::vector<AssertionSpec> parse(const std::string& assertions) {
  ParsedScenario p = parse_scenario_text("regions: {cn-hangzhou: {}}\nassertions:\n" + assertions, "a.yaml");
  for (const auto& e : p.errors) ADD_FAILURE() << e.to_string();
  return p.spec.assertions;
}

CallLog sample_log() {
  CallLog log;
  log.records() = {record(0, "CreateImage", Outcome::kOk, "", sim::SimDuration::minutes(30)),
                   record(1, "CreateImage", Outcome::kError, "InternalError"),
                   record(2, "CreateImage", Outcome::kOk, "", sim::SimDuration::hours(3)),
                   record(3, "DeleteImage", Outcome::kOk)};
  return log;
}

TEST(Assertions, NoCodeFailsNamingTheFirstCallThatGotIt) {
  const auto results = check_assertions(parse("  - no_code: InternalError\n  - no_code: Throttling\n"), sample_log());
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(results[0].passed);
  EXPECT_EQ(results[0].expected, "no call answered InternalError");
  EXPECT_EQ(results[0].got, "1 call(s), the first #1 CreateImage at 00:01:00");
  EXPECT_EQ(results[0].pos.line, 3);
  EXPECT_TRUE(results[1].passed);
}

TEST(Assertions, CountChecksBothBounds) {
  const auto results = check_assertions(parse("  - count: {Action: CreateImage, outcome: ok, at_least: 2}\n"
                                              "  - count: {Action: CreateImage, at_most: 2}\n"
                                              "  - count: {code: InternalError, at_least: 1, at_most: 1}\n"),
                                        sample_log());
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].passed);
  EXPECT_FALSE(results[1].passed);
  EXPECT_EQ(results[1].got, "3");
  EXPECT_TRUE(results[2].passed);
}

TEST(Assertions, PercentileIsNearestRankOverCallsThatReachedTheStatus) {
  // Two samples, 30m and 3h: p50 is 30m, p99 and max are 3h.
  const auto results = check_assertions(parse("  - p50: {Action: CreateImage, under: 1h}\n"
                                              "  - p99: {Action: CreateImage, to_status: Available, under: 2h}\n"
                                              "  - max: {Action: DeleteImage, under: 1h}\n"),
                                        sample_log());
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].passed) << results[0].got;
  EXPECT_FALSE(results[1].passed);
  EXPECT_EQ(results[1].expected, "p99 time from CreateImage to Available under 2h");
  EXPECT_NE(results[1].got.find("the slowest is #2 CreateImage"), std::string::npos) << results[1].got;
  EXPECT_FALSE(results[2].passed);
  EXPECT_EQ(results[2].got, "no call reached Available");
}

TEST(Assertions, MalformedAssertionsAreReportedWithPositions) {
  const ParsedScenario p = parse_scenario_text(R"(regions: {cn-hangzhou: {}}
assertions:
  - no_code: InternalEror
  - count: {Action: CreateImage}
  - p99: {Action: CreateImage, to_status: Ready}
  - {no_code: Throttling, count: {at_least: 1}}
  - p95: {under: 1h}
)", "a.yaml");
  ASSERT_EQ(p.errors.size(), 6u);
  EXPECT_EQ(p.errors[0].line, 3);
  EXPECT_NE(p.errors[0].what.find("did you mean 'InternalError'"), std::string::npos);
  EXPECT_NE(p.errors[1].what.find("count needs at_least or at_most"), std::string::npos);
  EXPECT_NE(p.errors[2].what.find("unknown status 'Ready'"), std::string::npos);
  EXPECT_NE(p.errors[3].what.find("p99 needs under"), std::string::npos);
  EXPECT_NE(p.errors[4].what.find("exactly one key"), std::string::npos);
  EXPECT_NE(p.errors[5].what.find("unknown key 'p95'"), std::string::npos);
}

}  // namespace
}  // namespace ecsim::models
