// JSON-lines traces (models/scenario/trace_reader.h): every line checked with FILE:LINE:COL, calls
// streamed into the run, and a trace replays exactly as the same calls written in the scenario.

#include "models/scenario/trace_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"

namespace ecsim::models {
namespace {

namespace fs = std::filesystem;

// A scratch directory per test, removed afterwards.
class TraceTest : public ::testing::Test {
 protected:
  TraceTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("ecsim-trace-") + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TraceTest() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  fs::path dir_;
};

const char* kFleet = R"(name: trace-test
seed: 7
regions:
  cn-hangzhou: {}
clients:
  sdk: {retry: {max_attempts: 3}}
instances:
  - InstanceId: i-1
    RegionId: cn-hangzhou
    Status: Running
    Disks:
      - {DiskId: d-sys-1, Type: system, Category: cloud_essd, Size: 40GiB, Used: 12GiB}
  - InstanceId: i-2
    RegionId: cn-hangzhou
    Status: Running
    Disks:
      - {DiskId: d-sys-2, Type: system, Category: cloud_essd, Size: 40GiB, Used: 8GiB}
)";

TEST_F(TraceTest, AValidLineBecomesTheCallItDescribes) {
  std::set<std::string> names;
  std::vector<ScenarioError> errors;
  WorkloadCallSpec call;
  TraceContext context;
  context.client_names = {"sdk"};
  ASSERT_TRUE(parse_trace_line(
      R"({"at": "90s", "name": "a", "client": "sdk", "Action": "CreateImage", "RegionId": "cn-hangzhou", "DiskDeviceMapping": [{"SnapshotId": "s-1", "Size": 40}]})",
      "t.jsonl", 3, context, names, sim::SimTime::zero(), call, errors));
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(call.at, sim::SimTime::zero() + sim::SimDuration::seconds(90));
  EXPECT_EQ(call.name, "a");
  EXPECT_EQ(call.client, 0U);
  EXPECT_EQ(call.request.action, "CreateImage");
  EXPECT_EQ(call.request.params.at("DiskDeviceMapping.1.SnapshotId"), "s-1");
  EXPECT_EQ(call.request.params.at("DiskDeviceMapping.1.Size"), "40");
  EXPECT_TRUE(call.from_trace);
  EXPECT_EQ(call.pos.line, 3);
}

TEST_F(TraceTest, AtMayBeANumberOfSeconds) {
  std::set<std::string> names;
  std::vector<ScenarioError> errors;
  WorkloadCallSpec call;
  ASSERT_TRUE(parse_trace_line(R"({"at": 1.5, "Action": "DescribeImages"})", "t.jsonl", 1, TraceContext{}, names,
                               sim::SimTime::zero(), call, errors));
  EXPECT_EQ(call.at, sim::SimTime::zero() + sim::SimDuration::from_ticks(1'500'000));
}

TEST_F(TraceTest, EveryProblemOfEveryLineIsReportedWithItsLineAndColumn) {
  const std::string trace = write("t.jsonl",
                                  "{\"at\": \"0s\", \"Action\": \"CreateImage\"}\n"
                                  "\n"
                                  "{\"at\": \"soon\", \"Action\": \"CreateImage\"}\n"
                                  "{\"at\": \"1s\", \"Action\": \"CreateImage\", \"colour\": 1}\n"
                                  "{\"at\": \"1s\", \"Action\": \"CreateImage\"\n"
                                  "{\"Action\": \"CreateImage\", \"ImageId\": \"${nobody.ImageId}\"}\n");
  const auto errors = validate_trace(trace, TraceContext{});
  ASSERT_EQ(errors.size(), 5U);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].col, 2);  // the "at" key
  EXPECT_NE(errors[0].what.find("invalid time"), std::string::npos);
  EXPECT_EQ(errors[1].line, 4);
  EXPECT_NE(errors[1].what.find("unknown key 'colour'"), std::string::npos);
  EXPECT_EQ(errors[1].col, 39);  // the "colour" key
  EXPECT_EQ(errors[2].line, 5);
  EXPECT_NE(errors[2].what.find("malformed JSON"), std::string::npos);
  EXPECT_EQ(errors[3].line, 6);
  EXPECT_NE(errors[3].what.find("needs 'at'"), std::string::npos);
  EXPECT_NE(errors[4].what.find("no earlier call is named"), std::string::npos);
}

