#include "analysis/summary_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/distribution_summary.h"
#include "call_records.h"

namespace ecsim::analysis {
namespace {

using nlohmann::ordered_json;
using sim::SimDuration;
using test_support::at_seconds;
using test_support::error_delete_image;
using test_support::ok_create_image;
using test_support::skipped_copy_image;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<std::string> keys_of(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

models::CallLog sample_log() {
  models::CallLog log;
  log.records().push_back(ok_create_image(0));
  log.records().push_back(skipped_copy_image(1));
  log.records().push_back(error_delete_image(2));
  models::CallRecord second_create = ok_create_image(3);
  second_create.name.reset();
  second_create.at = at_seconds(100);
  second_create.status_at = at_seconds(100 + 60);
  second_create.api_latency = SimDuration::milliseconds(750);
  second_create.snapshots_done_after = SimDuration::seconds(40);
  second_create.registered_after = SimDuration::seconds(55);
  log.records().push_back(second_create);
  models::CallRecord quota = ok_create_image(4);
  quota.outcome = models::Outcome::kError;
  quota.http_status = 403;
  quota.code = "QuotaExceed.Image";
  quota.status.reset();
  quota.status_at.reset();
  quota.snapshots_done_after.reset();
  quota.registered_after.reset();
  quota.api_latency = SimDuration::milliseconds(100);
  log.records().push_back(quota);
  return log;
}

RunInfo sample_info() {
  RunInfo info;
  info.scenario = "quickstart";
  info.seed = 42;
  info.end_time = at_seconds(7200) + SimDuration::milliseconds(500);
  info.fingerprint = 0x00ab'cdef'0123'4567ULL;
  return info;
}

TEST(SummaryWriter, TopLevelKeysComeInTheDocumentedOrder) {
  const ordered_json j = ordered_json::parse(render_summary_json(sample_info(), sample_log()));
  EXPECT_THAT(keys_of(j), ElementsAre("scenario", "seed", "end_time", "operations", "errors",
                                      "latency", "http", "phases", "fingerprint"));
  EXPECT_EQ(j["scenario"], "quickstart");
  EXPECT_EQ(j["seed"], 42);
  EXPECT_EQ(j["end_time"], 7200.5);
  EXPECT_EQ(j["fingerprint"], "00abcdef01234567");
}

TEST(SummaryWriter, OperationsCountOutcomesPerActionSortedByName) {
  const ordered_json j = ordered_json::parse(render_summary_json(sample_info(), sample_log()));
  EXPECT_THAT(keys_of(j["operations"]), ElementsAre("CopyImage", "CreateImage", "DeleteImage"));
  EXPECT_EQ(j["operations"]["CreateImage"],
            ordered_json::parse(R"({"ok":2,"error":1,"skipped":0,"total":3})"));
  EXPECT_EQ(j["operations"]["CopyImage"],
            ordered_json::parse(R"({"ok":0,"error":0,"skipped":1,"total":1})"));
  EXPECT_EQ(j["operations"]["DeleteImage"],
            ordered_json::parse(R"({"ok":0,"error":1,"skipped":0,"total":1})"));
}

TEST(SummaryWriter, ErrorsMapActionToCodeToCountOnlyForActionsWithErrors) {
  const ordered_json j = ordered_json::parse(render_summary_json(sample_info(), sample_log()));
  EXPECT_EQ(j["errors"], ordered_json::parse(R"({"CreateImage":{"QuotaExceed.Image":1},)"
                                             R"("DeleteImage":{"InvalidImageId.NotFound":1}})"));
}

TEST(SummaryWriter, LatencyHasApiAndToStatusDistributionsInSeconds) {
  const ordered_json j = ordered_json::parse(render_summary_json(sample_info(), sample_log()));
  EXPECT_THAT(keys_of(j["latency"]), ElementsAre("CopyImage", "CreateImage", "DeleteImage"));
  const ordered_json& create = j["latency"]["CreateImage"];
  EXPECT_THAT(keys_of(create), ElementsAre("api", "to_status"));
  EXPECT_THAT(keys_of(create["api"]), ElementsAre("count", "mean", "p50", "p90", "p99", "max"));
  // api: 0.25, 0.75, 0.1 (every sent call, errors included)
  EXPECT_EQ(create["api"],
            ordered_json::parse(
                R"({"count":3,"mean":0.366667,"p50":0.25,"p90":0.75,"p99":0.75,"max":0.75})"));
  // to_status: 723 s and 60 s
  EXPECT_EQ(
      create["to_status"],
      ordered_json::parse(R"({"count":2,"mean":391.5,"p50":60,"p90":723,"p99":723,"max":723})"));
  // A skipped call was never sent: no API latency.
  EXPECT_EQ(j["latency"]["CopyImage"]["api"]["count"], 0);
  EXPECT_TRUE(j["latency"]["CopyImage"]["api"]["mean"].is_null());
}

TEST(SummaryWriter, HttpCountsAreSortedNumerically) {
  models::CallLog log = sample_log();
  models::CallRecord throttled = error_delete_image(5);
  throttled.http_status = 1000;  // sorts after 404 numerically, before it as text
  throttled.code = "Throttling";
  log.records().push_back(throttled);
  const ordered_json j = ordered_json::parse(render_summary_json(sample_info(), log));
  EXPECT_THAT(keys_of(j["http"]), ElementsAre("200", "403", "404", "1000"));
  EXPECT_EQ(j["http"]["200"], 2);
  EXPECT_EQ(j["http"]["403"], 1);
}

TEST(SummaryWriter, PhasesSplitCreateImageIntoSnapshotsAndRegistration) {
  const ordered_json j = ordered_json::parse(render_summary_json(sample_info(), sample_log()));
  EXPECT_THAT(keys_of(j["phases"]), ElementsAre("CreateImage"));
  // snapshots: 600 s and 40 s; registration: 720 - 600 = 120 s and 55 - 40 = 15 s.
  EXPECT_EQ(j["phases"]["CreateImage"]["snapshots"]["count"], 2);
  EXPECT_EQ(j["phases"]["CreateImage"]["snapshots"]["p50"], 40);
  EXPECT_EQ(j["phases"]["CreateImage"]["snapshots"]["max"], 600);
  EXPECT_EQ(j["phases"]["CreateImage"]["registration"]["mean"], 67.5);
  EXPECT_EQ(j["phases"]["CreateImage"]["registration"]["max"], 120);
}

TEST(SummaryWriter, EmptyLogGivesEmptyObjectsAndNoFingerprintWhenNotGiven) {
  RunInfo info = sample_info();
  info.fingerprint.reset();
  const std::string text = render_summary_json(info, models::CallLog());
  EXPECT_EQ(text,
            "{\n"
            "  \"scenario\": \"quickstart\",\n"
            "  \"seed\": 42,\n"
            "  \"end_time\": 7200.5,\n"
            "  \"operations\": {},\n"
            "  \"errors\": {},\n"
            "  \"latency\": {},\n"
            "  \"http\": {},\n"
            "  \"phases\": {}\n"
            "}\n");
}

TEST(SummaryWriter, ExtraKeysFollowInTheOrderGiven) {
  RunInfo info = sample_info();
  info.extra.emplace_back("events", std::int64_t{1234});
  info.extra.emplace_back("horizon", SimDuration::hours(2));
  info.extra.emplace_back("note", std::string("hello"));
  info.extra.emplace_back("ratio", 0.5);
  info.extra.emplace_back("stopped_early", false);
  info.extra.emplace_back("nothing", nullptr);
  const ordered_json j = ordered_json::parse(render_summary_json(info, sample_log()));
  const std::vector<std::string> keys = keys_of(j);
  ASSERT_EQ(keys.size(), 15u);
  EXPECT_THAT(std::vector<std::string>(keys.begin() + 9, keys.end()),
              ElementsAre("events", "horizon", "note", "ratio", "stopped_early", "nothing"));
  EXPECT_EQ(j["events"], 1234);
  EXPECT_EQ(j["horizon"], 7200);
  EXPECT_EQ(j["note"], "hello");
  EXPECT_EQ(j["ratio"], 0.5);
  EXPECT_EQ(j["stopped_early"], false);
  EXPECT_TRUE(j["nothing"].is_null());
}

TEST(SummaryWriter, IdenticalInputsGiveIdenticalBytes) {
  EXPECT_EQ(render_summary_json(sample_info(), sample_log()),
            render_summary_json(sample_info(), sample_log()));
  EXPECT_EQ(render_terminal_summary(sample_info(), sample_log()),
            render_terminal_summary(sample_info(), sample_log()));
}

TEST(SummaryWriterDeathTest, ExtraKeyRepeatingAFixedKeyIsAnInternalError) {
  RunInfo info = sample_info();
  info.extra.emplace_back("seed", std::int64_t{7});
  EXPECT_EXIT((void)render_summary_json(info, sample_log()), ::testing::ExitedWithCode(1),
              "internal error");
}

TEST(TerminalSummary, StartsWithTheSeed) {
  EXPECT_THAT(render_terminal_summary(sample_info(), sample_log()), StartsWith("seed 42\n"));
}

TEST(TerminalSummary, ReadsWell) {
  EXPECT_EQ(render_terminal_summary(sample_info(), sample_log()),
            "seed 42\n"
            "scenario quickstart\n"
            "end time 02:00:00.500 (7200.5 s)\n"
            "calls 5: 2 ok, 2 error, 1 skipped\n"
            "  CopyImage:   0 ok, 0 error, 1 skipped\n"
            "  CreateImage: 2 ok, 1 error, 0 skipped; to Available p50 1m00s\n"
            "  DeleteImage: 0 ok, 1 error, 0 skipped\n"
            "errors\n"
            "  CreateImage  QuotaExceed.Image        HTTP 403  x1\n"
            "  DeleteImage  InvalidImageId.NotFound  HTTP 404  x1\n"
            "fingerprint 00abcdef01234567\n");
}

TEST(TerminalSummary, ShowsTimeToEachTerminalStatus) {
  models::CallLog log;
  log.records().push_back(ok_create_image(0));
  models::CallRecord failed = ok_create_image(1);
  failed.status = "CreateFailed";
  failed.status_at = at_seconds(90);
  log.records().push_back(failed);
  EXPECT_THAT(render_terminal_summary(sample_info(), log),
              HasSubstr("CreateImage: 2 ok, 0 error, 0 skipped; to Available p50 12m03s, "
                        "to CreateFailed p50 1m30s\n"));
}

TEST(FormatDurationShort, RoundsToAReadableUnit) {
  EXPECT_EQ(format_duration_short(SimDuration::microseconds(850)), "850us");
  EXPECT_EQ(format_duration_short(SimDuration::microseconds(249'600)), "250ms");
  EXPECT_EQ(format_duration_short(SimDuration::microseconds(999'700)), "1s");
  EXPECT_EQ(format_duration_short(SimDuration::milliseconds(4'500)), "4.5s");
  EXPECT_EQ(format_duration_short(SimDuration::milliseconds(59'970)), "1m00s");
  EXPECT_EQ(format_duration_short(SimDuration::seconds(723)), "12m03s");
  EXPECT_EQ(format_duration_short(SimDuration::seconds(2 * 3600 + 5 * 60)), "2h05m00s");
  EXPECT_EQ(format_duration_short(SimDuration::hours(26)), "1d02h00m00s");
  EXPECT_EQ(format_duration_short(SimDuration::seconds(-90)), "-1m30s");
}

TEST(FormatFingerprint, IsSixteenLowercaseHexDigits) {
  EXPECT_EQ(format_fingerprint(0), "0000000000000000");
  EXPECT_EQ(format_fingerprint(0xDEADBEEFULL), "00000000deadbeef");
  EXPECT_EQ(format_fingerprint(~0ULL), "ffffffffffffffff");
}

// Past a million samples the distributions are worked out on two threads; what summary.json
// says is still each list's own nearest-rank summary.
TEST(SummaryJson, TheDistributionsOfMillionsOfSamplesAreThoseOfEachList) {
  RunStatistics stats;
  std::map<std::string, std::vector<sim::SimDuration>> api;
  std::uint64_t x = 12345;
  const auto next = [&x] {  // a small LCG: values spread over ~17 minutes in microseconds
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((x >> 33) % 1'000'000'000);
  };
  for (const char* action : {"CopyImage", "CreateImage"}) {
    ActionStatistics& a = stats.actions[action];
    const int n = std::string(action) == "CreateImage" ? 700'000 : 400'000;
    for (int k = 0; k < n; ++k) {
      const auto d = sim::SimDuration::from_ticks(next());
      a.api_latencies.push_back(d);
      api[action].push_back(d);
      a.ok += 1;
    }
  }
  RunInfo info;
  info.scenario = "millions";
  const auto j = ordered_json::parse(render_summary_json(info, stats));
  for (const auto& [action, samples] : api) {
    const DistributionSummary expected = summarize_durations(samples);
    const auto& got = j["latency"][action]["api"];
    EXPECT_EQ(got["count"], samples.size()) << action;
    EXPECT_EQ(got["p50"], expected.p50.ticks() / 1e6) << action;
    EXPECT_EQ(got["p99"], expected.p99.ticks() / 1e6) << action;
    EXPECT_EQ(got["max"], expected.max.ticks() / 1e6) << action;
  }
}

}  // namespace
}  // namespace ecsim::analysis
