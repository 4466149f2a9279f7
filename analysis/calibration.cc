#include "analysis/calibration.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "analysis/replication_stats.h"
#include "models/disk.h"
#include "models/size.h"
#include "sim/time.h"

namespace ecsim::analysis {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string fixed(double v, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

}  // namespace

std::optional<std::vector<Observation>> parse_observations_csv(const std::string& text, std::string& error) {
  std::vector<Observation> rows;
  int line_no = 0;
  int col_category = -1, col_size = -1, col_data = -1, col_duration = -1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = trim(text.substr(start, end - start));
    start = end + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto fields = split_csv_line(line);
    for (auto& f : fields) f = trim(f);
    if (col_category < 0) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        const int c = static_cast<int>(i);
        if (fields[i] == "category") col_category = c;
        else if (fields[i] == "disk_size") col_size = c;
        else if (fields[i] == "data") col_data = c;
        else if (fields[i] == "duration") col_duration = c;
      }
      if (col_category < 0 || col_data < 0 || col_duration < 0) {
        error = std::to_string(line_no) + ": the header needs the columns category, data and duration";
        return std::nullopt;
      }
      continue;
    }
    const int needed = std::max({col_category, col_size, col_data, col_duration});
    if (static_cast<int>(fields.size()) <= needed) {
      error = std::to_string(line_no) + ": expected " + std::to_string(needed + 1) + " fields";
      return std::nullopt;
    }
    Observation o;
    o.category = fields[static_cast<std::size_t>(col_category)];
    if (!models::parse_disk_category(o.category)) {
      error = std::to_string(line_no) + ": unknown disk category '" + o.category + "'";
      return std::nullopt;
    }
    auto gib = [&](int col, double& out) {
      if (col < 0) return true;
      auto b = models::parse_size_bytes(fields[static_cast<std::size_t>(col)]);
      if (!b) {
        error = std::to_string(line_no) + ": invalid size '" + fields[static_cast<std::size_t>(col)] + "'";
        return false;
      }
      out = static_cast<double>(*b) / static_cast<double>(models::kGiB);
      return true;
    };
    if (!gib(col_size, o.disk_size_gib) || !gib(col_data, o.data_gib)) return std::nullopt;
    auto d = sim::parse_duration(fields[static_cast<std::size_t>(col_duration)]);
    if (!d || d->ticks() < 0) {
      error = std::to_string(line_no) + ": invalid duration '" + fields[static_cast<std::size_t>(col_duration)] + "'";
      return std::nullopt;
    }
    o.duration_s = d->seconds_f();
    rows.push_back(std::move(o));
  }
  if (col_category < 0) {
    error = "1: empty file (expected a header: category,disk_size,data,duration)";
    return std::nullopt;
  }
  return rows;
}

std::vector<CategoryFit> fit_snapshot_model(const std::vector<Observation>& rows, double noise_cv) {
  std::map<std::string, std::vector<const Observation*>> by_category;
  for (const Observation& o : rows) by_category[o.category].push_back(&o);
  std::vector<CategoryFit> fits;
  for (const auto& [category, obs] : by_category) {
    CategoryFit f;
    f.category = category;
    f.rows = obs.size();
    const auto n = static_cast<Eigen::Index>(obs.size());
    Eigen::MatrixXd x(n, 2);
    Eigen::VectorXd y(n);
    double x_min = obs.front()->data_gib, x_max = x_min;
    for (Eigen::Index i = 0; i < n; ++i) {
      const Observation& o = *obs[static_cast<std::size_t>(i)];
      x(i, 0) = 1.0;
      x(i, 1) = o.data_gib;
      y(i) = o.duration_s;
      x_min = std::min(x_min, o.data_gib);
      x_max = std::max(x_max, o.data_gib);
    }
    if (n < 3) {
      f.problem = "needs at least 3 rows";
    } else if (x_max - x_min <= 0) {
      f.problem = "needs at least two different data sizes";
    }
    if (f.problem.empty()) {
      const Eigen::Vector2d beta = x.colPivHouseholderQr().solve(y);
      f.setup_s = beta(0);
      f.seconds_per_gib = beta(1);
      const Eigen::VectorXd residual = y - x * beta;
      const double mean_y = y.mean();
      const double ss_res = residual.squaredNorm();
      const double ss_tot = (y.array() - mean_y).square().sum();
      f.r_squared = ss_tot > 0 ? 1.0 - ss_res / ss_tot : 1.0;
      f.rmse_s = std::sqrt(ss_res / static_cast<double>(n));
      f.max_abs_residual_s = residual.cwiseAbs().maxCoeff();
      f.residuals_s.assign(residual.data(), residual.data() + n);
      if (f.seconds_per_gib <= 0) {
        f.problem = "the fitted time per GiB is not positive";
      } else {
        f.throughput_mib_per_s = 1024.0 / f.seconds_per_gib * (1.0 + noise_cv * noise_cv);
      }
      if (f.problem.empty() && f.setup_s < 0) f.problem = "the fitted setup is negative";
    }
    fits.push_back(std::move(f));
  }
  return fits;
}

std::string render_models_yaml(const std::vector<CategoryFit>& fits) {
  std::string out = "# Fitted by `ecsim calibrate` (least squares; see docs/analysis.md).\n";
  out += "models:\n  snapshot:\n    categories:\n";
  bool any = false;
  for (const CategoryFit& f : fits) {
    if (!f.problem.empty()) {
      out += "      # " + f.category + ": not fitted (" + f.problem + ")\n";
      continue;
    }
    any = true;
    // Whole milliseconds and whole MiB/s: spellings the scenario parser reads exactly.
    const auto setup_ms = static_cast<long long>(std::llround(f.setup_s * 1000.0));
    const auto mib = static_cast<long long>(std::llround(f.throughput_mib_per_s));
    out += "      " + f.category + ": {setup: " + std::to_string(setup_ms) + "ms, throughput: " +
           std::to_string(std::max(1LL, mib)) + "MiB/s}\n";
  }
  if (!any) out += "      {}\n";
  return out;
}

std::string render_fit_report(const std::vector<CategoryFit>& fits, bool markdown) {
  std::string out;
  if (markdown) out += "| category | rows | setup (s) | throughput (MiB/s) | R² | RMSE (s) | max abs residual (s) |\n|---|---:|---:|---:|---:|---:|---:|\n";
  for (const CategoryFit& f : fits) {
    if (markdown) {
      out += "| " + f.category + " | " + std::to_string(f.rows) + " | " +
             (f.problem.empty() ? fixed(f.setup_s, 3) + " | " + fixed(f.throughput_mib_per_s, 2) + " | " +
                                      fixed(f.r_squared, 5) + " | " + fixed(f.rmse_s, 3) + " | " +
                                      fixed(f.max_abs_residual_s, 3)
                                : "not fitted: " + f.problem + " | | | | ") +
             " |\n";
    } else if (f.problem.empty()) {
      out += f.category + ": " + std::to_string(f.rows) + " rows, setup " + fixed(f.setup_s, 3) + " s, throughput " +
             fixed(f.throughput_mib_per_s, 2) + " MiB/s, R^2 " + fixed(f.r_squared, 5) + ", RMSE " +
             fixed(f.rmse_s, 3) + " s, max |residual| " + fixed(f.max_abs_residual_s, 3) + " s\n";
    } else {
      out += f.category + ": " + std::to_string(f.rows) + " rows, not fitted: " + f.problem + "\n";
    }
  }
  return out;
}

}  // namespace ecsim::analysis
