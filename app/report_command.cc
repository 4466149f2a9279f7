// ecsim report DIR [--md] [--all]
//
// Prints what a run, a replicated run or a sweep wrote into DIR, as aligned terminal tables or,
// with --md, markdown tables. It looks, in this order, for:
//   DIR/sweep_summary.csv         (ecsim sweep): one table per configuration
//   DIR/replications_summary.csv  (ecsim run --replications): metric, n, mean, 95% CI
//   DIR/summary.json              (ecsim run): calls, latency distributions, errors
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

namespace ecsim::app {
namespace {

using Table = std::vector<std::vector<std::string>>;

std::string render(const Table& rows, bool markdown) {
  std::string out;
  if (rows.empty()) return out;
  const std::size_t cols = rows.front().size();
  if (markdown) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out += "|";
      for (const auto& cell : rows[i]) out += " " + cell + " |";
      out += "\n";
      if (i == 0) {
        out += "|";
        for (std::size_t c = 0; c < cols; ++c) out += c == 0 ? "---|" : "---:|";
        out += "\n";
      }
    }
    return out;
  }
  std::vector<std::size_t> width(cols, 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < cols && c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < cols && c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      line += c == 0 ? row[c] + pad : pad + row[c];
      if (c + 1 < cols) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

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

bool headline(const std::string& name) {
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (name.rfind("action.", 0) == 0) return ends(".ok") || ends(".error") || ends(".to_status_s.mean") || ends(".to_status_s.p90");
  if (name.rfind("error.", 0) == 0) return true;
  if (name.rfind("region.", 0) == 0) return ends("unfinished_quota_utilisation.time_avg");
  return name == "snapshot.total_s.mean";
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
  std::cout << render(calls, markdown) << "\n";
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
  std::cout << render(latency, markdown);
  if (j.contains("errors") && !j["errors"].empty()) {
    Table errors = {{"Action", "code", "count"}};
    for (const auto& [action, codes] : j["errors"].items()) {
      for (const auto& [code, n] : codes.items()) errors.push_back({action, code, n.dump()});
    }
    std::cout << "\n" << render(errors, markdown);
  }
  return 0;
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
      if (f.size() != 7 || (!all && !headline(f[1]))) continue;
      auto [it, inserted] = by_configuration.try_emplace(f[0], Table{{"metric", "n", "mean", "95% CI"}});
      if (inserted) order.push_back(f[0]);
      it->second.push_back(aggregate_row(f, 1));
    }
    for (const std::string& c : order) {
      std::cout << (markdown ? "\n### " : "\n== ") << c << (markdown ? "\n\n" : "\n") << render(by_configuration[c], markdown);
    }
    return 0;
  }
  if (std::filesystem::exists(dir / "replications_summary.csv")) {
    Table t = {{"metric", "n", "mean", "95% CI"}};
    for (const auto& f : csv_rows(read_all(dir / "replications_summary.csv"))) {
      if (f.size() == 6) t.push_back(aggregate_row(f, 0));
    }
    std::cout << render(t, markdown);
    return 0;
  }
  if (std::filesystem::exists(dir / "summary.json")) return report_run(dir / "summary.json", markdown);
  std::fprintf(stderr, "ecsim: %s holds no sweep_summary.csv, replications_summary.csv or summary.json\n",
               dir.c_str());
  return 2;
}

}  // namespace ecsim::app
