// A streamed run (Simulation::stream_calls_to, what `ecsim run` does unless --events, --timeline or
// --check-invariants needs the whole log) hands each call's record to a sink once nothing can
// change it, and drops it. These tests pin that this changes nothing a user can see: every
// scenario writes the same files both ways, byte for byte; each record is handed over exactly once,
// in index order; only the calls in flight stay in memory; a ${NAME.Field} reference still
// resolves after the named call's record has gone.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/output_files.h"
#include "analysis/operations_writer.h"
#include "analysis/summary_writer.h"
#include "models/scenario/scenario_parser.h"
#include "models/simulation.h"
#include "tests/testing/run_scenario.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::testing {
namespace {

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("ecsim-streamed-" + name)) {
    std::filesystem::remove_all(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class StreamedScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(StreamedScenario, WritesTheSameFilesAsARunThatKeepsTheWholeLog) {
  const models::ParsedScenario parsed = models::parse_scenario_file((scenarios_root() / GetParam()).string());
  ASSERT_TRUE(parsed.ok()) << GetParam();
  const models::ScenarioSpec& spec = parsed.spec;

  models::Simulation kept(spec, spec.seed);
  ASSERT_NE(kept.run(), sim::RunStop::kHitEventLimit);
  TempDir kept_dir(test_name_for(GetParam()) + "-kept");
  ASSERT_TRUE(analysis::write_run_outputs(kept_dir.path(), analysis::run_info_of(kept, spec.name), kept.log()).ok());

  models::Simulation streamed(spec, spec.seed);
  TempDir streamed_dir(test_name_for(GetParam()) + "-streamed");
  analysis::StreamedRunOutputs outputs;
  ASSERT_TRUE(outputs.open(streamed_dir.path()).ok());
  streamed.stream_calls_to(&outputs);
  ASSERT_NE(streamed.run(), sim::RunStop::kHitEventLimit);
  ASSERT_TRUE(outputs.finish(analysis::run_info_of(streamed, spec.name)).ok());

  EXPECT_TRUE(streamed.log().records().empty()) << "every record was handed over at the end of the run";
  EXPECT_EQ(streamed.log().size(), kept.log().size());
  for (const char* file : {analysis::kOperationsFileName, analysis::kSummaryFileName, analysis::kFingerprintFileName}) {
    EXPECT_EQ(read_file((streamed_dir.path() / file).string()), read_file((kept_dir.path() / file).string()))
        << GetParam() << ": " << file;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, StreamedScenario, ::testing::ValuesIn(scenario_files()),
                         [](const auto& info) { return test_name_for(info.param); });

// Records what a streamed run hands over, and how many records the log held at each hand-over.
class RecordingSink : public models::CallSink {
 public:
  explicit RecordingSink(const models::CallLog& log) : log_(log) {}
  void on_final(models::CallRecord&& record, models::WorkloadCallSpec&&) override {
    indices.push_back(record.index);
    max_held = std::max(max_held, log_.records().size());
    EXPECT_NE(record.outcome, models::Outcome::kPending) << "call " << record.index;
  }
  std::vector<std::uint32_t> indices;
  std::size_t max_held = 0;

 private:
  const models::CallLog& log_;
};

// A scenario named `name` with one running instance, i-1 (one 40 GiB ESSD system disk, 4 GiB used).
std::string one_instance(const std::string& name) {
  return "name: " + name + R"(
seed: 1
start: 2026-01-01T00:00:00Z
regions:
  cn-hangzhou: {}
instances:
  - InstanceId: i-1
    RegionId: cn-hangzhou
    Status: Running
    Disks:
      - {DiskId: d-1, Type: system, Category: cloud_essd, Size: 40GiB, Used: 4GiB}
)";
}

// One instance; a CreateImage every 10 minutes, each Available within a few minutes.
std::string sequential_images(int calls) {
  std::string text = one_instance("sequential") + R"(generators:
  - every: 10m
    count: )" + std::to_string(calls) + R"(
    call:
      Action: CreateImage
      RegionId: cn-hangzhou
      InstanceId: i-1
      ImageName: "img-{n}"
)";
  return text;
}

TEST(StreamedRun, HandsEachRecordOverOnceInIndexOrder) {
  const models::ParsedScenario parsed = models::parse_scenario_text(sequential_images(200), "sequential.yaml");
  ASSERT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors.front().to_string());
  models::Simulation sim(parsed.spec, parsed.spec.seed);
  RecordingSink sink(sim.log());
  sim.stream_calls_to(&sink);
  sim.run();
  ASSERT_EQ(sink.indices.size(), 200U);
  for (std::uint32_t i = 0; i < sink.indices.size(); ++i) EXPECT_EQ(sink.indices[i], i);
}

TEST(StreamedRun, HoldsOnlyTheCallsInFlight) {
  const models::ParsedScenario parsed = models::parse_scenario_text(sequential_images(200), "sequential.yaml");
  ASSERT_TRUE(parsed.ok());
  models::Simulation sim(parsed.spec, parsed.spec.seed);
  RecordingSink sink(sim.log());
  sim.stream_calls_to(&sink);
  sim.run();
  // Each image is Available before the next call, so at most that call and the next are held.
  EXPECT_LE(sink.max_held, 2U);
  EXPECT_EQ(sim.log().size(), 200U);
}

