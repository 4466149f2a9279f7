// The lifecycle calls around CreateImage (DeleteImage, CreateSnapshot, DeleteSnapshot,
// DescribeSnapshots, StopInstances, StartInstances, CopyImage, CancelCopyImage) through the
// workload driver, and the engines behind them (RegionNetwork, CopyService, InstanceService).
// The error scenarios under scenarios/errors/ cover each code; these tests cover what a scenario
// cannot easily state: timing relations, region switches, state set up directly in the world.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "create_image_harness.h"
#include "models/region_network.h"

namespace ecsim::models::testing {
namespace {

struct Act {
  Act(double at, std::string act, Params p, std::optional<std::string> n = std::nullopt)
      : at_s(at), action(std::move(act)), params(std::move(p)), name(std::move(n)) {}
  double at_s = 0;
  std::string action;
  Params params;
  std::optional<std::string> name;
};

std::unique_ptr<Simulation> build(std::string_view yaml, const std::vector<Act>& acts, std::uint64_t seed = 7) {
  ScenarioSpec spec = parse_world(yaml);
  for (const Act& a : acts) {
    WorkloadCallSpec w;
    w.at = sim::SimTime::zero() + sim::SimDuration::from_seconds_rounded(a.at_s);
    w.name = a.name;
    w.request.action = a.action;
    for (const auto& [k, v] : a.params) w.request.params[k] = v;
    spec.workload.push_back(std::move(w));
  }
  return std::make_unique<Simulation>(spec, seed);
}

std::unique_ptr<Simulation> run(std::string_view yaml, const std::vector<Act>& acts, std::uint64_t seed = 7) {
  auto s = build(yaml, acts, seed);
  EXPECT_NE(s->run(), sim::RunStop::kHitEventLimit);
  return s;
}

double status_after_s(const Simulation& s, std::size_t call) {
  const CallRecord& r = s.log().records().at(call);
  EXPECT_TRUE(r.status_at.has_value()) << "call " << call << " has no terminal status";
  if (!r.status_at) return -1;
  return (*r.status_at - r.at).seconds_f();
}

constexpr std::string_view kTwoRegions = R"(
regions:
  cn-hangzhou: {}
  cn-shanghai: {copy_slots: 1}
network:
  links:
    - {between: [cn-hangzhou, cn-shanghai], bandwidth: 10MiB/s, latency: 0ms}
snapshots:
  - {SnapshotId: s-a, RegionId: cn-hangzhou, SourceDiskType: system, Size: 10GiB, CreationTime: 2025-12-01T00:00:00Z}
  - {SnapshotId: s-b, RegionId: cn-hangzhou, SourceDiskType: system, Size: 10GiB, CreationTime: 2025-12-01T00:00:00Z}
images:
  - {ImageId: m-a, RegionId: cn-hangzhou, ImageName: a, Snapshots: [s-a]}
  - {ImageId: m-b, RegionId: cn-hangzhou, ImageName: b, Snapshots: [s-b]}
)";

TEST(RegionNetwork, WidestPathBeatsANarrowDirectLink) {
  NetworkSpec n;
  n.links = {{"a", "c", 10, sim::SimDuration::milliseconds(1)},
             {"a", "b", 100, sim::SimDuration::milliseconds(2)},
             {"b", "c", 50, sim::SimDuration::milliseconds(3)}};
  const RegionNetwork net(n);
  const auto p = net.best_path("a", "c");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->bottleneck_bytes_per_s, 50);
  EXPECT_EQ(p->links, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(p->latency, sim::SimDuration::milliseconds(5));
  EXPECT_FALSE(net.best_path("a", "a").has_value());
  EXPECT_FALSE(net.best_path("a", "zz").has_value());
}

TEST(RegionNetwork, VerticesAreInSortedOrderWhateverTheDeclarationOrder) {
  NetworkSpec n;
  n.links = {{"z-1", "a-1", 5, sim::SimDuration::zero()}, {"m-1", "z-1", 5, sim::SimDuration::zero()}};
  const RegionNetwork net(n);
  const auto& g = net.graph();
  ASSERT_EQ(boost::num_vertices(g), 3U);
  EXPECT_EQ(g[0].id, "a-1");
  EXPECT_EQ(g[1].id, "m-1");
  EXPECT_EQ(g[2].id, "z-1");
}

TEST(RegionNetwork, DefaultWorldJoinsEveryPairOfItsRegions) {
  const NetworkSpec spec = default_network();
  const RegionNetwork net(spec);
  for (const std::string& a : spec.regions) {
    for (const std::string& b : spec.regions) {
      if (a == b) continue;
      EXPECT_TRUE(net.best_path(a, b).has_value()) << a << " -> " << b;
    }
  }
}

TEST(CopyImage, TransferTimeIsDataOverBandwidthPlusBuild) {
  // 10 GiB at 10 MiB/s = 1024 s, plus the build (2 min with noise).
  auto s = run(kTwoRegions, {{0, "CopyImage", {{"RegionId", "cn-hangzhou"}, {"ImageId", "m-a"}, {"DestinationRegionId", "cn-shanghai"}}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  EXPECT_EQ(s->log().records()[0].status, "Available");
  const double t = status_after_s(*s, 0);
  EXPECT_GT(t, 1024 + 30);
  EXPECT_LT(t, 1024 + 600);
}

TEST(CopyImage, CopiesBeyondTheRegionsSlotsWaitInOrder) {
  // copy_slots: 1 in cn-shanghai: the second copy starts only when the first has finished.
  auto s = run(kTwoRegions, {{0, "CopyImage", {{"RegionId", "cn-hangzhou"}, {"ImageId", "m-a"}, {"DestinationRegionId", "cn-shanghai"}}},
                             {1, "CopyImage", {{"RegionId", "cn-hangzhou"}, {"ImageId", "m-b"}, {"DestinationRegionId", "cn-shanghai"}}}});
  const double first = status_after_s(*s, 0), second = status_after_s(*s, 1) + 1;
  EXPECT_GT(second, first + 1024);
}

TEST(CopyImage, ConcurrentCopiesShareTheLink) {
  // Two slots: both copies cross the same 10 MiB/s link at once, each at 5 MiB/s.
  std::string yaml(kTwoRegions);
  yaml.replace(yaml.find("copy_slots: 1"), 13, "copy_slots: 2");
  auto s = run(yaml, {{0, "CopyImage", {{"RegionId", "cn-hangzhou"}, {"ImageId", "m-a"}, {"DestinationRegionId", "cn-shanghai"}}},
                      {0, "CopyImage", {{"RegionId", "cn-hangzhou"}, {"ImageId", "m-b"}, {"DestinationRegionId", "cn-shanghai"}}}});
  EXPECT_GT(status_after_s(*s, 0), 2048);
  EXPECT_GT(status_after_s(*s, 1), 2048);
}

TEST(CopyImage, TheCopyGetsItsOwnSnapshotsAndLeavesTheSource) {
  auto s = run(kTwoRegions, {{0, "CopyImage", {{"RegionId", "cn-hangzhou"}, {"ImageId", "m-a"}, {"DestinationRegionId", "cn-shanghai"}}}});
  const Image& copy = image_of(*s, 0);
  EXPECT_EQ(copy.region_id, "cn-shanghai");
  ASSERT_EQ(copy.mappings.size(), 1U);
  ASSERT_NE(copy.mappings[0].snapshot, kNoIndex);
  EXPECT_EQ(s->world().snapshot(copy.mappings[0].snapshot).region_id, "cn-shanghai");
  const Image& source = s->world().image(*s->world().find_image("m-a"));
  EXPECT_EQ(source.status, ImageStatus::kAvailable);
  EXPECT_EQ(source.copies_in_flight, 0);
}

TEST(DeleteImage, MissingImageIsIgnoredWhenTheRegionSaysSo) {
  constexpr std::string_view kIgnore = R"(
regions:
  cn-hangzhou: {missing_image_delete: ignore}
  cn-beijing: {}
)";
  auto s = run(kIgnore, {{0, "DeleteImage", {{"RegionId", "cn-hangzhou"}, {"ImageId", "m-nope"}}},
                         {1, "DeleteImage", {{"RegionId", "cn-beijing"}, {"ImageId", "m-nope"}}}});
  EXPECT_EQ(outcome(s->log().records()[0]), kOk);
  EXPECT_FALSE(s->log().records()[0].status.has_value());
  EXPECT_EQ(outcome(s->log().records()[1]), "InvalidImageId.NotFound/404");
}

TEST(DeleteImage, FreesTheQuotaSlotAndKeepsTheSnapshots) {
  auto s = run(kWorld, {{0, "CreateImage", {{"RegionId", "cn-hangzhou"}, {"SnapshotId", "s-sys"}}, "img"},
                        {600, "DeleteImage", {{"RegionId", "cn-hangzhou"}, {"ImageId", "${img.ImageId}"}}}});
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
  EXPECT_EQ(s->log().records()[1].status, "Deleted");
  EXPECT_EQ(s->world().find_region("cn-hangzhou")->images_count, 0);
  EXPECT_TRUE(s->world().find_snapshot("s-sys").has_value());
}

TEST(DeleteSnapshot, DeletingAProgressingSnapshotCancelsItAndFailsItsImage) {
  // The image waits for a new snapshot of d-sys; a poller finds it and deletes it 6 s in.
  auto s = run(kWorld, {{0, "CreateImage", {{"RegionId", "cn-hangzhou"}, {"InstanceId", "i-web"}}, "img"},
                   {5, "DescribeSnapshots", {{"RegionId", "cn-hangzhou"}, {"DiskId", "d-sys"}, {"Status", "progressing"}}, "d"},
                   {6, "DeleteSnapshot", {{"SnapshotId", "${d.Snapshots.1.SnapshotId}"}}}});
  ASSERT_EQ(outcome(s->log().records()[1]), kOk);
  ASSERT_EQ(outcome(s->log().records()[2]), kOk) << s->log().records()[2].skip_reason;
  EXPECT_EQ(s->log().records()[2].status, "Deleted");
  EXPECT_EQ(s->log().records()[0].status, "CreateFailed");
  EXPECT_EQ(s->world().find_region("cn-hangzhou")->snapshots_unfinished, 0);
}

TEST(DeleteSnapshot, SnapshotUsedForDisksNeedsForce) {
  auto s = build(kWorld, {{0, "DeleteSnapshot", {{"SnapshotId", "s-data"}}}, {1, "DeleteSnapshot", {{"SnapshotId", "s-data"}, {"Force", "true"}}}});
  s->world().snapshot(*s->world().find_snapshot("s-data")).disks_created = 1;
  (void)s->run();
  EXPECT_EQ(outcome(s->log().records()[0]), "SnapshotCreatedDisk/403");
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
}

TEST(CreateSnapshot, TracksTheSnapshotToAccomplished) {
  auto s = run(kWorld, {{0, "CreateSnapshot", {{"DiskId", "d-sys"}}}});
  ASSERT_EQ(outcome(s->log().records()[0]), kOk);
  EXPECT_EQ(s->log().records()[0].status, "accomplished");
  EXPECT_EQ(s->log().records()[0].response.at(0).first, "SnapshotId");
}

TEST(StopStartInstances, TransitionsTakeTime) {
  auto s = build(kWorld, {{0, "StopInstances", {{"RegionId", "cn-hangzhou"}, {"InstanceId.1", "i-web"}}}});
  const InstanceIndex i = *s->world().find_instance("i-web");
  (void)s->scheduler().run({.end = sim::SimTime::zero() + sim::SimDuration::seconds(2)});
  EXPECT_EQ(s->world().instance(i).status, InstanceStatus::kStopping);
  (void)s->run();
  EXPECT_EQ(s->world().instance(i).status, InstanceStatus::kStopped);
  EXPECT_GT(s->scheduler().now(), sim::SimTime::zero() + sim::SimDuration::seconds(5));
}

}  // namespace
}  // namespace ecsim::models::testing
