// Workload generators (generators: in a scenario) expand into plain calls at build time, from
// their own named streams: same seed, same calls; one generator's change leaves the others alone.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "models/scenario/generators.h"
#include "models/size.h"
#include "models/scenario/scenario_parser.h"

namespace ecsim::models {
namespace {

constexpr std::string_view kHead = R"(
regions:
  cn-hangzhou: {}
)";

ScenarioSpec parse_ok(const std::string& rest) {
  ParsedScenario p = parse_scenario_text(std::string(kHead) + rest, "g.yaml");
  for (const auto& e : p.errors) ADD_FAILURE() << e.to_string();
  return p.spec;
}

std::vector<std::string> errors_of(const std::string& rest) {
  std::vector<std::string> out;
  for (const auto& e : parse_scenario_text(std::string(kHead) + rest, "g.yaml").errors) out.push_back(e.to_string());
  return out;
}

TEST(Generators, ScheduleEveryDayAtTwoForThirtyDays) {
  const ScenarioSpec spec = parse_ok(R"(
generators:
  - name: nightly
    every: 1d
    at: 2h
    for: 30d
    call: {Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, ImageName: "nightly-{n}"}
)");
  const auto calls = issue_order(spec, 1);
  ASSERT_EQ(calls.size(), 30u);
  EXPECT_EQ(calls[0].at, sim::SimTime::zero() + sim::SimDuration::hours(2));
  EXPECT_EQ(calls[29].at, sim::SimTime::zero() + sim::SimDuration::days(29) + sim::SimDuration::hours(2));
  EXPECT_EQ(calls[0].request.params.at("ImageName"), "nightly-1");
  EXPECT_EQ(calls[29].request.params.at("ImageName"), "nightly-30");
  EXPECT_EQ(calls[4].name, std::optional<std::string>("nightly-5"));
}

TEST(Generators, BurstPutsCountCallsSpacingApart) {
  const ScenarioSpec spec = parse_ok(R"(
generators:
  - {burst: 50, at: 1h, spacing: 100ms, call: {Action: CreateImage, RegionId: cn-hangzhou}}
)");
  const auto calls = issue_order(spec, 1);
  ASSERT_EQ(calls.size(), 50u);
  EXPECT_EQ(calls[49].at - calls[0].at, sim::SimDuration::milliseconds(4900));
}

TEST(Generators, PoissonArrivalsAreDeterministicAndNearTheirRate) {
  const ScenarioSpec spec = parse_ok(R"(
generators:
  - {arrivals: poisson, rate: 60/h, until: 100h, call: {Action: CreateImage, RegionId: cn-hangzhou}}
)");
  const auto a = issue_order(spec, 42), b = issue_order(spec, 42), c = issue_order(spec, 43);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].at, b[i].at);
  EXPECT_NE(a.size() == c.size() && a.front().at == c.front().at, true);  // another seed, other arrivals
  EXPECT_GT(a.size(), 5400u);  // 6000 expected; 8 standard deviations is ~620
  EXPECT_LT(a.size(), 6600u);
  for (std::size_t i = 1; i < a.size(); ++i) EXPECT_LE(a[i - 1].at, a[i].at);
}

TEST(Generators, VaryPicksFromListsAndRangesOnTheirOwnStreams) {
  const std::string gen = R"(
  - {burst: 200, call: {Action: CreateImage, RegionId: cn-hangzhou, vary: {InstanceId: [i-1, i-2, i-3], Size: {min: 20, max: 100}}}}
)";
  const ScenarioSpec one = parse_ok("generators:" + gen);
  const auto calls = issue_order(one, 5);
  std::set<std::string> instances;
  for (const auto& c : calls) {
    instances.insert(c.request.params.at("InstanceId"));
    const int size = std::stoi(c.request.params.at("Size"));
    EXPECT_GE(size, 20);
    EXPECT_LE(size, 100);
  }
  EXPECT_EQ(instances, (std::set<std::string>{"i-1", "i-2", "i-3"}));
  // Common random numbers: a generator added in front (it becomes generator 1, this one 2) has
  // its own streams, so ... the streams are named by position; adding one AFTER changes nothing.
  const ScenarioSpec two = parse_ok("generators:" + gen +
                                    "  - {arrivals: poisson, rate: 5/m, count: 10, call: {Action: CreateImage, "
                                    "RegionId: cn-hangzhou, vary: {InstanceId: [i-9]}}}\n");
  const auto generated = expand_generator(two.generators[0], 5);
  ASSERT_EQ(generated.size(), calls.size());
  for (std::size_t i = 0; i < calls.size(); ++i) EXPECT_EQ(generated[i].request.params, calls[i].request.params);
}