TEST(StreamedRun, ANamedCallResolvesAfterItsRecordHasGone) {
  const models::ParsedScenario parsed = models::parse_scenario_text(one_instance("named") + R"(workload:
  - {at: 0s, name: base, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, ImageName: base}
  - {at: 5h, Action: CreateImage, RegionId: cn-hangzhou, InstanceId: i-1, ImageName: later}
  - {at: 10h, name: drop, Action: DeleteImage, RegionId: cn-hangzhou, ImageId: "${base.ImageId}"}
)",
                                                                   "named.yaml");
  ASSERT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors.front().to_string());
  models::Simulation sim(parsed.spec, parsed.spec.seed);
  std::vector<models::CallRecord> seen;
  struct Keep : models::CallSink {
    std::vector<models::CallRecord>* out;
    void on_final(models::CallRecord&& r, models::WorkloadCallSpec&&) override { out->push_back(std::move(r)); }
  } keep;
  keep.out = &seen;
  sim.stream_calls_to(&keep);
  sim.run();
  ASSERT_EQ(seen.size(), 3U);
  // "base" settled (Available) hours before the DeleteImage was issued, so its record was gone.
  ASSERT_TRUE(seen[0].status_at.has_value());
  EXPECT_LT(*seen[0].status_at, seen[2].at);
  EXPECT_EQ(seen[2].outcome, models::Outcome::kOk) << seen[2].code << " " << seen[2].skip_reason;
  EXPECT_EQ(seen[2].status, "Deleted");
}

// Thousands of calls: the records go to the writer thread in several full batches and a partial
// one, with errors (a small unfinished-snapshot quota) mixed in, and the files still match.
TEST(StreamedRunOutputs, ARunOfManyBatchesWritesTheSameFilesAsARunThatKeepsTheWholeLog) {
  const models::ParsedScenario parsed = models::parse_scenario_text(R"(
name: many-batches
seed: 11
regions:
  cn-hangzhou:
    quota: {images: 100000, snapshots: 100000, unfinished_snapshots: 30}
fleets:
  - count: 700
    RegionId: cn-hangzhou
    InstanceId: "i-{n}"
    Status: Running
    Disks:
      - {DiskId: "d-{n}", Type: system, Category: cloud_essd, Size: 40GiB, Used: 4GiB}
generators:
  - arrivals: poisson
    rate: 3/s
    count: 7000
    call: {Action: CreateImage, RegionId: cn-hangzhou, InstanceId: "i-{n}", ImageName: "img-{n}"}
)",
                                                                   "many-batches.yaml");
  ASSERT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors.front().to_string());
  const models::ScenarioSpec& spec = parsed.spec;
  models::Simulation kept(spec, spec.seed);
  ASSERT_EQ(kept.run(), sim::RunStop::kExhausted);
  TempDir kept_dir("many-batches-kept");
  ASSERT_TRUE(analysis::write_run_outputs(kept_dir.path(), analysis::run_info_of(kept, spec.name), kept.log()).ok());

  models::Simulation streamed(spec, spec.seed);
  TempDir streamed_dir("many-batches-streamed");
  analysis::StreamedRunOutputs outputs;
  ASSERT_TRUE(outputs.open(streamed_dir.path()).ok());
  streamed.stream_calls_to(&outputs);
  ASSERT_EQ(streamed.run(), sim::RunStop::kExhausted);
  ASSERT_TRUE(outputs.finish(analysis::run_info_of(streamed, spec.name)).ok());

  EXPECT_EQ(outputs.statistics().ok + outputs.statistics().error + outputs.statistics().skipped, 7000U);
  EXPECT_GT(outputs.statistics().error, 0U) << "the quota should refuse some calls";
  for (const char* file : {analysis::kOperationsFileName, analysis::kSummaryFileName, analysis::kFingerprintFileName}) {
    EXPECT_EQ(read_file((streamed_dir.path() / file).string()), read_file((kept_dir.path() / file).string())) << file;
  }
}

TEST(StreamedRunOutputs, AnUnfinishedRunOfManyBatchesLeavesNoOperationsFileBehind) {
  TempDir dir("unfinished-many");
  {
    analysis::StreamedRunOutputs outputs;
    ASSERT_TRUE(outputs.open(dir.path()).ok());
    for (std::uint32_t i = 0; i < 10'000; ++i) {
      models::CallRecord r;
      r.index = i;
      r.action = "CreateImage";
      r.outcome = models::Outcome::kSkipped;
      r.skip_reason = "test";
      outputs.on_final(std::move(r), models::WorkloadCallSpec{});
    }
  }  // destroyed before finish() while the writer may still be writing, as when a run is interrupted
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "neither operations.jsonl nor its temporary file";
}

TEST(StreamedRunOutputs, AnUnfinishedRunLeavesNoOperationsFileBehind) {
  TempDir dir("unfinished");
  {
    analysis::StreamedRunOutputs outputs;
    ASSERT_TRUE(outputs.open(dir.path()).ok());
    models::CallRecord r;
    r.index = 0;
    r.action = "CreateImage";
    r.outcome = models::Outcome::kSkipped;
    r.skip_reason = "test";
    outputs.on_final(std::move(r), models::WorkloadCallSpec{});
  }  // destroyed before finish(), as when a run is interrupted
  EXPECT_TRUE(std::filesystem::is_directory(dir.path()));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "neither operations.jsonl nor its temporary file";
}

}  // namespace
}  // namespace ecsim::testing
