// ecsim report DIR [--md] [--all]
//
// Prints what a run, a replicated run or a sweep wrote into DIR, as aligned terminal tables or,
// with --md, markdown tables. It looks, in this order, for:
//   DIR/sweep_summary.csv         (ecsim sweep): one table per configuration
//   DIR/replications_summary.csv  (ecsim run --replications): metric, n, mean, 95% CI
//   DIR/summary.json              (ecsim run): calls, latency distributions, errors, and, when
//                                 present, utilisation.csv and throughput.csv summarised per
//                                 region and resource (time average and peak; totals)
// Without --all, the sweep tables show the headline metrics only (as the sweep prints them).

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "analysis/replication_stats.h"
#include "app/commands.h"
#include "app/table.h"

namespace ecsim::app {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    if (!line.empty()) rows.push_back(analysis::split_csv_line(line));
  }
  return rows;
}

std::string short_number(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(v)) return text;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

// metric,n,mean,ci95_low,ci95_high,stddev -> metric | n | mean | 95% CI
std::vector<std::string> aggregate_row(const std::vector<std::string>& f, std::size_t first) {
  const std::string ci = f[first + 1] == "1" ? "-" : "[" + short_number(f[first + 3]) + ", " + short_number(f[first + 4]) + "]";
  return {f[first], f[first + 1], short_number(f[first + 2]), ci};
}

std::string seconds_cell(const nlohmann::json& v) { return v.is_number() ? short_number(v.dump()) : "-"; }

int report_run(const std::filesystem::path& file, bool markdown) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_all(file));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: error: not a summary.json (%s)\n", file.c_str(), e.what());
    return 2;
  }
  std::cout << "scenario " << j.value("scenario", "") << ", seed " << j.value("seed", 0ULL) << ", end time "
            << seconds_cell(j.value("end_time", nlohmann::json())) << " s\n\n";
  Table calls = {{"Action", "ok", "error", "skipped", "total"}};
  if (j.contains("operations")) {
    for (const auto& [action, c] : j["operations"].items()) {
      calls.push_back({action, c.value("ok", nlohmann::json(0)).dump(), c.value("error", nlohmann::json(0)).dump(),
                       c.value("skipped", nlohmann::json(0)).dump(), c.value("total", nlohmann::json(0)).dump()});
    }
  }
  std::cout << render_table(calls, markdown) << "\n";
  Table latency = {{"Action", "measure", "count", "mean_s", "p50_s", "p90_s", "p99_s", "max_s"}};
  auto add = [&](const std::string& action, const std::string& measure, const nlohmann::json& d) {
    latency.push_back({action, measure, d.value("count", nlohmann::json(0)).dump(), seconds_cell(d.value("mean", nlohmann::json())),
                       seconds_cell(d.value("p50", nlohmann::json())), seconds_cell(d.value("p90", nlohmann::json())),
                       seconds_cell(d.value("p99", nlohmann::json())), seconds_cell(d.value("max", nlohmann::json()))});
  };
  if (j.contains("latency")) {
    for (const auto& [action, l] : j["latency"].items()) {
      for (const auto& [measure, d] : l.items()) {
        if (d.is_object() && d.contains("count")) add(action, measure, d);
      }
    }
  }
  if (j.contains("phases")) {
    for (const auto& [action, l] : j["phases"].items()) {
      for (const auto& [measure, d] : l.items()) {
        if (d.is_object() && d.contains("count")) add(action, "phase " + measure, d);
      }
    }
  }
  std::cout << render_table(latency, markdown);
  if (j.contains("errors") && !j["errors"].empty()) {
    Table errors = {{"Action", "code", "count"}};
    for (const auto& [action, codes] : j["errors"].items()) {
      for (const auto& [code, n] : codes.items()) errors.push_back({action, code, n.dump()});
    }
    std::cout << "\n" << render_table(errors, markdown);
  }
  return 0;
}

