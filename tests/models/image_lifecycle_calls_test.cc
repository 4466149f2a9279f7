// ModifyImageAttribute, ExportImage, DescribeImages and DescribeImageFromFamily through the
// workload driver, the image-family lookup and the export engine behind them, and the scenario
// keys of their models (models.export, and models.copy / models.instance). The error scenarios
// under scenarios/errors/ cover each code; these tests pin what a scenario cannot state directly.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "create_image_harness.h"
#include "models/image_family.h"
#include "models/lifecycle_dot.h"

namespace ecsim::models::testing {
namespace {

struct Act {
  double at_s = 0;
  std::string action;
  Params params;
  std::optional<std::string> name = std::nullopt;
};

std::unique_ptr<Simulation> run_acts(std::string_view yaml, const std::vector<Act>& acts, std::uint64_t seed = 7) {
  ScenarioSpec spec = parse_world(yaml);
  for (const Act& a : acts) {
    WorkloadCallSpec w;
    w.at = sim::SimTime::zero() + sim::SimDuration::from_seconds_rounded(a.at_s);
    w.name = a.name;
    w.request.action = a.action;
    w.request.params["RegionId"] = "cn-hangzhou";
    for (const auto& [k, v] : a.params) w.request.params[k] = v;
    spec.workload.push_back(std::move(w));
  }
  auto s = std::make_unique<Simulation>(spec, seed);
  EXPECT_NE(s->run(), sim::RunStop::kHitEventLimit);
  return s;
}

std::string field(const Simulation& s, std::size_t call, const std::string& key) {
  const std::string* v = s.log().records().at(call).response_field(key);
  return v != nullptr ? *v : "(none)";
}

constexpr std::string_view kFamily = R"(
regions:
  cn-hangzhou: {}
snapshots:
  - {SnapshotId: s-1, RegionId: cn-hangzhou, SourceDiskType: system, Size: 40GiB, CreationTime: 2025-12-01T00:00:00Z}
images:
  - {ImageId: m-old, RegionId: cn-hangzhou, ImageName: old, ImageFamily: web, CreationTime: 2025-10-01T00:00:00Z, Snapshots: [s-1]}
  - {ImageId: m-new, RegionId: cn-hangzhou, ImageName: new, ImageFamily: web, CreationTime: 2025-12-01T00:00:00Z, Snapshots: [s-1]}
  - {ImageId: m-mid, RegionId: cn-hangzhou, ImageName: mid, ImageFamily: web, CreationTime: 2025-11-01T00:00:00Z, Snapshots: [s-1]}
  - {ImageId: m-other, RegionId: cn-hangzhou, ImageName: other, ImageFamily: db, CreationTime: 2026-01-01T00:00:00Z, Snapshots: [s-1]}
)";

TEST(ImageFamily, LatestIsTheNewestAvailableByCreationTimeNotByDeclarationOrder) {
  auto s = run_acts(kFamily, {});
  const auto latest = latest_image_in_family(s->world(), "cn-hangzhou", "web");
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(s->world().image(*latest).image_id, "m-new");
  EXPECT_FALSE(latest_image_in_family(s->world(), "cn-hangzhou", "nope").has_value());
  EXPECT_FALSE(latest_image_in_family(s->world(), "cn-shanghai", "web").has_value());
}

TEST(ImageFamily, DeprecatingTheLatestRollsBackToThePreviousAndRestoringRollsForward) {
  auto s = run_acts(kFamily, {{0, "ModifyImageAttribute", {{"ImageId", "m-new"}, {"Status", "Deprecated"}}},
                              {1, "DescribeImageFromFamily", {{"ImageFamily", "web"}}},
                              {2, "ModifyImageAttribute", {{"ImageId", "m-mid"}, {"Status", "Deprecated"}}},
                              {3, "DescribeImageFromFamily", {{"ImageFamily", "web"}}},
                              {4, "ModifyImageAttribute", {{"ImageId", "m-new"}, {"Status", "Available"}}},
                              {5, "DescribeImageFromFamily", {{"ImageFamily", "web"}}}});
  EXPECT_EQ(field(*s, 1, "Image.ImageId"), "m-mid");
  EXPECT_EQ(field(*s, 3, "Image.ImageId"), "m-old");
  EXPECT_EQ(field(*s, 5, "Image.ImageId"), "m-new");
  EXPECT_EQ(s->log().records()[0].status, "Deprecated");
  EXPECT_EQ(s->log().records()[4].status, "Available");
}

TEST(ImageFamily, AFamilyWithoutAnAvailableImageAnswersEmpty) {
  auto s = run_acts(kFamily, {{0, "ModifyImageAttribute", {{"ImageId", "m-other"}, {"Status", "Deprecated"}}},
                              {1, "DescribeImageFromFamily", {{"ImageFamily", "db"}}}});
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
  EXPECT_TRUE(s->log().records()[1].response.empty());
}

TEST(ImageFamily, ImagesCreatedAtTheSameInstantAreToldApartByCreationOrder) {
  auto s = run_acts(R"(
regions:
  cn-hangzhou: {}
snapshots:
  - {SnapshotId: s-1, RegionId: cn-hangzhou, SourceDiskType: system, Size: 40GiB}
images:
  - {ImageId: m-first, RegionId: cn-hangzhou, ImageName: first, ImageFamily: web, Snapshots: [s-1]}
  - {ImageId: m-second, RegionId: cn-hangzhou, ImageName: second, ImageFamily: web, Snapshots: [s-1]}
)", {});
  EXPECT_EQ(s->world().image(*latest_image_in_family(s->world(), "cn-hangzhou", "web")).image_id, "m-second");
}

TEST(ModifyImageAttribute, MovingAnImageBetweenFamiliesKeepsTheRegionsFamilyCounters) {
  auto s = run_acts(kFamily, {{0, "ModifyImageAttribute", {{"ImageId", "m-other"}, {"ImageFamily", "web"}}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  const Region& r = s->world().regions().at("cn-hangzhou");
  EXPECT_EQ(r.images_per_family.at("web"), 4);
  EXPECT_FALSE(r.images_per_family.contains("db"));
  EXPECT_EQ(s->world().image(*s->world().find_image("m-other")).family, "web");
}

TEST(ModifyImageAttribute, ChangesNameDescriptionAndBootModeOfAnImageWithoutInstances) {
  auto s = run_acts(kFamily, {{0, "ModifyImageAttribute",
                               {{"ImageId", "m-old"}, {"ImageName", "renamed"}, {"Description", "kept for audits"}, {"BootMode", "BIOS"}}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  const Image& img = s->world().image(*s->world().find_image("m-old"));
  EXPECT_EQ(img.name, "renamed");
  EXPECT_EQ(img.description, "kept for audits");
  EXPECT_EQ(img.boot_mode, "BIOS");
}

TEST(DescribeImages, StatusDefaultsToAvailableSoACreatingImageIsListedOnlyWhenAskedFor) {
  auto s = run_acts(R"(
regions:
  cn-hangzhou: {}
instances:
  - InstanceId: i-1
    RegionId: cn-hangzhou
    Disks:
      - {DiskId: d-1, Type: system, Category: cloud_efficiency, Size: 40GiB, Used: 30GiB}
)", {{0, "CreateImage", {{"InstanceId", "i-1"}, {"ImageName", "web"}}, "img"},
     {60, "DescribeImages", {{"ImageId", "${img.ImageId}"}}},
     {60, "DescribeImages", {{"ImageId", "${img.ImageId}"}, {"Status", "Creating,Waiting"}}},
     {3600, "DescribeImages", {{"ImageId", "${img.ImageId}"}}}});
  EXPECT_EQ(field(*s, 1, "TotalCount"), "0");
  EXPECT_EQ(field(*s, 2, "TotalCount"), "1");
  EXPECT_EQ(field(*s, 2, "Images.1.Status"), "Creating");
  const std::string progress = field(*s, 2, "Images.1.Progress");
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), '%');
  const int pct = std::stoi(progress);
  EXPECT_GE(pct, 0);
  EXPECT_LT(pct, 90) << "a minute into a 30 GiB ultra-disk snapshot";
  EXPECT_EQ(field(*s, 3, "Images.1.Status"), "Available");
  EXPECT_EQ(field(*s, 3, "Images.1.Progress"), "100%");
}

TEST(DescribeImages, PagesNewestFirst) {
  auto s = run_acts(kFamily, {{0, "DescribeImages", {{"ImageFamily", "web"}, {"PageSize", "2"}}},
                              {0, "DescribeImages", {{"ImageFamily", "web"}, {"PageSize", "2"}, {"PageNumber", "2"}}}});
  EXPECT_EQ(field(*s, 0, "TotalCount"), "3");
  EXPECT_EQ(field(*s, 0, "Images.1.ImageId"), "m-new");
  EXPECT_EQ(field(*s, 0, "Images.2.ImageId"), "m-mid");
  EXPECT_EQ(field(*s, 1, "Images.1.ImageId"), "m-old");
  EXPECT_EQ(field(*s, 1, "Images.2.ImageId"), "(none)");
}

constexpr std::string_view kExportWorld = R"(
regions:
  cn-hangzhou: {}
instances:
  - InstanceId: i-1
    RegionId: cn-hangzhou
    Disks:
      - {DiskId: d-small, Type: system, Category: cloud_essd, Size: 40GiB, Used: 10GiB}
      - {DiskId: d-big, Type: data, Category: cloud_essd, Size: 400GiB, Used: 100GiB}
snapshots:
  - {SnapshotId: s-small, SourceDiskId: d-small, SourceDiskType: system, CreationTime: 2025-12-01T00:00:00Z}
  - {SnapshotId: s-big, SourceDiskId: d-big, SourceDiskType: data, CreationTime: 2025-12-01T00:00:00Z}
images:
  - {ImageId: m-small, RegionId: cn-hangzhou, ImageName: small, Snapshots: [s-small]}
  - {ImageId: m-big, RegionId: cn-hangzhou, ImageName: big, Snapshots: [s-small, s-big]}
models:
  export: {setup: 1m, throughput: 100MiB/s, noise_cv: 0}
)";

double export_seconds(const Simulation& s, std::size_t task) {
  const auto& t = s.export_service().tasks().at(task);
  return (t.done_at - t.started_at).seconds_f();
}

TEST(ExportImage, TakesSetupPlusTheImagesDataOverTheExportThroughput) {
  auto s = run_acts(kExportWorld, {{0, "ExportImage", {{"ImageId", "m-small"}, {"OSSBucket", "b"}}},
                                   {0, "ExportImage", {{"ImageId", "m-big"}, {"OSSBucket", "b"}}}});
  ASSERT_EQ(s->export_service().tasks().size(), 2U);
  EXPECT_NEAR(export_seconds(*s, 0), 60 + 10 * 1024 / 100.0, 1e-3);
  EXPECT_NEAR(export_seconds(*s, 1), 60 + 110 * 1024 / 100.0, 1e-3);
  EXPECT_EQ(field(*s, 0, "TaskId").rfind("tsk-", 0), 0U);
}

TEST(ExportImage, TheImageIsExportingOnlyUntilTheTaskEnds) {
  // m-small takes 60 + 102.4 s.
  auto s = run_acts(kExportWorld, {{0, "ExportImage", {{"ImageId", "m-small"}, {"OSSBucket", "b"}}},
                                   {162, "DeleteImage", {{"ImageId", "m-small"}}},
                                   {163, "DeleteImage", {{"ImageId", "m-small"}}}});
  EXPECT_EQ(outcome(s->log().records()[1]), "ImageIsExporting/403");
  EXPECT_EQ(outcome(s->log().records()[2]), kOk);
}

TEST(ExportImage, AFinishedTaskFreesItsConcurrencySlot) {
  constexpr std::string_view kOneAtATime = R"(
regions:
  cn-hangzhou: {}
snapshots:
  - {SnapshotId: s-1, RegionId: cn-hangzhou, SourceDiskType: system, Size: 10GiB}
images:
  - {ImageId: m-a, RegionId: cn-hangzhou, ImageName: a, Snapshots: [s-1]}
  - {ImageId: m-b, RegionId: cn-hangzhou, ImageName: b, Snapshots: [s-1]}
models:
  export: {concurrent_per_region: 1}
)";
  auto s = run_acts(kOneAtATime, {{0, "ExportImage", {{"ImageId", "m-a"}, {"OSSBucket", "b"}}},
                                  {10, "ExportImage", {{"ImageId", "m-b"}, {"OSSBucket", "b"}}},
                                  {7200, "ExportImage", {{"ImageId", "m-b"}, {"OSSBucket", "b"}}}});
  EXPECT_EQ(outcome(s->log().records()[1]), "ConcurrentQuotaExceed.ExportImage/403");
  EXPECT_EQ(outcome(s->log().records()[2]), kOk);
}

TEST(ScenarioModels, CopyInstanceAndExportParametersAreRead) {
  const ScenarioSpec spec = parse_world(R"(
regions:
  cn-hangzhou: {}
models:
  copy: {build: 5m, noise_cv: 0.1, max_image_size: 1TiB}
  instance: {stop: 45s, start: 1m, noise_cv: 0}
  export: {setup: 3m, throughput: 80MiB/s, noise_cv: 0.3, concurrent_per_region: 4, weekly_per_region: 7}
)");
  EXPECT_EQ(spec.params.copy.build, sim::SimDuration::minutes(5));
  EXPECT_DOUBLE_EQ(spec.params.copy.noise_cv, 0.1);
  EXPECT_EQ(spec.params.copy.max_image_bytes, 1024LL * 1024 * 1024 * 1024);
  EXPECT_EQ(spec.params.instance.stop, sim::SimDuration::seconds(45));
  EXPECT_EQ(spec.params.instance.start, sim::SimDuration::minutes(1));
  EXPECT_DOUBLE_EQ(spec.params.instance.noise_cv, 0);
  EXPECT_EQ(spec.params.exports.setup, sim::SimDuration::minutes(3));
  EXPECT_EQ(spec.params.exports.throughput_bytes_per_s, 80LL * 1024 * 1024);
  EXPECT_DOUBLE_EQ(spec.params.exports.noise_cv, 0.3);
  EXPECT_EQ(spec.params.exports.concurrent_per_region, 4);
  EXPECT_EQ(spec.params.exports.weekly_per_region, 7);
}

TEST(ScenarioModels, AnUnknownKeyUnderModelsExportIsReportedWithItsPosition) {
  const ParsedScenario parsed = parse_scenario_text("regions:\n  cn-hangzhou: {}\nmodels:\n  export:\n    speed: 1\n", "t.yaml");
  ASSERT_EQ(parsed.errors.size(), 1U);
  EXPECT_EQ(parsed.errors[0].line, 5);
  EXPECT_NE(parsed.errors[0].what.find("unknown key 'speed' in models.export"), std::string::npos);
}

TEST(LifecycleDot, HasOneEdgePerTransitionTableRowWithItsCause) {
  const std::string dot = lifecycle_dot();
  EXPECT_EQ(dot.rfind("digraph lifecycle {", 0), 0U);
  std::size_t edges = 0;
  for (std::size_t p = 0; (p = dot.find(" -> ", p)) != std::string::npos; ++p) ++edges;
  EXPECT_EQ(edges, image_transitions().size() + snapshot_transitions().size());
  for (const auto& t : image_transitions()) {
    const std::string edge = "\"image." + std::string(to_string(t.from)) + "\" -> \"image." + std::string(to_string(t.to)) +
                             "\" [label=\"" + std::string(t.cause) + "\"]";
    EXPECT_NE(dot.find(edge), std::string::npos) << edge;
  }
  for (const auto& t : snapshot_transitions()) {
    const std::string edge = "\"snapshot." + std::string(to_string(t.from)) + "\" -> \"snapshot." +
                             std::string(to_string(t.to)) + "\" [label=\"" + std::string(t.cause) + "\"]";
    EXPECT_NE(dot.find(edge), std::string::npos) << edge;
  }
}

}  // namespace
}  // namespace ecsim::models::testing