TEST_F(TraceTest, CallsOutOfTimeOrderAreAnError) {
  const std::string trace = write("t.jsonl",
                                  "{\"at\": \"1h\", \"Action\": \"DescribeImages\"}\n"
                                  "{\"at\": \"30m\", \"Action\": \"DescribeImages\"}\n");
  const auto errors = validate_trace(trace, TraceContext{});
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_NE(errors[0].what.find("comes before the previous line's call"), std::string::npos);
}

TEST_F(TraceTest, AnUndefinedClientAndAnUncataloguedCodeAreErrors) {
  const std::string trace =
      write("t.jsonl", "{\"at\": \"0s\", \"client\": \"cli\", \"Action\": \"CreateImage\", \"expect\": {\"code\": \"NoSuchCode\"}}\n");
  const auto errors = validate_trace(trace, TraceContext{});
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_NE(errors[0].what.find("client \"cli\" is not defined"), std::string::npos);
  EXPECT_NE(errors[1].what.find("NoSuchCode"), std::string::npos);
}

TEST_F(TraceTest, AScenarioWhoseTraceHasProblemsDoesNotValidate) {
  write("calls.jsonl", "{\"at\": \"0s\"}\n");
  const std::string scenario = write("s.yaml", std::string(kFleet) + "trace: calls.jsonl\n");
  const ParsedScenario parsed = parse_scenario_file(scenario);
  ASSERT_EQ(parsed.errors.size(), 1U);
  EXPECT_EQ(parsed.errors[0].file, (dir_ / "calls.jsonl").string());
  EXPECT_NE(parsed.errors[0].what.find("needs an Action"), std::string::npos);
}

TEST_F(TraceTest, AMissingTraceFileIsReportedAtTheTraceKey) {
  const std::string scenario = write("s.yaml", std::string(kFleet) + "trace: nowhere.jsonl\n");
  const ParsedScenario parsed = parse_scenario_file(scenario);
  ASSERT_EQ(parsed.errors.size(), 1U);
  EXPECT_EQ(parsed.errors[0].file, scenario);
  EXPECT_EQ(parsed.errors[0].line, 18);  // the line after kFleet's 17
  EXPECT_NE(parsed.errors[0].what.find("cannot read the trace"), std::string::npos);
}

// The same calls as a YAML workload and as a trace: the same run, event for event.
TEST_F(TraceTest, ATraceReplaysExactlyAsTheSameCallsWrittenInTheScenario) {
  const std::string yaml_calls = R"(workload:
  - {at: 0s, name: first, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, ImageName: one}
  - {at: 10s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-2, ImageName: two, client: sdk}
  - {at: 10s, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-2, ImageName: two}
  - {at: 1h, Action: DeleteImage, RegionId: cn-hangzhou, ImageId: "${first.ImageId}"}
)";
  write("calls.jsonl",
        "{\"at\": \"0s\", \"name\": \"first\", \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-1\", \"ImageName\": \"one\"}\n"
        "{\"at\": 10, \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-2\", \"ImageName\": \"two\", \"client\": \"sdk\"}\n"
        "{\"at\": \"10s\", \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-2\", \"ImageName\": \"two\"}\n"
        "{\"at\": \"1h\", \"Action\": \"DeleteImage\", \"RegionId\": \"cn-hangzhou\", \"ImageId\": \"${first.ImageId}\"}\n");
  const ParsedScenario inline_calls = parse_scenario_file(write("inline.yaml", std::string(kFleet) + yaml_calls));
  const ParsedScenario traced = parse_scenario_file(write("traced.yaml", std::string(kFleet) + "trace: calls.jsonl\n"));
  ASSERT_TRUE(inline_calls.ok());
  ASSERT_TRUE(traced.ok()) << traced.errors.front().to_string();

  Simulation a(inline_calls.spec, 7), b(traced.spec, 7);
  a.run();
  b.run();
  EXPECT_TRUE(b.trace_errors().empty());
  EXPECT_EQ(a.scheduler().fingerprint(), b.scheduler().fingerprint());
  ASSERT_EQ(a.log().records().size(), 4U);
  ASSERT_EQ(b.log().records().size(), 4U);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(a.log().records()[i].outcome, b.log().records()[i].outcome) << i;
    EXPECT_EQ(a.log().records()[i].code, b.log().records()[i].code) << i;
    EXPECT_EQ(a.log().records()[i].status, b.log().records()[i].status) << i;
  }
  EXPECT_EQ(b.log().records()[2].code, "InvalidImageName.Duplicated");  // the trace's calls did run
}

