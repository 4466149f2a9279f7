// The scenario parser reports every problem of a file in one pass, each as
// FILE:LINE:COL: error: WHAT (expected ...), and never throws.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <algorithm>

#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::models {
namespace {

std::vector<std::string> errors_of(std::string_view text) {
  std::vector<std::string> out;
  for (const ScenarioError& e : parse_scenario_text(text, "s.yaml").errors) out.push_back(e.to_string());
  return out;
}

// The first error whose text contains `what`, or "" when none does.
std::string error_with(const std::vector<std::string>& errors, std::string_view what) {
  for (const auto& e : errors) {
    if (e.find(what) != std::string::npos) return e;
  }
  return "";
}

constexpr std::string_view kValid = R"(name: ok
seed: 3
regions:
  cn-hangzhou: {}
instances:
  - InstanceId: i-1
    RegionId: cn-hangzhou
    Disks:
      - {DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB}
workload:
  - at: 0s
    name: golden
    Action: CreateImage
    RegionId: cn-hangzhou
    InstanceId: i-1
    expect: {code: null, status: Available, within: 1h}
  - at: 1h
    Action: CreateImage
    RegionId: cn-hangzhou
    ImageName: ${golden.ImageId}
    SnapshotId: s-x
)";

TEST(ScenarioParser, ValidScenarioHasNoErrors) {
  const ParsedScenario p = parse_scenario_text(kValid, "s.yaml");
  EXPECT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors[0].to_string());
  EXPECT_EQ(p.spec.seed, 3u);
  ASSERT_EQ(p.spec.workload.size(), 2u);
  EXPECT_EQ(p.spec.workload[1].request.params.at("ImageName"), "${golden.ImageId}");
}

