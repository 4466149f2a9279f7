// ClientToken idempotency (precedence check 23) and DryRun (check 58).

#include <gtest/gtest.h>

#include "create_image_harness.h"

namespace ecsim::models::testing {
namespace {

std::size_t live_images(const World& w) {
  std::size_t n = 0;
  for (const Image& img : w.images()) n += img.status != ImageStatus::kDeleted ? 1 : 0;
  return n;
}

const Params kFirst{{"SnapshotId", "s-sys"}, {"ImageName", "web-a"}, {"ClientToken", "token-1"}};

TEST(CreateImageClientToken, SameTokenAndParametersAnswerTheSameImageId) {
  auto s = simulate(kWorld, {Call{0, kFirst, {}}, Call{10, kFirst, {}}, Call{3600, kFirst, {}}});
  const auto& r = s->log().records();
  ASSERT_EQ(outcome(r[0]), kOk);
  ASSERT_EQ(outcome(r[1]), kOk);
  ASSERT_EQ(outcome(r[2]), kOk);
  EXPECT_EQ(*r[1].response_field("ImageId"), *r[0].response_field("ImageId"));
  EXPECT_EQ(*r[2].response_field("ImageId"), *r[0].response_field("ImageId"));
  EXPECT_EQ(live_images(s->world()), 1u);
}

TEST(CreateImageClientToken, ReplayFollowsTheSameImageToItsStatus) {
  auto s = simulate(kWorld, {Call{0, kFirst, {}}, Call{10, kFirst, {}}});
  const auto& r = s->log().records();
  ASSERT_TRUE(r[0].status && r[1].status);
  EXPECT_EQ(*r[1].status, "Available");
  EXPECT_EQ(r[1].status_at, r[0].status_at);
}

TEST(CreateImageClientToken, OtherParametersWhileTheFirstIsCreatingConflict) {
  Params other = kFirst;
  other["ImageName"] = "web-b";
  auto s = simulate(kWorld, {Call{0, kFirst, {}}, Call{1, other, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), "InvalidParamter.Conflict/403");
  EXPECT_EQ(live_images(s->world()), 1u);
}

TEST(CreateImageClientToken, OtherParametersAfterTheFirstSettledDoNotMatch) {
  Params other = kFirst;
  other["ImageName"] = "web-b";
  auto s = simulate(kWorld, {Call{0, kFirst, {}}, Call{3600, other, {}}});
  ASSERT_EQ(*s->log().records()[0].status, "Available");
  EXPECT_EQ(outcome(s->log().records()[1]), "IdempotenceParamNotMatch/400");
}

TEST(CreateImageClientToken, AnAddedParameterCountsAsOther) {
  Params more = kFirst;
  more["Description"] = "more";
  auto s = simulate(kWorld, {Call{0, kFirst, {}}, Call{3600, more, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), "IdempotenceParamNotMatch/400");
}

TEST(CreateImageClientToken, AFailedRequestDoesNotClaimItsToken) {
  Params failing = kFirst;
  failing["SnapshotId"] = "s-none";
  auto s = simulate(kWorld, {Call{0, failing, {}}, Call{10, kFirst, {}}});
  EXPECT_EQ(outcome(s->log().records()[0]), "InvalidSnapshotId.NotFound/404");
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
}

TEST(CreateImageClientToken, ParameterErrorsComeBeforeTheTokenCheck) {
  Params malformed = kFirst;
  malformed["ImageName"] = "1bad";
  auto s = simulate(kWorld, {Call{0, kFirst, {}}, Call{1, malformed, {}}});
  EXPECT_EQ(outcome(s->log().records()[1]), "InvalidImageName.Malformed/400");
}

TEST(CreateImageDryRun, ValidRequestAnswersDryRunOperationAndCreatesNothing) {
  auto s = simulate(kWorld, {Call{0, {{"InstanceId", "i-web"}, {"DryRun", "true"}}, {}}});
  EXPECT_EQ(outcome(s->log().records()[0]), "DryRunOperation/400");
  EXPECT_EQ(s->world().images().size(), 0u);
  EXPECT_EQ(s->world().snapshots().size(), 3u);  // only the declared ones
}

TEST(CreateImageDryRun, InvalidRequestGetsTheValidationError) {
  EXPECT_EQ(create_image({{"SnapshotId", "s-sys"}, {"ImageName", "1bad"}, {"DryRun", "true"}}), "InvalidImageName.Malformed/400");
  EXPECT_EQ(create_image({{"InstanceId", "i-none"}, {"DryRun", "true"}}), "InvalidInstanceId.NotFound/404");
}

TEST(CreateImageDryRun, FalseSendsTheRequest) {
  EXPECT_EQ(create_image({{"SnapshotId", "s-sys"}, {"DryRun", "false"}}), kOk);
}

TEST(CreateImageDryRun, DoesNotClaimTheClientToken) {
  Params dry = kFirst;
  dry["DryRun"] = "true";
  Params other = kFirst;
  other["ImageName"] = "web-b";
  auto s = simulate(kWorld, {Call{0, dry, {}}, Call{10, other, {}}});
  EXPECT_EQ(outcome(s->log().records()[0]), "DryRunOperation/400");
  EXPECT_EQ(outcome(s->log().records()[1]), kOk);
}

}  // namespace
}  // namespace ecsim::models::testing
