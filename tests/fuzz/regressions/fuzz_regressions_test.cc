// Every input a fuzz target once broke (tests/fuzz/regressions/<target>/) still keeps that
// target's property (tests/fuzz/fuzz_properties.h), in every build, so no finding can come back.

#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "models/scenario/scenario_parser.h"
#include "tests/fuzz/fuzz_properties.h"
#include "tests/testing/run_scenario.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::fuzz {
namespace {

const std::filesystem::path kRegressions = std::filesystem::path(ECSIM_SOURCE_DIR) / "tests/fuzz/regressions";

struct Input {
  std::string target;  // the folder: scenario, parsers, create_image, trace
  std::string file;    // relative to the folder
  // Readable in test listings (gtest prints the bytes of a struct otherwise).
  friend void PrintTo(const Input& in, std::ostream* os) { *os << in.target << "/" << in.file; }
};

std::vector<Input> all_inputs() {
  std::vector<Input> out;
  for (const char* target : {"scenario", "parsers", "create_image", "trace"}) {
    for (std::string& f : testing::files_under(kRegressions / target, "")) out.push_back({target, std::move(f)});
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

class FuzzRegression : public ::testing::TestWithParam<Input> {};

TEST_P(FuzzRegression, InputKeepsItsTargetsProperty) {
  const Input& in = GetParam();
  const std::string text = testing::read_file((kRegressions / in.target / in.file).string());
  ASSERT_FALSE(text.empty()) << in.target << "/" << in.file;
  const std::vector<std::string> failures = in.target == "scenario"       ? scenario_failures(text)
                                            : in.target == "parsers"      ? parsers_failures(text)
                                            : in.target == "create_image" ? create_image_failures(text)
                                                                          : trace_failures(text);
  EXPECT_TRUE(failures.empty()) << in.target << "/" << in.file << ":\n" << joined(failures);
}

INSTANTIATE_TEST_SUITE_P(Inputs, FuzzRegression, ::testing::ValuesIn(all_inputs()),
                         [](const ::testing::TestParamInfo<Input>& info) {
                           return testing::test_name_for(info.param.target + "_" + info.param.file);
                         });

TEST(FuzzRegressions, EveryFindingSoFarIsKept) {
  // The scenario and parser findings of 2026-11-23 (tests/fuzz/regressions/README.md).
  EXPECT_GE(all_inputs().size(), 3u);
}

// The scenario finding, as the loader's behaviour: an empty ID, however it is spelled, is a
// positioned scenario error, not a resource the World would hold.
TEST(FuzzRegressions, AnEmptyResourceIdIsAScenarioErrorAtItsPosition) {
  for (const std::string& spelling : {std::string("\"\""), std::string("!-pending")}) {
    const std::string text = "name: t\nregions:\n  cn-hangzhou: {}\ninstances:\n  - InstanceId: i-a\n"
                             "    RegionId: cn-hangzhou\n    Disks:\n      - {DiskId: " + spelling +
                             ", Type: system, Category: cloud_essd, Size: 40GiB}\n";
    const models::ParsedScenario parsed = models::parse_scenario_text(text, "t.yaml");
    ASSERT_EQ(parsed.errors.size(), 1u) << spelling;
    EXPECT_EQ(parsed.errors[0].to_string().rfind("t.yaml:8:", 0), 0u) << parsed.errors[0].to_string();
    EXPECT_NE(parsed.errors[0].to_string().find("empty DiskId"), std::string::npos) << parsed.errors[0].to_string();
  }
}

}  // namespace
}  // namespace ecsim::fuzz
