// A link_slowdown fault multiplies a network link's bandwidth by its factor during its window:
// a CopyImage whose transfer crosses the link takes longer by exactly the data the window did not
// carry, (until - from) x (1 - factor) at the link's full rate; copies over other links are
// unaffected. The parser checks the link exists in the scenario's network.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::models {
namespace {

// 6000 MiB over 100 MiB/s links: a transfer of exactly 60 s when alone on its link.
constexpr const char* kWorld = R"(
regions: {cn-hangzhou: {}, cn-shanghai: {}, cn-beijing: {}}
network:
  links:
    - {between: [cn-hangzhou, cn-shanghai], bandwidth: 100MiB/s, latency: 0ms}
    - {between: [cn-hangzhou, cn-beijing], bandwidth: 100MiB/s, latency: 0ms}
snapshots:
  - {SnapshotId: s-sys, RegionId: cn-hangzhou, SourceDiskType: system, Size: 6000MiB, CreationTime: 2025-12-01T00:00:00Z}
images:
  - {ImageId: m-golden, RegionId: cn-hangzhou, ImageName: golden, Status: Available, Snapshots: [s-sys]}
  - {ImageId: m-second, RegionId: cn-hangzhou, ImageName: second, Status: Available, Snapshots: [s-sys]}
workload:
  - {at: 0s, Action: CopyImage, RegionId: cn-hangzhou, ImageId: m-golden, DestinationRegionId: cn-shanghai}
  - {at: 0s, Action: CopyImage, RegionId: cn-hangzhou, ImageId: m-golden, DestinationRegionId: cn-beijing}
)";

constexpr double kTransferSeconds = 60.0;

// When each copy's data reached its destination, by destination region.
class TransferEnds : public LifecycleObserver {
 public:
  explicit TransferEnds(Simulation& sim) : sim_(sim) { sim.bus().subscribe(this); }
  void on_lifecycle(const LifecycleEvent& e) override {
    if (e.kind == LifecycleEvent::Kind::kImageCopyTransferred) at[sim_.world().image(e.index).region_id] = e.at;
  }
  std::map<std::string, sim::SimTime> at;

 private:
  Simulation& sim_;
};

struct CopyRun {
  std::map<std::string, sim::SimTime> transferred;
  std::map<std::string, sim::SimTime> available;  // status_at of each copy, by destination
};

CopyRun run(const std::string& faults) {
  ParsedScenario p = parse_scenario_text(std::string(kWorld) + (faults.empty() ? "" : "faults:\n" + faults), "link.yaml");
  for (const auto& e : p.errors) ADD_FAILURE() << e.to_string();
  Simulation sim(p.spec, 5);
  TransferEnds ends(sim);
  sim.run();
  CopyRun r;
  r.transferred = ends.at;
  for (const CallRecord& c : sim.log().records()) {
    EXPECT_EQ(c.outcome, Outcome::kOk) << c.code;
    if (c.status_at) r.available[c.action == "CopyImage" && c.index == 0 ? "cn-shanghai" : "cn-beijing"] = *c.status_at;
  }
  return r;
}

double seconds(sim::SimTime t) { return t.since_start().seconds_f(); }

TEST(LinkSlowdown, WithoutASlowdownTheTransferTakesDataOverBandwidth) {
  const CopyRun base = run("");
  EXPECT_NEAR(seconds(base.transferred.at("cn-shanghai")), kTransferSeconds, 1e-5);
}

TEST(LinkSlowdown, ACopyOverTheSlowedLinkTakesLongerByTheWindowTimesOneMinusFactor) {
  // From 10 s to 30 s the link runs at a quarter: those 20 s carry 500 MiB instead of 2000, and
  // the 1500 MiB left take 15 s more at the full rate.
  const double from = 10, until = 30, factor = 0.25;
  const CopyRun base = run("");
  const CopyRun slowed = run("  - {type: link_slowdown, between: [cn-shanghai, cn-hangzhou], factor: 0.25, from: 10s, until: 30s}\n");
  const double extra = (until - from) * (1 - factor);
  EXPECT_NEAR(seconds(slowed.transferred.at("cn-shanghai")), kTransferSeconds + extra, 1e-5);
  // The build after the transfer draws the same noise: the image is Available later by the same amount.
  EXPECT_NEAR(seconds(slowed.available.at("cn-shanghai")) - seconds(base.available.at("cn-shanghai")), extra, 1e-5);
}

