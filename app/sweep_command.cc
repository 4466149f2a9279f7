// ecsim sweep SCENARIO --set PATH=V1,V2 [--set ...] --replications K [--threads T] [--seed N]
//                      [--out DIR] [--md] [--quiet]
//
// Runs every configuration of the grid (analysis/sweep.h) K times with common random numbers:
// replication k uses the same seed in every configuration (analysis/replication_stats.h), so
// differences between configurations are not masked by different workload and fault draws.
// Writes DIR/sweep.csv (tidy, resumable) and DIR/sweep_summary.csv, and prints a table.

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "analysis/atomic_file.h"
#include "analysis/replication_stats.h"
#include "analysis/sweep.h"
#include "app/commands.h"
#include "app/replications.h"
#include "models/scenario/scenario_parser.h"

namespace ecsim::app {
namespace {

std::optional<std::uint64_t> parse_u64(const std::string& s) {
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

int bad(const std::string& message) {
  std::fprintf(stderr, "ecsim: %s\n", message.c_str());
  return 2;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Metrics shown in the terminal table by default: the headline numbers of a capacity question.
bool headline(const std::string& name) {
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (name.rfind("action.", 0) == 0) return ends(".ok") || ends(".error") || ends(".to_status_s.mean") || ends(".to_status_s.p90");
  if (name.rfind("error.", 0) == 0) return true;
  if (name.rfind("region.", 0) == 0) return ends("unfinished_quota_utilisation.time_avg");
  return name == "snapshot.total_s.mean";
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  std::vector<analysis::Override> overrides;
  std::vector<std::string> shown;
  std::optional<std::uint64_t> seed, replications, threads;
  std::string out = "ecsim-sweep";
  bool markdown = false, quiet = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool takes_value =
        a == "--seed" || a == "--replications" || a == "--threads" || a == "--out" || a == "--set" || a == "--metric";
    if (takes_value && i + 1 >= args.size()) return bad(a + " needs a value");
    if (a == "--out") {
      out = args[++i];
    } else if (a == "--metric") {
      shown.push_back(args[++i]);
    } else if (a == "--set") {
      std::string error;
      auto o = analysis::parse_set_argument(args[++i], error);
      if (!o) return bad(error);
      overrides.push_back(std::move(*o));
    } else if (a == "--seed" || a == "--replications" || a == "--threads") {
      auto v = parse_u64(args[++i]);
      if (!v) return bad(a + " needs a non-negative integer, got '" + args[i] + "'");
      (a == "--seed" ? seed : a == "--replications" ? replications : threads) = v;
    } else if (a == "--md") {
      markdown = true;
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return bad("unknown option '" + a + "' for sweep");
    } else {
      files.push_back(a);
    }
  }
  if (files.size() != 1) return bad("sweep takes exactly one scenario");
  if (overrides.empty()) return bad("sweep needs at least one --set PATH=V1,V2,...");
  const std::uint64_t k_count = replications.value_or(1);
  if (k_count < 1 || k_count > 100000) return bad("--replications needs 1..100000");
  if (threads && (*threads < 1 || *threads > 1024)) return bad("--threads needs 1..1024");
  models::ParsedScenario parsed = models::parse_scenario_file(files.front());
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
      if (!error.empty()) return bad("--set " + path + "=" + value + ": " + error);
    }
    specs.push_back(std::move(spec));
  }
  const std::uint64_t base_seed = seed.value_or(parsed.spec.seed);
  const auto seeds = analysis::replication_seeds(base_seed, static_cast<std::size_t>(k_count));
  // A configuration that sets `seed` gets its own replication seeds (derived from that seed).
  std::vector<std::vector<std::uint64_t>> config_seeds;
  for (std::size_t c = 0; c < grid.size(); ++c) {
    bool sets_seed = false;
    for (const auto& [path, value] : grid[c].assignments) sets_seed = sets_seed || path == "seed";
    config_seeds.push_back(sets_seed ? analysis::replication_seeds(specs[c].seed, seeds.size()) : seeds);
  }
  const unsigned thread_count = threads ? static_cast<unsigned>(*threads) : default_thread_count();

  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  const std::filesystem::path csv_path = std::filesystem::path(out) / "sweep.csv";
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
      bool show = shown.empty() ? headline(a.name) : false;
      for (const auto& s : shown) show = show || a.name == s;
      if (show) selected.push_back(a);
    }
    table += (markdown ? "\n### " : "\n== ") + grid[c].label + (markdown ? "\n\n" : "\n");
    table += analysis::render_aggregate_table(selected, markdown);
  }
  for (const auto& [path, text] : {std::pair<std::filesystem::path, std::string>{csv_path, render(grid.size())},
                                   {std::filesystem::path(out) / "sweep_summary.csv", summary}}) {
    const auto status = analysis::write_file_atomically(path, text);
    if (!status.ok()) {
      std::fprintf(stderr, "ecsim: cannot write %s: %s\n", path.c_str(), status.message().c_str());
      return 1;
    }
  }
  if (!quiet) {
    std::cout << "seed " << base_seed << "\nscenario " << parsed.spec.name << "\nconfigurations " << grid.size()
              << " x replications " << seeds.size() << " (common random numbers; " << reused << " reused, " << ran
              << " run)\n";
    std::cout << table;
    std::cout << "outputs: " << out << "/{sweep.csv,sweep_summary.csv}\n";
  }
  return 0;
}

}  // namespace ecsim::app
