// CreateImage answers at once; the image becomes Available asynchronously: every snapshot usable,
// then registration, then (with DetectionStrategy) the image check. A failed snapshot makes it
// CreateFailed. All timing here runs with the noise turned off, so durations are exact.

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "create_image_harness.h"

namespace ecsim::models::testing {
namespace {

// kWorld with deterministic timing: no noise, the default setup/throughput/registration/check.
std::string quiet_world(std::string_view extra = "") {
  std::string w(kWorld);
  w += "models:\n  snapshot: {noise_cv: 0}\n  image: {noise_cv: 0}\n";
  w += extra;
  return w;
}

double seconds(sim::SimDuration d) { return d.seconds_f(); }

// From i-web: d-sys ESSD 10 GiB used (20 s + 10 GiB / 300 MiB/s), d-data ultra 20 GiB used
// (30 s + 20 GiB / 120 MiB/s); the slower decides, then 45 s registration.
constexpr double kEssdSnapshot_s = 20 + 10.0 * 1024 / 300;
constexpr double kUltraSnapshot_s = 30 + 20.0 * 1024 / 120;
constexpr double kRegistration_s = 45;
constexpr double kCheck_s = 240;

TEST(CreateImageLifecycle, AnswersAtOnceWhileTheImageIsCreating) {
  auto spec = parse_world(quiet_world());
  spec.horizon = sim::SimDuration::seconds(1);
  auto s = simulate(spec, {Call{0, {{"InstanceId", "i-web"}}, {}}});
  const CallRecord& r = s->log().records()[0];
  EXPECT_EQ(outcome(r), kOk);
  EXPECT_EQ(image_of(*s, 0).status, ImageStatus::kCreating);
  EXPECT_FALSE(r.status.has_value());
}

TEST(CreateImageLifecycle, AvailableAfterTheSlowestSnapshotAndRegistration) {
  auto s = simulate(quiet_world(), {Call{0, {{"InstanceId", "i-web"}}, {}}});
  const CallRecord& r = s->log().records()[0];
  ASSERT_EQ(r.status, "Available");
  ASSERT_TRUE(r.snapshots_done_after.has_value());
  EXPECT_NEAR(seconds(*r.snapshots_done_after), kUltraSnapshot_s, 1e-3);
  EXPECT_NEAR(seconds(*r.status_at - r.at), kUltraSnapshot_s + kRegistration_s, 1e-3);
  for (const ImageDiskMapping& m : image_of(*s, 0).mappings) {
    EXPECT_EQ(s->world().snapshot(m.snapshot).status, SnapshotStatus::kAccomplished);
  }
}

TEST(CreateImageLifecycle, FromAReadySnapshotOnlyRegistrationIsLeft) {
  auto s = simulate(quiet_world(), {Call{0, {{"SnapshotId", "s-sys"}}, {}}});
  const CallRecord& r = s->log().records()[0];
  ASSERT_EQ(r.status, "Available");
  EXPECT_NEAR(seconds(*r.status_at - r.at), kRegistration_s, 1e-3);
}

TEST(CreateImageLifecycle, DetectionStrategyAddsTheCheckPhase) {
  auto s = simulate(quiet_world(), {Call{0, {{"InstanceId", "i-web"}, {"DetectionStrategy", "Standard"}}, {}}});
  const CallRecord& r = s->log().records()[0];
  ASSERT_EQ(r.status, "Available");
  ASSERT_TRUE(r.registered_after.has_value());
  EXPECT_NEAR(seconds(*r.registered_after), kUltraSnapshot_s + kRegistration_s, 1e-3);
  EXPECT_NEAR(seconds(*r.status_at - r.at), kUltraSnapshot_s + kRegistration_s + kCheck_s, 1e-3);
}

TEST(CreateImageLifecycle, FailedSnapshotMakesTheImageCreateFailed) {
  auto s = simulate(quiet_world("faults: [{type: snapshot_failure, probability: 1}]\n"), {Call{0, {{"InstanceId", "i-web"}}, {}}});
  const CallRecord& r = s->log().records()[0];
  EXPECT_EQ(outcome(r), kOk);  // the call itself succeeded
  EXPECT_EQ(r.status, "CreateFailed");
  EXPECT_EQ(image_of(*s, 0).status, ImageStatus::kCreateFailed);
  EXPECT_LT(seconds(*r.status_at - r.at), kUltraSnapshot_s + kRegistration_s);
}

TEST(CreateImageLifecycle, SnapshotCountersReturnToZeroWhenJobsEnd) {
  auto s = simulate(quiet_world(), {Call{0, {{"InstanceId", "i-web"}}, {}}});
  World& w = s->world();
  EXPECT_EQ(w.find_region("cn-hangzhou")->snapshots_unfinished, 0);
  EXPECT_EQ(w.find_region("cn-hangzhou")->snapshots_count, 4);  // 2 declared + 2 new
  for (const Disk& d : w.disks()) EXPECT_EQ(d.snapshots_in_progress, 0) << d.disk_id;
}

TEST(CreateImageIds, SameSeedGivesTheSameImageId) {
  auto a = simulate(kWorld, {Call{0, {{"SnapshotId", "s-sys"}}, {}}}, 42);
  auto b = simulate(kWorld, {Call{0, {{"SnapshotId", "s-sys"}}, {}}}, 42);
  EXPECT_EQ(*a->log().records()[0].response_field("ImageId"), *b->log().records()[0].response_field("ImageId"));
}

TEST(CreateImageIds, OtherSeedGivesAnotherImageId) {
  auto a = simulate(kWorld, {Call{0, {{"SnapshotId", "s-sys"}}, {}}}, 42);
  auto b = simulate(kWorld, {Call{0, {{"SnapshotId", "s-sys"}}, {}}}, 43);
  EXPECT_NE(*a->log().records()[0].response_field("ImageId"), *b->log().records()[0].response_field("ImageId"));
}

TEST(CreateImageIds, HaveAlibabasShapeWithTheRegionCode) {
  auto s = simulate(kWorld, {Call{0, {{"InstanceId", "i-web"}}, {}}});
  const std::string id = *s->log().records()[0].response_field("ImageId");
  EXPECT_TRUE(std::regex_match(id, std::regex("m-bp[0-9a-z]{18}"))) << id;
  for (const ImageDiskMapping& m : image_of(*s, 0).mappings) {
    const std::string sid = s->world().snapshot(m.snapshot).snapshot_id.str();
    EXPECT_TRUE(std::regex_match(sid, std::regex("s-bp[0-9a-z]{18}"))) << sid;
  }
  auto bj = simulate(kWorld, {Call{0, {{"RegionId", "cn-beijing"}, {"SnapshotId", "s-bj"}}, {}}});
  EXPECT_TRUE(std::regex_match(*bj->log().records()[0].response_field("ImageId"), std::regex("m-2z[0-9a-z]{18}")));
}

TEST(CreateImageIds, AreUniqueWithinARun) {
  std::vector<Call> calls;
  for (int i = 0; i < 20; ++i) calls.push_back(Call{static_cast<double>(i), {{"SnapshotId", "s-sys"}}, {}});
  auto s = simulate(kWorld, calls);
  std::set<std::string> ids;
  for (const CallRecord& r : s->log().records()) ids.insert(*r.response_field("ImageId"));
  EXPECT_EQ(ids.size(), 20u);
}

}  // namespace
}  // namespace ecsim::models::testing
