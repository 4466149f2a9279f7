// ecsim calibrate OBSERVATIONS.csv [--noise-cv C] [--out FILE] [--md]
//
// Fits the snapshot-time model (setup, throughput per disk category) to observed jobs by least
// squares (analysis/calibration.h), prints the fit quality and writes the `models:` snippet to
// FILE (default ./ecsim-calibrated-models.yaml). Exit 0 on success, 2 on a malformed input.

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/atomic_file.h"
#include "analysis/calibration.h"
#include "app/commands.h"

namespace ecsim::app {

int calibrate_command(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  std::string out = "ecsim-calibrated-models.yaml";
  double noise_cv = 0;
  bool markdown = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--out" || a == "--noise-cv") && i + 1 >= args.size()) {
      std::fprintf(stderr, "ecsim: %s needs a value\n", a.c_str());
      return 2;
    }
    if (a == "--out") {
      out = args[++i];
    } else if (a == "--noise-cv") {
      const std::string& v = args[++i];
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), noise_cv);
      if (ec != std::errc{} || p != v.data() + v.size() || noise_cv < 0 || noise_cv > 5) {
        std::fprintf(stderr, "ecsim: --noise-cv needs a number in [0, 5], got '%s'\n", v.c_str());
        return 2;
      }
    } else if (a == "--md") {
      markdown = true;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "ecsim: unknown option '%s' for calibrate\n", a.c_str());
      return 2;
    } else {
      files.push_back(a);
    }
  }
  if (files.size() != 1) {
    std::fprintf(stderr, "ecsim: calibrate takes exactly one observations CSV\n");
    return 2;
  }
  std::ifstream in(files.front(), std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: error: cannot read the file\n", files.front().c_str());
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string error;
  const auto rows = analysis::parse_observations_csv(text.str(), error);
  if (!rows) {
    std::fprintf(stderr, "%s:%s\n", files.front().c_str(), error.c_str());
    return 2;
  }
  const auto fits = analysis::fit_snapshot_model(*rows, noise_cv);
  std::cout << analysis::render_fit_report(fits, markdown);
  const std::string yaml = analysis::render_models_yaml(fits);
  const auto status = analysis::write_file_atomically(out, yaml);
  if (!status.ok()) {
    std::fprintf(stderr, "ecsim: cannot write %s: %s\n", out.c_str(), status.message().c_str());
    return 1;
  }
  std::cout << "models snippet (paste under a scenario's top level): " << out << "\n";
  return 0;
}

}  // namespace ecsim::app