TEST(Generators, ExplicitCallsComeBeforeGeneratedOnesAtTheSameTime) {
  const ScenarioSpec spec = parse_ok(R"(
workload:
  - {at: 1h, name: explicit, Action: CreateImage, RegionId: cn-hangzhou}
generators:
  - {burst: 2, at: 1h, name: gen, call: {Action: CreateImage, RegionId: cn-hangzhou}}
)");
  const auto calls = issue_order(spec, 1);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].name, std::optional<std::string>("explicit"));
  EXPECT_EQ(calls[1].name, std::optional<std::string>("gen-1"));
}

TEST(Generators, MalformedGeneratorsReportEveryProblemWithItsPosition) {
  const auto errors = errors_of(R"(
generators:
  - {every: 1d, call: {Action: CreateImage}}
  - {arrivals: poisson, rate: fast, until: 1d, call: {Action: CreateImage}}
  - {burst: 3, every: 1h, call: {Action: CreateImage}}
  - {burst: 3, call: {Action: CreateImage, vary: {InstanceId: []}, colour: red}}
  - {burst: 3}
)");
  ASSERT_EQ(errors.size(), 6u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("g.yaml:6:5: error: a schedule needs count, for or until"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("g.yaml:7:31: error: invalid rate 'fast'"), std::string::npos) << errors[1];
  EXPECT_NE(errors[2].find("g.yaml:8:5: error: a generator needs exactly one of"), std::string::npos) << errors[2];
  EXPECT_NE(errors[3].find("unknown key 'colour'"), std::string::npos) << errors[3];
  EXPECT_NE(errors[4].find("invalid vary for InstanceId"), std::string::npos) << errors[4];
  EXPECT_NE(errors[5].find("g.yaml:10:5: error: a generator needs a call template"), std::string::npos) << errors[5];
}

TEST(Fleets, FiveHundredInstancesWithDiskSizesFromARange) {
  const ScenarioSpec spec = parse_ok(R"(
seed: 9
fleets:
  - count: 500
    RegionId: cn-hangzhou
    InstanceId: "i-web-{n}"
    Disks:
      - {DiskId: "d-web-{n}-sys", Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}
      - {DiskId: "d-web-{n}-data", Type: data, Size: {min: 100GiB, max: 500GiB}, Used: 25%}
)");
  ASSERT_EQ(spec.instances.size(), 500u);
  EXPECT_EQ(spec.instances[0].instance.instance_id, "i-web-1");
  EXPECT_EQ(spec.instances[499].disks[1].disk_id, "d-web-500-data");
  std::set<std::int64_t> sizes;
  for (const auto& is : spec.instances) {
    ASSERT_EQ(is.disks.size(), 2u);
    EXPECT_EQ(is.disks[0].size_bytes, 40 * kGiB);
    EXPECT_EQ(is.disks[0].used_bytes, 10 * kGiB);
    const std::int64_t data = is.disks[1].size_bytes;
    EXPECT_GE(data, 100 * kGiB);
    EXPECT_LE(data, 500 * kGiB);
    EXPECT_EQ(data % kGiB, 0);
    EXPECT_EQ(is.disks[1].used_bytes, data / 4);
    sizes.insert(data);
  }
  EXPECT_GT(sizes.size(), 200u);  // drawn, not constant
}

TEST(Fleets, DuplicateIdsAndMissingPatternsAreErrors) {
  const auto errors = errors_of(R"(
instances:
  - {InstanceId: i-web-2, RegionId: cn-hangzhou}
fleets:
  - {count: 3, RegionId: cn-hangzhou, InstanceId: "i-web-{n}"}
  - {count: 3, RegionId: cn-hangzou, InstanceId: "i-db", Disks: [{DiskId: d, Size: {min: 9}}]}
)");
  for (const char* what : {"duplicate InstanceId 'i-web-2'", "region 'cn-hangzou' is not declared",
                           "InstanceId must contain {n}", "DiskId must contain {n}", "Size range needs min and max"})
    EXPECT_TRUE(std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.find(what) != std::string::npos; }))
        << what << " in " << ::testing::PrintToString(errors);
}

}  // namespace
}  // namespace ecsim::models
