// ecsim sweep SCENARIO --set PATH=V1,V2 [--set ...] --replications K [--threads T] [--seed N]
//                      [--out DIR] [--md] [--quiet]
//
// Runs every configuration of the grid (analysis/sweep.h) K times with common random numbers:
// replication k uses the same seed in every configuration (analysis/replication_stats.h), so
// differences between configurations are not masked by different workload and fault draws.
// Writes DIR/sweep.csv (tidy, resumable) and DIR/sweep_summary.csv, and prints a table.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "analysis/atomic_file.h"
#include "analysis/replication_stats.h"
#include "analysis/sweep.h"
#include "app/cli_options.h"
#include "app/commands.h"
#include "app/replications.h"
#include "app/table.h"
#include "models/scenario/scenario_parser.h"

namespace ecsim::app {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  std::vector<analysis::Override> overrides;
  std::vector<std::string> shown;
  ReplicationOptions options;
  options.out = "ecsim-sweep";
  const std::map<std::string, ValueOption> own = {
      {"--metric",
       [&](const std::string& value, std::string&) {
         shown.push_back(value);
         return true;
       }},
      {"--set",
       [&](const std::string& value, std::string& error) {
         auto o = analysis::parse_set_argument(value, error);
         if (o) overrides.push_back(std::move(*o));
         return o.has_value();
       }},
  };
  if (const int status = parse_replication_options(args, "sweep", own, options)) return status;
  if (options.files.size() != 1) return usage_error("sweep takes exactly one scenario");
  if (overrides.empty()) return usage_error("sweep needs at least one --set PATH=V1,V2,...");
  const std::uint64_t k_count = options.replications.value_or(1);
  if (const int status = check_replication_counts(k_count, options.threads)) return status;
  models::ParsedScenario parsed = models::parse_scenario_file(options.files.front());
  if (!parsed.ok()) {
    for (const auto& e : parsed.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    return 2;
  }
  const auto grid = analysis::expand_grid(overrides);
  std::vector<models::ScenarioSpec> specs;
  for (const auto& c : grid) {
    models::ScenarioSpec spec = parsed.spec;
    for (const auto& [path, value] : c.assignments) {
      const std::string error = analysis::apply_override(spec, path, value);
      if (!error.empty()) return usage_error("--set " + path + "=" + value + ": " + error);
    }
    specs.push_back(std::move(spec));
  }
  const std::uint64_t base_seed = options.seed.value_or(parsed.spec.seed);
  const auto seeds = analysis::replication_seeds(base_seed, static_cast<std::size_t>(k_count));
  // A configuration that sets `seed` gets its own replication seeds (derived from that seed).
  std::vector<std::vector<std::uint64_t>> config_seeds;
  for (std::size_t c = 0; c < grid.size(); ++c) {
    bool sets_seed = false;
    for (const auto& [path, value] : grid[c].assignments) sets_seed = sets_seed || path == "seed";
    config_seeds.push_back(sets_seed ? analysis::replication_seeds(specs[c].seed, seeds.size()) : seeds);
  }
  const unsigned thread_count = options.threads ? static_cast<unsigned>(*options.threads) : default_thread_count();

  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  const std::filesystem::path csv_path = std::filesystem::path(options.out) / "sweep.csv";
  analysis::SweepRows existing = analysis::parse_sweep_csv(read_all(csv_path));
  std::vector<std::vector<analysis::RunMetrics>> results(grid.size());
  std::size_t reused = 0, ran = 0;
  auto render = [&](std::size_t configurations_done) {
    std::string text = analysis::kSweepCsvHeader;
    for (std::size_t c = 0; c < grid.size(); ++c) {
      for (std::size_t k = 0; k < seeds.size(); ++k) {
        if (c < configurations_done) {
          text += analysis::render_sweep_rows(grid[c].label, k, config_seeds[c][k], results[c][k]);
        } else if (auto it = existing.pairs.find({grid[c].label, k});
                   it != existing.pairs.end() && it->second.seed == config_seeds[c][k]) {
          text += analysis::render_sweep_rows(grid[c].label, k, config_seeds[c][k], it->second.metrics);
        }
      }
    }
    return text;
  };
  for (std::size_t c = 0; c < grid.size(); ++c) {
    results[c].resize(seeds.size());
    std::vector<std::uint64_t> missing_seeds;
    std::vector<std::size_t> missing_index;
    for (std::size_t k = 0; k < seeds.size(); ++k) {
      auto it = existing.pairs.find({grid[c].label, k});
      if (it != existing.pairs.end() && it->second.seed == config_seeds[c][k]) {
        results[c][k] = it->second.metrics;
        ++reused;
      } else {
        missing_seeds.push_back(config_seeds[c][k]);
        missing_index.push_back(k);
      }
    }
    if (missing_seeds.empty()) continue;
    const ReplicationRuns runs = run_replications(specs[c], missing_seeds, thread_count);
    if (!runs.ok()) {
      std::fprintf(stderr, "ecsim: internal error: %s (configuration %s)\n", runs.error.c_str(), grid[c].label.c_str());
      return 1;
    }
    for (std::size_t j = 0; j < missing_index.size(); ++j) results[c][missing_index[j]] = runs.runs[j];
    ran += missing_seeds.size();
    // Checkpoint: every configuration up to c, plus what the earlier file had for later ones.
    const auto status = analysis::write_file_atomically(csv_path, render(c + 1));
    if (!status.ok()) {
      std::fprintf(stderr, "ecsim: cannot write %s: %s\n", csv_path.c_str(), status.message().c_str());
      return 1;
    }
  }
  // Final files (also when everything was reused, so a stale file is normalised).
  std::string summary = "configuration,metric,n,mean,ci95_low,ci95_high,stddev\n";
  std::string table;
  for (std::size_t c = 0; c < grid.size(); ++c) {
    const auto aggregates = analysis::aggregate_replications(results[c]);
    std::vector<analysis::MetricAggregate> selected;
    for (const auto& a : aggregates) {
      summary += analysis::csv_field(grid[c].label) + "," + analysis::csv_field(a.name) + "," +
                 std::to_string(a.ci.n) + "," + analysis::format_number(a.ci.mean) + "," +
                 analysis::format_number(a.ci.low()) + "," + analysis::format_number(a.ci.high()) + "," +
                 analysis::format_number(a.ci.stddev) + "\n";
      bool show = shown.empty() ? is_headline_metric(a.name) : false;
      for (const auto& s : shown) show = show || a.name == s;
      if (show) selected.push_back(a);
    }
    table += table_heading(grid[c].label, options.markdown);
    table += analysis::render_aggregate_table(selected, options.markdown);
  }
  for (const auto& [path, text] : {std::pair<std::filesystem::path, std::string>{csv_path, render(grid.size())},
                                   {std::filesystem::path(options.out) / "sweep_summary.csv", summary}}) {
    const auto status = analysis::write_file_atomically(path, text);
    if (!status.ok()) {
      std::fprintf(stderr, "ecsim: cannot write %s: %s\n", path.c_str(), status.message().c_str());
      return 1;
    }
  }
  if (!options.quiet) {
    std::cout << "seed " << base_seed << "\nscenario " << parsed.spec.name << "\nconfigurations " << grid.size()
              << " x replications " << seeds.size() << " (common random numbers; " << reused << " reused, " << ran
              << " run)\n";
    std::cout << table;
    std::cout << "outputs: " << options.out << "/{sweep.csv,sweep_summary.csv}\n";
  }
  return 0;
}

}  // namespace ecsim::app