// The driver takes calls only when the clock reaches them: before the run, none is issued.
TEST_F(TraceTest, TraceCallsAreReadOnlyWhenTheClockReachesThem) {
  write("calls.jsonl",
        "{\"at\": \"0s\", \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-1\"}\n"
        "{\"at\": \"2h\", \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-2\"}\n");
  const ParsedScenario traced = parse_scenario_file(write("traced.yaml", std::string(kFleet) + "trace: calls.jsonl\n"));
  ASSERT_TRUE(traced.ok());
  Simulation sim(traced.spec, 7);
  EXPECT_EQ(sim.driver().calls().size(), 0U);
  sim.scheduler().run_until(sim::SimTime::zero() + sim::SimDuration::hours(1));
  EXPECT_EQ(sim.driver().calls().size(), 1U);
  sim.run();
  EXPECT_EQ(sim.driver().calls().size(), 2U);
}

std::string create_image_line(int k) {
  return "{\"at\": " + std::to_string(k) + ", \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", "
         "\"InstanceId\": \"i-1\", \"ImageName\": \"img-" + std::to_string(k) + "\"}\n";
}

TraceContext source_context() {
  TraceContext c;
  c.start = *sim::parse_calendar_time("2026-01-01T00:00:00Z");
  return c;
}

// The reader thread reads batches of a thousand ahead: a long trace, with blank lines, comes out
// whole and in file order across many batches.
TEST_F(TraceTest, ASourceHandsOverEveryCallOfALongTraceInFileOrder) {
  std::string text;
  for (int k = 0; k < 5000; ++k) text += create_image_line(k) + (k % 700 == 0 ? "\n" : "");
  TraceCallSource source(write("long.jsonl", text), source_context());
  for (int k = 0; k < 5000; ++k) {
    const std::optional<WorkloadCallSpec> call = source.next();
    ASSERT_TRUE(call.has_value()) << k;
    ASSERT_EQ(call->request.get("ImageName"), "img-" + std::to_string(k));
    ASSERT_EQ(call->at, sim::SimTime::zero() + sim::SimDuration::seconds(k));
  }
  EXPECT_FALSE(source.next().has_value());
  EXPECT_FALSE(source.next().has_value()) << "the end stays the end";
  EXPECT_TRUE(source.errors().empty());
}

TEST_F(TraceTest, ASourceStopsAtTheFirstBadLineAfterHandingOverTheCallsBeforeIt) {
  std::string text;
  for (int k = 0; k < 3000; ++k) text += k == 2500 ? std::string("{\"at\": 1, \"Action\": 7}\n") : create_image_line(k);
  TraceCallSource source(write("bad.jsonl", text), source_context());
  int calls = 0;
  while (source.next()) ++calls;
  EXPECT_EQ(calls, 2500);
  ASSERT_FALSE(source.errors().empty());
  EXPECT_EQ(source.errors().front().line, 2501);
  EXPECT_FALSE(source.next().has_value());
}

TEST_F(TraceTest, ASourceLeftUnfinishedStopsItsReader) {
  std::string text;
  for (int k = 0; k < 20000; ++k) text += create_image_line(k);
  const std::string path = write("unfinished.jsonl", text);
  {
    TraceCallSource source(path, source_context());
    ASSERT_TRUE(source.next().has_value());
  }  // destroyed with the reader waiting for room to read ahead
  TraceCallSource never_read(path, source_context());  // and without ever starting one
}

// --- A large trace is validated as two halves at once; the verdict is that of reading in order --

// About 1.5 MB: past the size from which validate_trace splits the trace.
constexpr int kLargeTraceLines = 15'000;

TEST_F(TraceTest, ALargeCleanTraceValidates) {
  std::string text;
  for (int k = 0; k < kLargeTraceLines; ++k) text += create_image_line(k);
  EXPECT_TRUE(validate_trace(write("large.jsonl", text), source_context()).empty());
}