TEST(ScenarioParser, UnknownTopLevelKeyIsReportedAtItsPosition) {
  const auto errors = errors_of("regions:\n  cn-hangzhou: {}\ncolour: blue\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("s.yaml:3:1: error: unknown key 'colour' in the scenario (expected one of: name,"))
      << errors[0];
}

TEST(ScenarioParser, BadDurationIsReportedAtTheValue) {
  const auto errors = errors_of("regions: {cn-hangzhou: {}}\nrun: {until: soon}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("s.yaml:2:14: error: invalid duration 'soon' for run.until")) << errors[0];
  EXPECT_NE(errors[0].find("(expected a number with a unit"), std::string::npos);
}

TEST(ScenarioParser, DurationWithoutANumberIsInvalid) {
  const auto errors = errors_of("regions: {cn-hangzhou: {}}\nworkload:\n  - {at: s, Action: CreateImage}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("s.yaml:3:10: error: invalid time 's' for at")) << errors[0];
}

TEST(ScenarioParser, BadSizeIsReportedAtTheValue) {
  const auto errors = errors_of(
      "regions: {cn-hangzhou: {}}\n"
      "instances:\n"
      "  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Size: 40GB}]}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("s.yaml:3:74: error: invalid size '40GB' for Size")) << errors[0];
}

TEST(ScenarioParser, UndefinedReferenceIsReported) {
  const auto errors = errors_of(
      "regions: {cn-hangzhou: {}}\n"
      "workload:\n"
      "  - at: 0s\n"
      "    Action: CreateImage\n"
      "    ImageName: ${nobody.ImageId}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("s.yaml:5:16: error: reference to 'nobody', which no earlier call is named"))
      << errors[0];
}

TEST(ScenarioParser, ReferenceToALaterCallIsReported) {
  const auto errors = errors_of(
      "regions: {cn-hangzhou: {}}\n"
      "workload:\n"
      "  - {at: 0s, Action: CreateImage, ImageName: '${later.ImageId}'}\n"
      "  - {at: 1s, name: later, Action: CreateImage}\n");
  EXPECT_NE(error_with(errors, "reference to 'later'"), "");
}

TEST(ScenarioParser, ReferenceWithoutAFieldIsReported) {
  const auto errors = errors_of(
      "regions: {cn-hangzhou: {}}\n"
      "workload:\n"
      "  - {at: 0s, name: a, Action: CreateImage}\n"
      "  - {at: 1s, Action: CreateImage, ImageName: '${a}'}\n");
  EXPECT_NE(error_with(errors, "names no field"), "");
}

TEST(ScenarioParser, DuplicateCallNamesAreReported) {
  const auto errors = errors_of(
      "regions: {cn-hangzhou: {}}\n"
      "workload:\n"
      "  - {at: 0s, name: golden, Action: CreateImage}\n"
      "  - {at: 1s, name: golden, Action: CreateImage}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("s.yaml:4:20: error: duplicate call name 'golden'")) << errors[0];
}

TEST(ScenarioParser, MalformedYamlIsReportedWithAPositionNotThrown) {
  std::vector<std::string> errors;
  EXPECT_NO_THROW(errors = errors_of("regions:\n  cn-hangzhou: {quota: [1, 2}\n"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("s.yaml:2:")) << errors[0];
  EXPECT_NE(errors[0].find("error: malformed YAML"), std::string::npos) << errors[0];
}

TEST(ScenarioParser, SeveralProblemsAreReportedInOnePass) {
  const auto errors = errors_of(
      "colour: blue\n"
      "regions: {cn-hangzhou: {}}\n"
      "run: {until: soon}\n"
      "instances:\n"
      "  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Size: 40GB}]}\n"
      "workload:\n"
      "  - {at: 0s, name: a, Action: CreateImage, ImageName: '${zed.ImageId}'}\n"
      "  - {at: 1s, name: a, Action: CreateImage}\n");
  EXPECT_EQ(errors.size(), 5u);
  EXPECT_TRUE(error_with(errors, "unknown key 'colour'").starts_with("s.yaml:1:1:"));
  EXPECT_TRUE(error_with(errors, "invalid duration 'soon'").starts_with("s.yaml:3:"));
  EXPECT_TRUE(error_with(errors, "invalid size '40GB'").starts_with("s.yaml:5:"));
  EXPECT_TRUE(error_with(errors, "reference to 'zed'").starts_with("s.yaml:7:"));
  EXPECT_TRUE(error_with(errors, "duplicate call name 'a'").starts_with("s.yaml:8:"));
}

TEST(ScenarioParser, UndeclaredRegionOfAnInstanceIsReported) {
  const auto errors = errors_of(
      "regions: {cn-hangzhou: {}}\n"
      "instances:\n"
      "  - {InstanceId: i-1, RegionId: cn-nowhere, Disks: []}\n");
  EXPECT_NE(error_with(errors, "region 'cn-nowhere', which is not declared"), "");
}

TEST(ScenarioParser, UnknownErrorCodeInAFaultIsReported) {
  const auto errors = errors_of("regions: {cn-hangzhou: {}}\nfaults: [{type: api_error, code: Oops}]\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("unknown error code 'Oops'"), std::string::npos) << errors[0];
}

TEST(ScenarioParser, EmptyFileIsReported) {
  const auto errors = errors_of("");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("s.yaml:1:1: error: the scenario is empty")) << errors[0];
}

TEST(ScenarioParser, WorkloadListsFlattenToAlibabasWireNames) {
  const ParsedScenario p = parse_scenario_text(
      "regions: {cn-hangzhou: {}}\n"
      "workload:\n"
      "  - at: 0s\n"
      "    Action: CreateImage\n"
      "    DiskDeviceMapping: [{SnapshotId: s-1, Size: 40}, {}]\n"
      "    Tag: [{Key: team, Value: web}]\n"
      "    Features: {ImdsSupport: v2}\n",
      "s.yaml");
  ASSERT_TRUE(p.ok());
  const auto& params = p.spec.workload.at(0).request.params;
  EXPECT_EQ(params.at("DiskDeviceMapping.1.SnapshotId"), "s-1");
  EXPECT_EQ(params.at("DiskDeviceMapping.1.Size"), "40");
  EXPECT_EQ(params.at("DiskDeviceMapping.2"), "");
  EXPECT_EQ(params.at("Tag.1.Key"), "team");
  EXPECT_EQ(params.at("Tag.1.Value"), "web");
  EXPECT_EQ(params.at("Features.ImdsSupport"), "v2");
}

TEST(ScenarioParser, ErrorTextCarriesWhatWasExpected) {
  const ScenarioError e{"f.yaml", 3, 7, "invalid size 'x' for Size", "a number with a unit"};
  EXPECT_EQ(e.to_string(), "f.yaml:3:7: error: invalid size 'x' for Size (expected a number with a unit)");
}

// expect.code: a code that is not catalogued is a typo when the action is simulated (the run could
// never answer it), and the message suggests the closest code. For an action ecsim does not
// simulate yet, any code shaped like Alibaba's is accepted: the expectation documents the API.
TEST(ScenarioParser, MisspelledExpectedCodeOfASimulatedActionIsAnErrorWithASuggestion) {
  const auto errors = errors_of(R"(regions: {cn-hangzhou: {}}
workload:
  - {at: 0s, Action: CreateImage, RegionId: cn-hangzhou, expect: {code: InvalidImageName.Duplicatd}}
)");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "s.yaml:3:73: error: unknown error code 'InvalidImageName.Duplicatd'; did you mean "
            "'InvalidImageName.Duplicated'? (expected a code from the error catalogue (ecsim errors))");
}

TEST(ScenarioParser, UncataloguedCodeOfAnUnsimulatedActionIsAccepted) {
  EXPECT_TRUE(errors_of(R"(regions: {cn-hangzhou: {}}
workload:
  - {at: 0s, Action: ModifyImageSharePermission, RegionId: cn-hangzhou, expect: {code: QuotaExceed.ShareImageUser}}
)").empty());
  // ...but not a code that cannot be one.
  EXPECT_EQ(errors_of(R"(regions: {cn-hangzhou: {}}
workload:
  - {at: 0s, Action: ModifyImageSharePermission, RegionId: cn-hangzhou, expect: {code: "quota exceeded"}}
)").size(), 1u);
}

TEST(ScenarioParser, SimulatedActionsAreTheActionsTheSimulationAnswers) {
  const ParsedScenario p = parse_scenario_text("regions: {cn-hangzhou: {}}\n", "s.yaml");
  ASSERT_TRUE(p.ok());
  const Simulation sim(p.spec, 1);
  std::vector<std::string> listed(simulated_actions().begin(), simulated_actions().end());
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, sim.driver().actions()) << "update simulated_actions() in scenario_parser.cc";
}

TEST(ScenarioParser, FaultForAnUndeclaredRegionIsAnError) {
  const auto errors = errors_of(R"(regions: {cn-hangzhou: {}}
faults:
  - {code: Throttling, RegionId: cn-hangzou}
)");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("s.yaml:3:34: error: fault for region 'cn-hangzou', which is not declared"), std::string::npos)
      << errors[0];
}

TEST(ScenarioParser, ManyProblemsInOneFileAreAllReported) {
  const auto errors = errors_of(R"(regions: {cn-hangzhou: {quota: {images: lots}}}
instances:
  - {InstanceId: i-1, RegionId: cn-hangzhou, Disks: [{DiskId: d-1, Type: system, Size: 40XB}], Colour: red}
faults:
  - {code: Throttlin, probability: 2}
workload:
  - {at: soon, Action: CreateImage, client: ghost, expect: {within: forever}}
  - {at: 1h, Action: CreateImage, ImageId: "${nobody.ImageId}"}
)");
  EXPECT_GE(errors.size(), 8u) << ::testing::PrintToString(errors);
  for (const char* what : {"invalid integer 'lots'", "invalid size '40XB'", "unknown key 'Colour'", "unknown error code 'Throttlin'",
                           "invalid probability '2'", "invalid time 'soon'", "client 'ghost' is not defined",
                           "invalid duration 'forever'", "reference to 'nobody'"})
    EXPECT_NE(error_with(errors, what), "") << what;
}

}  // namespace
}  // namespace ecsim::models
