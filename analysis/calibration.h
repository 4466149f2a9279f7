#pragma once
// Calibration of the snapshot-time model (models/README.md) from observed snapshot jobs.
//
// Model, per disk category, for a job that ran alone (no contention for the region's capacity):
//
//     duration_s = setup_s + data_bytes / throughput_bytes_per_s
//
// which is linear in x = data (GiB): duration = a + b x with a = setup and b = 1 / throughput
// (s/GiB). For each category, (a, b) is the ordinary least-squares fit of the rows of that
// category, solved with Eigen (column-pivoting Householder QR of the n x 2 design matrix
// [1, x]; single-threaded, EIGEN_DONT_PARALLELIZE). Fit quality: R^2 = 1 - SS_res / SS_tot,
// the residuals' RMSE and largest absolute residual, per category.
//
// Noise: ecsim multiplies the throughput by log-normal noise of mean 1 and CV c, so the mean
// transfer time is data / throughput * (1 + c^2) (E[1/X] = exp(sigma^2) = 1 + c^2). With
// noise_cv = c given, the fitted throughput is corrected by that factor.
//
// Input CSV (header required, columns in any order, extra columns ignored):
//   category   a disk category (cloud, cloud_efficiency, cloud_ssd, cloud_essd, ...)
//   disk_size  the disk's size (40GiB; bare number = GiB); informative, not used by the model
//   data       the used or changed data the job copied (12GiB; bare number = GiB)
//   duration   the job's time (90s, 1.5m; bare number = seconds)

#include <optional>
#include <string>
#include <vector>

namespace ecsim::analysis {

struct Observation {
  std::string category;
  double disk_size_gib = 0;
  double data_gib = 0;
  double duration_s = 0;
};

// Parses the CSV; on failure returns nullopt and sets `error` to "LINE: what".
std::optional<std::vector<Observation>> parse_observations_csv(const std::string& text, std::string& error);

struct CategoryFit {
  std::string category;
  std::size_t rows = 0;
  double setup_s = 0;
  double seconds_per_gib = 0;
  double throughput_mib_per_s = 0;  // 1024 / seconds_per_gib, noise-corrected
  double r_squared = 0;             // 1 when SS_tot = 0 and the fit is exact
  double rmse_s = 0;
  double max_abs_residual_s = 0;
  std::vector<double> residuals_s;  // in row order
  std::string problem;              // non-empty when the fit is unusable (too few rows, ...)
};

// One fit per category, sorted by category name. `noise_cv` >= 0.
std::vector<CategoryFit> fit_snapshot_model(const std::vector<Observation>& rows, double noise_cv);

// The models: snippet a scenario can paste under its top level:
//   models:
//     snapshot:
//       categories:
//         cloud_essd: {setup: 20.5s, throughput: 301MiB/s}
// Categories with a problem are left out (a comment says why).
std::string render_models_yaml(const std::vector<CategoryFit>& fits);

// A report for people: per category, rows, setup, throughput, R^2, RMSE, max |residual|.
std::string render_fit_report(const std::vector<CategoryFit>& fits, bool markdown);

}  // namespace ecsim::analysis