TEST_F(TraceTest, ALargeTraceWhoseSecondHalfGoesBackInTimeIsAnErrorWhereverTheHalvesMeet) {
  // The first half's calls are at 100000 s and on, the second's from 0 s: whichever line the
  // split falls on, the first call of the second half comes before the call above it.
  std::string text;
  for (int k = 0; k < kLargeTraceLines; ++k) text += create_image_line(k < kLargeTraceLines / 2 ? 100'000 + k : k);
  // Each half is in order on its own: only the check where they meet can find this.
  const auto errors = validate_trace(write("back.jsonl", text), source_context());
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front().line, kLargeTraceLines / 2 + 1);
  EXPECT_NE(errors.front().what.find("comes before the previous"), std::string::npos) << errors.front().what;
}

TEST_F(TraceTest, ALargeTraceMayReferToANameFromItsFirstHalfInItsSecond) {
  std::string text = "{\"at\": 0, \"name\": \"first\", \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", "
                     "\"InstanceId\": \"i-1\"}\n";
  for (int k = 1; k < kLargeTraceLines; ++k) text += create_image_line(k);
  text += "{\"at\": 99999, \"Action\": \"DeleteImage\", \"RegionId\": \"cn-hangzhou\", \"ImageId\": \"${first.ImageId}\"}\n";
  EXPECT_TRUE(validate_trace(write("named.jsonl", text), source_context()).empty());
}

TEST_F(TraceTest, ALargeTraceNamingTwoCallsAlikeInDifferentHalvesIsAnError) {
  std::string text;
  for (int k = 0; k < kLargeTraceLines; ++k) {
    if (k == 10 || k == kLargeTraceLines - 10) {
      text += "{\"at\": " + std::to_string(k) + ", \"name\": \"twice\", \"Action\": \"CreateImage\", "
              "\"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-1\"}\n";
    } else {
      text += create_image_line(k);
    }
  }
  const auto errors = validate_trace(write("twice.jsonl", text), source_context());
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors.front().line, kLargeTraceLines - 10 + 1);
  EXPECT_NE(errors.front().what.find("duplicate"), std::string::npos) << errors.front().what;
}

TEST_F(TraceTest, ALargeTraceWhoseMiddleFallsInItsLastLineStillHasThatLineJudged) {
  // The last line, with no newline after it, is most of the file: there is no second half.
  std::string text;
  for (int k = 0; k < 100; ++k) text += create_image_line(k);
  text += "{\"at\": 200, \"Action\": \"CreateImage\", \"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-1\", "
          "\"Description\": \"" + std::string(1'500'000, 'x') + "\"} trailing";
  const auto errors = validate_trace(write("last.jsonl", text), source_context());
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.front().line, 101);
}

TEST_F(TraceTest, AnEmptyTraceHasNoCallsAndNoProblems) {
  TraceCallSource source(write("empty.jsonl", "\n\n"), source_context());
  EXPECT_FALSE(source.next().has_value());
  EXPECT_TRUE(source.errors().empty());
}

}  // namespace
}  // namespace ecsim::models

// --- The fast path and the JSON path read a line alike ------------------------------------------

