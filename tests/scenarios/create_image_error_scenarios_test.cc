// scenarios/errors/create_image/ holds one scenario per row of CreateImage's error table in
// Alibaba's API reference (64 rows). These tests hold the folder to that promise:
//  - together the scenarios make the API answer every row: the failing calls' recorded code,
//    HTTP status and message identify a row of models::all_error_specs() (first
//    kCreateImageTableRows entries), and every row is identified by some call;
//  - each failing call ends with exactly one outcome, the error: no response body, no resource
//    created or followed, no terminal status.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/api/error_catalog.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::scenario_tests {

using namespace ::ecsim::testing;  // scenario_files, run_scenario, test_name_for

namespace {

using models::CallRecord;
using models::Outcome;

// The table row a recorded error comes from, or -1.
int table_row_of(const CallRecord& r) {
  const auto& specs = models::all_error_specs();
  for (int i = 0; i < models::kCreateImageTableRows; ++i) {
    const models::ErrorSpec& s = specs[static_cast<std::size_t>(i)];
    if (s.code == r.code && s.http_status == r.http_status && message_fits_template(r.message, s.message)) return i;
  }
  return -1;
}

TEST(CreateImageErrorScenarios, CoverEveryRowOfTheReferenceTable) {
  const std::vector<std::string> files = scenario_files("errors/create_image");
  ASSERT_FALSE(files.empty());
  std::map<int, std::string> covered;  // row -> first scenario that produced it
  for (const std::string& file : files) {
    const ScenarioRun run = run_scenario(file);
    ASSERT_TRUE(run.parsed.ok()) << file;
    const auto& records = run.sim->log().records();
    for (std::size_t i = 0; i < run.calls.size(); ++i) {
      const auto& expect = run.calls[i].expect;
      if (!expect || !expect->code) continue;  // only the calls the scenario says must fail
      const CallRecord& r = records[i];
      if (r.outcome != Outcome::kError || r.code != *expect->code) continue;  // reported by ScenarioFile tests
      if (expect->http && *expect->http != r.http_status) continue;
      const int row = table_row_of(r);
      if (row >= 0) covered.emplace(row, file);
    }
  }
  const auto& specs = models::all_error_specs();
  for (int i = 0; i < models::kCreateImageTableRows; ++i) {
    const models::ErrorSpec& s = specs[static_cast<std::size_t>(i)];
    EXPECT_TRUE(covered.contains(i)) << "no scenario in scenarios/errors/create_image/ makes CreateImage answer row "
                                     << i << ": " << s.http_status << " " << s.code << " (\"" << s.message << "\")";
  }
  EXPECT_EQ(covered.size(), static_cast<std::size_t>(models::kCreateImageTableRows));
}

TEST(CreateImageErrorScenarios, RowsAreToldApartByMessageWhereCodeAndStatusRepeat) {
  // MissingParameter 400 is both the table's "no source" row and the envelope's "no RegionId";
  // the coverage test above tells them apart by message. Pin that it can.
  CallRecord region_missing;
  region_missing.code = "MissingParameter";
  region_missing.http_status = 400;
  region_missing.message = std::string(models::error_spec(models::ErrorRow::kMissingParameterRegionId).message);
  EXPECT_EQ(table_row_of(region_missing), -1);
  CallRecord source_missing = region_missing;
  source_missing.message = std::string(models::error_spec(models::ErrorRow::kMissingParameterSource).message);
  EXPECT_EQ(table_row_of(source_missing), static_cast<int>(models::ErrorRow::kMissingParameterSource));
}

class CreateImageErrorScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(CreateImageErrorScenario, FailingCallsEndWithExactlyOneErrorOutcome) {
  const ScenarioRun run = run_scenario(GetParam());
  ASSERT_TRUE(run.parsed.ok());
  const auto& records = run.sim->log().records();
  ASSERT_EQ(records.size(), run.calls.size()) << "one record per call";
  int failing_calls = 0;
  for (std::uint32_t i = 0; i < run.calls.size(); ++i) {
    const CallRecord& r = records[i];
    EXPECT_NE(r.outcome, Outcome::kPending) << "call #" << i << " never got an outcome";
    const auto& expect = run.calls[i].expect;
    if (!expect || !expect->code) continue;
    ++failing_calls;
    SCOPED_TRACE("call #" + std::to_string(i) + " expecting " + *expect->code);
    EXPECT_EQ(r.outcome, Outcome::kError);
    EXPECT_EQ(r.code, *expect->code);
    if (expect->http) {
      EXPECT_EQ(r.http_status, *expect->http);
    }
    EXPECT_FALSE(r.message.empty());
    EXPECT_TRUE(r.response.empty()) << "an error has no response body";
    EXPECT_FALSE(r.tracked.has_value()) << "an error follows no resource";
    EXPECT_FALSE(r.status.has_value()) << "an error reaches no terminal status";
    EXPECT_FALSE(r.status_at.has_value());
    EXPECT_TRUE(r.skip_reason.empty());
    for (const models::Image& img : run.sim->world().images()) {
      EXPECT_NE(img.created_by_call, i) << "the failing call created image " << img.image_id;
    }
  }
  EXPECT_GT(failing_calls, 0) << GetParam() << " has no call expected to fail";
}

INSTANTIATE_TEST_SUITE_P(ErrorTable, CreateImageErrorScenario,
                         ::testing::ValuesIn(scenario_files("errors/create_image")),
                         [](const ::testing::TestParamInfo<std::string>& info) { return test_name_for(info.param); });

}  // namespace
}  // namespace ecsim::scenario_tests
