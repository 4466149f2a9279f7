// Faults draw from their own named streams, and every fault that applies draws whether or not an
// earlier one fired: changing one fault leaves the decisions of the others unchanged (common
// random numbers).

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "models/faults.h"
#include "models/scenario/scenario_parser.h"

namespace ecsim::models {
namespace {

FaultPlan plan_of(const std::string& faults) {
  ParsedScenario p = parse_scenario_text("regions: {cn-hangzhou: {}, cn-beijing: {}}\nfaults:\n" + faults, "f.yaml");
  for (const auto& e : p.errors) ADD_FAILURE() << e.to_string();
  return p.spec.faults;
}

// Which of 500 calls (one a minute) the fault on cn-beijing hits.
std::vector<bool> beijing_hits(const FaultPlan& plan) {
  sim::RngStreams rngs(11);
  std::vector<bool> hits;
  for (int i = 0; i < 500; ++i) {
    const sim::SimTime now = sim::SimTime::zero() + sim::SimDuration::minutes(i);
    // Both regions' calls go through the plan, interleaved, as in a run.
    (void)plan.api_fault("CreateImage", "cn-hangzhou", now, rngs);
    const ApiFault* f = plan.api_fault("CreateImage", "cn-beijing", now, rngs);
    hits.push_back(f != nullptr && f->error.code == "InternalError");
  }
  return hits;
}

TEST(Faults, ChangingOneFaultLeavesTheOthersDecisionsUnchanged) {
  const std::string beijing = "  - {code: InternalError, probability: 20%}\n";
  const auto base = beijing_hits(plan_of("  - {code: Throttling, RegionId: cn-hangzhou, probability: 10%}\n" + beijing));
  const auto changed = beijing_hits(plan_of("  - {code: Throttling, RegionId: cn-hangzhou, probability: 90%}\n" + beijing));
  EXPECT_EQ(base, changed);
  EXPECT_GT(std::count(base.begin(), base.end(), true), 50);
}

TEST(Faults, AFaultThatDoesNotWinStillDraws) {
  // The first fault always fires; the second (same calls) must still consume its stream, so
  // removing the first exposes exactly the second's own decisions.
  const std::string second = "  - {code: InternalError, probability: 20%}\n";
  const FaultPlan both = plan_of("  - {code: Throttling, probability: 100%}\n" + second);
  const FaultPlan alone = plan_of("  - {code: Throttling, probability: 0}\n" + second);
  sim::RngStreams a(3), b(3);
  for (int i = 0; i < 200; ++i) {
    const sim::SimTime now = sim::SimTime::zero() + sim::SimDuration::seconds(i);
    const ApiFault* fa = both.api_fault("CreateImage", "cn-hangzhou", now, a);
    ASSERT_NE(fa, nullptr);
    EXPECT_EQ(fa->error.code, "Throttling");
    (void)alone.api_fault("CreateImage", "cn-hangzhou", now, b);
  }
  // Both streams of the second fault are at the same place.
  EXPECT_EQ(a.stream("faults/2/api_error").next_u64(), b.stream("faults/2/api_error").next_u64());
}

TEST(Faults, OutageAnswersServiceUnavailableForEveryCallToTheRegionInItsWindow) {
  const FaultPlan plan = plan_of("  - {type: outage, RegionId: cn-beijing, from: 1h, until: 3h}\n");
  sim::RngStreams rngs(1);
  const auto at = [](int minutes) { return sim::SimTime::zero() + sim::SimDuration::minutes(minutes); };
  EXPECT_EQ(plan.api_fault("CreateImage", "cn-beijing", at(59), rngs), nullptr);
  ASSERT_NE(plan.api_fault("DeleteImage", "cn-beijing", at(60), rngs), nullptr);
  EXPECT_EQ(plan.api_fault("CreateImage", "cn-beijing", at(179), rngs)->error.code, "ServiceUnavailable");
  EXPECT_EQ(plan.api_fault("CreateImage", "cn-hangzhou", at(120), rngs), nullptr);
  EXPECT_EQ(plan.api_fault("CreateImage", "cn-beijing", at(180), rngs), nullptr);
}

}  // namespace
}  // namespace ecsim::models