TEST(LinkSlowdown, ACopyOverAnotherLinkIsUnaffected) {
  const CopyRun base = run("");
  const CopyRun slowed = run("  - {type: link_slowdown, between: [cn-hangzhou, cn-shanghai], factor: 0.25, from: 10s, until: 30s}\n");
  EXPECT_EQ(slowed.transferred.at("cn-beijing"), base.transferred.at("cn-beijing"));
  EXPECT_EQ(slowed.available.at("cn-beijing"), base.available.at("cn-beijing"));
}

TEST(LinkSlowdown, ASlowdownThatStartsAfterTheTransferEndedChangesNothing) {
  const CopyRun base = run("");
  const CopyRun slowed = run("  - {type: link_slowdown, between: [cn-hangzhou, cn-shanghai], factor: 0.1, from: 2m, until: 3m}\n");
  EXPECT_EQ(slowed.transferred.at("cn-shanghai"), base.transferred.at("cn-shanghai"));
}

TEST(LinkSlowdown, ASlowdownWithoutUntilSlowsTheRestOfTheTransfer) {
  // From 30 s at half speed: 3000 MiB left at 50 MiB/s take 60 s, so the transfer ends at 90 s.
  const CopyRun slowed = run("  - {type: link_slowdown, between: [cn-hangzhou, cn-shanghai], factor: 0.5, from: 30s}\n");
  EXPECT_NEAR(seconds(slowed.transferred.at("cn-shanghai")), 30.0 + 3000.0 / 50.0, 1e-5);
}

TEST(LinkSlowdown, TheFactorAppliesBeforeTheLinkIsSharedEqually) {
  // A copy of a second image to Shanghai shares the slowed link: 2 x 6000 MiB at 100 x 0.5 MiB/s = 240 s.
  ParsedScenario p = parse_scenario_text(std::string(kWorld) +
                                             "  - {at: 0s, Action: CopyImage, RegionId: cn-hangzhou, ImageId: m-second, "
                                             "DestinationRegionId: cn-shanghai}\n"
                                             "faults:\n  - {type: link_slowdown, between: [cn-hangzhou, cn-shanghai], factor: 0.5}\n",
                                         "link.yaml");
  ASSERT_TRUE(p.ok());
  Simulation sim(p.spec, 5);
  TransferEnds ends(sim);
  sim.run();
  EXPECT_NEAR(seconds(ends.at.at("cn-shanghai")), 2 * 6000.0 / 50.0, 1e-5);
}

TEST(LinkSlowdown, ASlowdownOfALinkTheNetworkDoesNotHaveIsAScenarioError) {
  ParsedScenario p = parse_scenario_text(std::string(kWorld) +
                                             "faults:\n  - {type: link_slowdown, between: [cn-shanghai, cn-beijing], factor: 0.5}\n",
                                         "link.yaml");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_NE(p.errors[0].to_string().find("link.yaml:16:"), std::string::npos) << p.errors[0].to_string();
  EXPECT_NE(p.errors[0].to_string().find("no network link between 'cn-shanghai' and 'cn-beijing'"), std::string::npos);
}

TEST(LinkSlowdown, WithoutANetworkKeyTheLinkIsLookedUpInTheDefaultNetwork) {
  ParsedScenario ok = parse_scenario_text("regions: {cn-hangzhou: {}}\nfaults:\n"
                                          "  - {type: link_slowdown, between: [cn-hangzhou, cn-shanghai], factor: 0.5}\n",
                                          "link.yaml");
  EXPECT_TRUE(ok.ok());
  ParsedScenario bad = parse_scenario_text("regions: {cn-hangzhou: {}}\nfaults:\n"
                                           "  - {type: link_slowdown, between: [cn-hangzhou, us-east-1], factor: 0.5}\n",
                                           "link.yaml");
  EXPECT_FALSE(bad.ok());
}

TEST(LinkSlowdown, ASlowdownNeedsAFactor) {
  ParsedScenario p = parse_scenario_text("regions: {cn-hangzhou: {}}\nfaults:\n"
                                         "  - {type: link_slowdown, between: [cn-hangzhou, cn-shanghai]}\n",
                                         "link.yaml");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.errors[0].to_string().find("needs a factor"), std::string::npos) << p.errors[0].to_string();
}

}  // namespace
}  // namespace ecsim::models
