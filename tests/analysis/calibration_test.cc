#include "analysis/calibration.h"

#include <gtest/gtest.h>

#include <cmath>

#include "models/scenario/scenario_parser.h"
#include "sim/rng.h"

namespace ecsim::analysis {
namespace {

// Synthetic jobs from known parameters: duration = setup + data / throughput, plus noise.
std::string synthetic_csv(double noise_s) {
  sim::Rng rng(5);
  std::string csv = "category,disk_size,data,duration\n";
  const struct {
    const char* category;
    double setup_s, mib_per_s;
  } truth[] = {{"cloud_essd", 20, 300}, {"cloud_efficiency", 30, 120}};
  for (const auto& t : truth) {
    for (int i = 0; i < 60; ++i) {
      const int data_gib = 1 + static_cast<int>(rng.uniform_u64(200));
      const double duration = t.setup_s + data_gib * 1024.0 / t.mib_per_s + rng.normal(0, noise_s);
      csv += std::string(t.category) + ",500GiB," + std::to_string(data_gib) + "GiB," +
             std::to_string(static_cast<long long>(std::llround(duration * 1000))) + "ms\n";
    }
  }
  return csv;
}

TEST(Calibration, RecoversKnownParameters) {
  std::string error;
  const auto rows = parse_observations_csv(synthetic_csv(2.0), error);
  ASSERT_TRUE(rows) << error;
  ASSERT_EQ(rows->size(), 120u);
  const auto fits = fit_snapshot_model(*rows, 0);
  ASSERT_EQ(fits.size(), 2u);
  EXPECT_EQ(fits[0].category, "cloud_efficiency");  // sorted by name
  EXPECT_NEAR(fits[0].setup_s, 30, 1.5);
  EXPECT_NEAR(fits[0].throughput_mib_per_s, 120, 1.0);
  EXPECT_EQ(fits[1].category, "cloud_essd");
  EXPECT_NEAR(fits[1].setup_s, 20, 1.5);
  EXPECT_NEAR(fits[1].throughput_mib_per_s, 300, 3.0);
  for (const auto& f : fits) {
    EXPECT_TRUE(f.problem.empty()) << f.problem;
    EXPECT_GT(f.r_squared, 0.99);
    EXPECT_NEAR(f.rmse_s, 2.0, 0.5);  // the noise we added
    EXPECT_EQ(f.residuals_s.size(), 60u);
  }
}

TEST(Calibration, ExactDataFitsExactly) {
  std::string error;
  const auto rows = parse_observations_csv(
      "data,duration,category\n10GiB,40s,cloud_ssd\n20GiB,60s,cloud_ssd\n40,100,cloud_ssd\n", error);
  ASSERT_TRUE(rows) << error;
  const auto fits = fit_snapshot_model(*rows, 0);
  ASSERT_EQ(fits.size(), 1u);
  EXPECT_NEAR(fits[0].setup_s, 20, 1e-9);
  EXPECT_NEAR(fits[0].seconds_per_gib, 2, 1e-9);
  EXPECT_NEAR(fits[0].throughput_mib_per_s, 512, 1e-6);
  EXPECT_NEAR(fits[0].r_squared, 1, 1e-12);
  // With noise_cv 0.5 the mean transfer is 1.25x slower than the cap: the cap is 1.25x faster.
  EXPECT_NEAR(fit_snapshot_model(*rows, 0.5)[0].throughput_mib_per_s, 640, 1e-6);
}

TEST(Calibration, TheSnippetParsesAsAScenarioModelsKey) {
  std::string error;
  const auto rows = parse_observations_csv(synthetic_csv(0.5), error);
  ASSERT_TRUE(rows);
  const std::string yaml = render_models_yaml(fit_snapshot_model(*rows, 0));
  const auto parsed = models::parse_scenario_text(
      "name: c\nregions:\n  cn-hangzhou: {}\n" + yaml, "calibrated.yaml");
  ASSERT_TRUE(parsed.ok()) << yaml << (parsed.errors.empty() ? "" : parsed.errors.front().to_string());
  const auto& essd = parsed.spec.params.snapshot.timing(models::DiskCategory::kCloudEssd);
  EXPECT_NEAR(essd.setup.seconds_f(), 20, 0.5);
  EXPECT_NEAR(static_cast<double>(essd.throughput_bytes_per_s) / (1024.0 * 1024.0), 300, 2);
}

TEST(Calibration, ReportsProblemsAsValues) {
  std::string error;
  EXPECT_FALSE(parse_observations_csv("category,data\ncloud,1\n", error));
  EXPECT_NE(error.find("1: the header needs"), std::string::npos) << error;
  EXPECT_FALSE(parse_observations_csv("category,data,duration\nfloppy,1,2\n", error));
  EXPECT_NE(error.find("2: unknown disk category 'floppy'"), std::string::npos) << error;
  const auto rows = parse_observations_csv("category,data,duration\ncloud,1,2\ncloud,1,3\n", error);
  ASSERT_TRUE(rows);
  const auto fits = fit_snapshot_model(*rows, 0);
  ASSERT_EQ(fits.size(), 1u);
  EXPECT_FALSE(fits[0].problem.empty());
  EXPECT_NE(render_models_yaml(fits).find("# cloud: not fitted"), std::string::npos);
}

}  // namespace
}  // namespace ecsim::analysis