// utilisation.csv (docs/analysis.md): per (region, resource), the time-weighted mean over the run
// (from the rows' means and lengths) and the peak; throughput.csv: per (region, event), the total
// and the busiest interval. Nothing is printed for a file that is absent.
void report_series(const std::filesystem::path& dir, bool markdown) {
  if (std::filesystem::exists(dir / "utilisation.csv")) {
    struct Acc {
      std::string limit;
      double area = 0, length = 0, max = 0;
    };
    std::map<std::pair<std::string, std::string>, Acc> acc;
    for (const auto& f : csv_rows(read_all(dir / "utilisation.csv"))) {
      if (f.size() != 9) continue;
      const double length = std::strtod(f[1].c_str(), nullptr) - std::strtod(f[0].c_str(), nullptr);
      Acc& a = acc[{f[2], f[3]}];
      a.limit = f[4];
      a.area += std::strtod(f[5].c_str(), nullptr) * length;
      a.length += length;
      a.max = std::max(a.max, std::strtod(f[6].c_str(), nullptr));
    }
    Table t = {{"region", "resource", "limit", "time_avg", "max", "time_avg_fraction", "max_fraction"}};
    for (const auto& [key, a] : acc) {
      const double mean = a.length > 0 ? a.area / a.length : 0;
      const double limit = a.limit.empty() ? 0 : std::strtod(a.limit.c_str(), nullptr);
      auto fraction = [&](double v) { return limit > 0 ? short_number(std::to_string(v / limit)) : std::string("-"); };
      t.push_back({key.first, key.second, a.limit.empty() ? "-" : a.limit, short_number(std::to_string(mean)),
                   short_number(std::to_string(a.max)), fraction(mean), fraction(a.max)});
    }
    if (t.size() > 1) std::cout << "\n" << render_table(t, markdown);
  }
  if (std::filesystem::exists(dir / "throughput.csv")) {
    struct Acc {
      long long total = 0, peak = 0;
      std::string peak_at;
    };
    std::map<std::pair<std::string, std::string>, Acc> acc;
    for (const auto& f : csv_rows(read_all(dir / "throughput.csv"))) {
      if (f.size() != 5) continue;
      Acc& a = acc[{f[2], f[3]}];
      const long long n = std::strtoll(f[4].c_str(), nullptr, 10);
      a.total += n;
      if (n > a.peak) {
        a.peak = n;
        a.peak_at = short_number(std::to_string(std::strtod(f[0].c_str(), nullptr) / 1e6));
      }
    }
    Table t = {{"region", "completed", "total", "busiest_interval", "from_s"}};
    for (const auto& [key, a] : acc) {
      t.push_back({key.first, key.second, std::to_string(a.total), std::to_string(a.peak), a.peak_at.empty() ? "-" : a.peak_at});
    }
    if (t.size() > 1) std::cout << "\n" << render_table(t, markdown);
  }
}

}  // namespace

int report_command(const std::vector<std::string>& args) {
  std::vector<std::string> dirs;
  bool markdown = false, all = false;
  for (const std::string& a : args) {
    if (a == "--md") markdown = true;
    else if (a == "--all") all = true;
    else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "ecsim: unknown option '%s' for report\n", a.c_str());
      return 2;
    } else {
      dirs.push_back(a);
    }
  }
  if (dirs.size() != 1) {
    std::fprintf(stderr, "ecsim: report takes exactly one directory\n");
    return 2;
  }
  const std::filesystem::path dir = dirs.front();
  if (std::filesystem::exists(dir / "sweep_summary.csv")) {
    std::map<std::string, Table> by_configuration;
    std::vector<std::string> order;
    for (const auto& f : csv_rows(read_all(dir / "sweep_summary.csv"))) {
      if (f.size() != 7 || (!all && !is_headline_metric(f[1]))) continue;
      auto [it, inserted] = by_configuration.try_emplace(f[0], Table{{"metric", "n", "mean", "95% CI"}});
      if (inserted) order.push_back(f[0]);
      it->second.push_back(aggregate_row(f, 1));
    }
    for (const std::string& c : order) {
      std::cout << table_heading(c, markdown) << render_table(by_configuration[c], markdown);
    }
    return 0;
  }
  if (std::filesystem::exists(dir / "replications_summary.csv")) {
    Table t = {{"metric", "n", "mean", "95% CI"}};
    for (const auto& f : csv_rows(read_all(dir / "replications_summary.csv"))) {
      if (f.size() == 6) t.push_back(aggregate_row(f, 0));
    }
    std::cout << render_table(t, markdown);
    return 0;
  }
  if (std::filesystem::exists(dir / "summary.json")) {
    const int status = report_run(dir / "summary.json", markdown);
    if (status == 0) report_series(dir, markdown);
    return status;
  }
  std::fprintf(stderr, "ecsim: %s holds no sweep_summary.csv, replications_summary.csv or summary.json\n",
               dir.c_str());
  return 2;
}

}  // namespace ecsim::app
