// Tour 08's story, checked on the answers themselves: the image family resolves to its newest
// Available image, rolls back when that one is deprecated and forward when it is restored, and
// DescribeImages hides the Deprecated image unless Status asks for it.

#include <gtest/gtest.h>

#include <string>

#include "tests/testing/scenario_runs.h"

namespace ecsim::scenario_tests {

using namespace ::ecsim::testing;  // scenario_files, run_scenario, test_name_for

namespace {

std::string field(const ScenarioRun& run, const std::string& call, const std::string& key) {
  for (const models::CallRecord& r : run.sim->log().records()) {
    if (r.name && *r.name == call) {
      const std::string* v = r.response_field(key);
      return v != nullptr ? *v : "(no " + key + ")";
    }
  }
  return "(no call " + call + ")";
}

TEST(ImageFamilyTour, TheFamilyFollowsItsNewestAvailableImage) {
  const ScenarioRun run = run_scenario("tour/08_share_and_deprecate.yaml");
  ASSERT_TRUE(run.parsed.ok());
  EXPECT_EQ(field(run, "latest-before", "Image.ImageId"), "m-web-v2");
  EXPECT_EQ(field(run, "latest-rolled-back", "Image.ImageId"), "m-web-v1");
  EXPECT_EQ(field(run, "latest-restored", "Image.ImageId"), "m-web-v2");
}

TEST(ImageFamilyTour, DescribeImagesListsOnlyAvailableImagesByDefault) {
  const ScenarioRun run = run_scenario("tour/08_share_and_deprecate.yaml");
  ASSERT_TRUE(run.parsed.ok());
  EXPECT_EQ(field(run, "listed-default", "TotalCount"), "1");
  EXPECT_EQ(field(run, "listed-default", "Images.1.ImageId"), "m-web-v1");
  EXPECT_EQ(field(run, "listed-all", "TotalCount"), "2");
  // Newest first.
  EXPECT_EQ(field(run, "listed-all", "Images.1.ImageId"), "m-web-v2");
  EXPECT_EQ(field(run, "listed-all", "Images.1.Status"), "Deprecated");
  EXPECT_EQ(field(run, "listed-all", "Images.2.Progress"), "100%");
}

}  // namespace
}  // namespace ecsim::scenario_tests