namespace ecsim::models {
namespace {

TraceContext line_context() {
  TraceContext c;
  c.start = *sim::parse_calendar_time("2026-01-01T00:00:00Z");
  c.client_names = {"batch", "nightly"};
  c.call_names = {"golden"};
  return c;
}

struct LineRead {
  bool ok = false;
  WorkloadCallSpec call;
  std::set<std::string> names;
};

LineRead read_fast(const std::string& line) {
  LineRead r;
  r.names = {"earlier"};
  r.ok = parse_trace_line_fast(line, 7, line_context(), r.names, sim::SimTime::zero() + sim::SimDuration::seconds(1), r.call);
  return r;
}

LineRead read_json(const std::string& line) {
  LineRead r;
  r.names = {"earlier"};
  std::vector<ScenarioError> errors;
  r.ok = parse_trace_line_json(line, "t.jsonl", 7, line_context(), r.names, sim::SimTime::zero() + sim::SimDuration::seconds(1),
                               r.call, errors);
  return r;
}

void expect_same_reading(const std::string& line) {
  const LineRead fast = read_fast(line);
  ASSERT_TRUE(fast.ok) << "the fast path declined: " << line;
  const LineRead json = read_json(line);
  ASSERT_TRUE(json.ok) << line;
  EXPECT_EQ(fast.call.at, json.call.at) << line;
  EXPECT_EQ(fast.call.name, json.call.name) << line;
  EXPECT_EQ(fast.call.client, json.call.client) << line;
  EXPECT_EQ(fast.call.request.action, json.call.request.action) << line;
  EXPECT_EQ(fast.call.request.params, json.call.request.params) << line;
  EXPECT_EQ(fast.call.pos.line, json.call.pos.line) << line;
  EXPECT_EQ(fast.call.pos.col, json.call.pos.col) << line;
  EXPECT_EQ(fast.call.from_trace, json.call.from_trace) << line;
  EXPECT_FALSE(fast.call.expect.has_value());
  EXPECT_EQ(fast.names, json.names) << line;
}

TEST(TraceLineFastPath, ReadsThePlainLinesOfALargeTraceAsTheJsonPathDoes) {
  for (const std::string line : {
           R"({"at": 12.345, "Action": "CreateImage", "RegionId": "cn-hangzhou", "InstanceId": "i-1", "ImageName": "image-1"})",
           R"({"at": 7, "Action": "CreateImage", "RegionId": "cn-hangzhou", "InstanceId": "i-1"})",
           R"({"at":"2h","name":"nightly-1","client":"nightly","Action":"CopyImage","ImageId":"m-1","DestinationRegionId":"cn-beijing"})",
           R"(  {"at": "2026-01-01T00:00:05Z", "Action": "DeleteImage", "ImageId": "m-1", "Force": "true"}  )",
           R"({"at": 1.1, "Action": "CreateImage", "DiskDeviceMapping.1.Size": 40, "Platform": "", "Description": "a b c ~!@#"})",
           R"({"at": 1, "Action": "CreateImage", "Tag.1.Value": 123456789012345678})",
       }) {
    expect_same_reading(line);
  }
}

TEST(TraceLineFastPath, LeavesEveryOtherLineToTheJsonPath) {
  for (const std::string line : {
           R"({"at": 2, "Action": "CreateImage", "ImageName": "caf\u00e9"})",   // an escape
           R"({"at": 2, "Action": "CreateImage", "ImageName": "café"})",        // non-ASCII
           R"({"at": 2, "Action": "CreateImage", "Size": 40.0})",               // JSON respells 40.0
           R"({"at": 2, "Action": "CreateImage", "Size": 1234567890123456789012})",  // beyond 64 bits
           R"({"at": 2, "Action": "CreateImage", "Size": 1e3})",                // an exponent
           R"({"at": 2, "Action": "CreateImage", "Size": -1})",
           R"({"at": 2, "Action": "CreateImage", "Force": true})",
           R"({"at": 2, "Action": "CreateImage", "DiskDeviceMapping": [{"Size": 40}]})",
           R"({"at": 2, "Action": "CreateImage", "expect": {"code": null}})",
           R"({"at": 2, "Action": "CreateImage", "ImageId": "${golden.ImageId}"})",
           R"({"at": 2, "at": 3, "Action": "CreateImage"})",                    // a duplicate key
           R"({"at": 0.5, "Action": "CreateImage"})",                           // before the previous call
           R"({"at": "2025-12-31T23:59:59Z", "Action": "CreateImage"})",        // before the start
           R"({"at": 2, "name": "golden", "Action": "CreateImage"})",           // a taken name
           R"({"at": 2, "name": "earlier", "Action": "CreateImage"})",
           R"({"at": 2, "client": "nobody", "Action": "CreateImage"})",
           R"({"at": 2, "Action": ""})",
           R"({"at": 2})",
           R"({"Action": "CreateImage"})",
           R"({"at": 2, "action": "CreateImage"})",
           R"({"at": 2, "Action": "CreateImage",})",
           R"({"at": 2, "Action": "CreateImage"} x)",
           R"({"at": 02, "Action": "CreateImage"})",
           R"({})",
           R"([])",
       }) {
    LineRead fast = read_fast(line);
    EXPECT_FALSE(fast.ok) << line;
    EXPECT_EQ(fast.names, std::set<std::string>{"earlier"}) << line;
  }
}

}  // namespace
}  // namespace ecsim::models
