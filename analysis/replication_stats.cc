#include "analysis/replication_stats.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <utility>

#include "analysis/json_writer.h"
#include "sim/assert.h"
#include "sim/rng.h"

namespace ecsim::analysis {
namespace {

// t(0.975, df) for df = 1..30.
constexpr std::array<double, 30> kT975 = {
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};

// (df, t) beyond 30; df 0 stands for infinity.
constexpr std::array<std::pair<std::int64_t, double>, 5> kT975Tail = {
    {{30, 2.0423}, {40, 2.0211}, {60, 2.0003}, {120, 1.9799}, {0, 1.9600}}};

}  // namespace

std::vector<std::uint64_t> replication_seeds(std::uint64_t base_seed, std::size_t count) {
  std::vector<std::uint64_t> seeds;
  seeds.reserve(count);
  std::uint64_t state = base_seed;
  for (std::size_t k = 0; k < count; ++k) seeds.push_back(sim::splitmix64(state));
  return seeds;
}

double student_t_975(std::int64_t df) {
  ECSIM_ASSERT(df >= 1);
  if (df <= 30) return kT975[static_cast<std::size_t>(df - 1)];
  const double x = 1.0 / static_cast<double>(df);
  for (std::size_t i = 0; i + 1 < kT975Tail.size(); ++i) {
    const auto [df_a, t_a] = kT975Tail[i];
    const auto [df_b, t_b] = kT975Tail[i + 1];
    const double x_a = 1.0 / static_cast<double>(df_a);
    const double x_b = df_b == 0 ? 0.0 : 1.0 / static_cast<double>(df_b);
    if (x <= x_a && x >= x_b) return t_b + (t_a - t_b) * (x - x_b) / (x_a - x_b);
  }
  return kT975Tail.back().second;
}

MeanCi mean_ci95(const std::vector<double>& values) {
  ECSIM_ASSERT(!values.empty());
  MeanCi ci;
  ci.n = values.size();
  double sum = 0;
  for (double v : values) sum += v;
  ci.mean = sum / static_cast<double>(ci.n);
  if (ci.n < 2) {
    ci.half_width = std::numeric_limits<double>::infinity();
    return ci;
  }
  double squares = 0;
  for (double v : values) squares += (v - ci.mean) * (v - ci.mean);
  ci.stddev = std::sqrt(squares / static_cast<double>(ci.n - 1));
  ci.half_width =
      student_t_975(static_cast<std::int64_t>(ci.n) - 1) * ci.stddev / std::sqrt(static_cast<double>(ci.n));
  return ci;
}

std::vector<MetricAggregate> aggregate_replications(const std::vector<RunMetrics>& runs) {
  std::vector<std::pair<std::string, MetricKind>> order;
  std::map<std::string, std::size_t, std::less<>> position;
  for (const RunMetrics& run : runs) {
    for (const Metric& m : run) {
      if (position.emplace(m.name, order.size()).second) order.emplace_back(m.name, m.kind);
    }
  }
  std::vector<std::vector<double>> values(order.size());
  std::vector<std::vector<bool>> seen(order.size(), std::vector<bool>(runs.size(), false));
  for (std::size_t r = 0; r < runs.size(); ++r) {
    for (const Metric& m : runs[r]) {
      const std::size_t i = position.find(m.name)->second;
      if (seen[i][r]) continue;  // a repeated name keeps its first value
      seen[i][r] = true;
      values[i].push_back(m.value);
    }
  }
  std::vector<MetricAggregate> out;
  out.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i].second == MetricKind::kCount) {
      // Missing counts are zeros; rebuild in replication order.
      std::vector<double> full;
      full.reserve(runs.size());
      std::size_t next = 0;
      for (std::size_t r = 0; r < runs.size(); ++r) full.push_back(seen[i][r] ? values[i][next++] : 0.0);
      values[i] = std::move(full);
    }
    out.push_back(MetricAggregate{order[i].first, order[i].second, mean_ci95(values[i])});
  }
  return out;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string out;
  append_json_number(out, value);
  return out;
}

std::string csv_field(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

std::string render_replications_csv(const std::vector<std::uint64_t>& seeds, const std::vector<RunMetrics>& runs) {
  ECSIM_ASSERT(seeds.size() == runs.size());
  std::string out = "replication,seed,metric,value\n";
  for (std::size_t r = 0; r < runs.size(); ++r) {
    for (const Metric& m : runs[r]) {
      out += std::to_string(r) + "," + std::to_string(seeds[r]) + "," + csv_field(m.name) + "," +
             format_number(m.value) + "\n";
    }
  }
  return out;
}

std::string render_aggregate_csv(const std::vector<MetricAggregate>& aggregates) {
  std::string out = "metric,n,mean,ci95_low,ci95_high,stddev\n";
  for (const MetricAggregate& a : aggregates) {
    out += csv_field(a.name) + "," + std::to_string(a.ci.n) + "," + format_number(a.ci.mean) + "," +
           format_number(a.ci.low()) + "," + format_number(a.ci.high()) + "," + format_number(a.ci.stddev) + "\n";
  }
  return out;
}

namespace {

// Six significant digits, for people.
std::string short_number(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

}  // namespace

std::string render_aggregate_table(const std::vector<MetricAggregate>& aggregates, bool markdown) {
  std::vector<std::array<std::string, 4>> rows;
  rows.push_back({"metric", "n", "mean", "95% CI"});
  for (const MetricAggregate& a : aggregates) {
    if (a.kind == MetricKind::kCount && a.ci.mean == 0 && a.ci.stddev == 0) continue;
    const std::string ci = a.ci.n < 2 ? "-" : "[" + short_number(a.ci.low()) + ", " + short_number(a.ci.high()) + "]";
    rows.push_back({a.name, std::to_string(a.ci.n), short_number(a.ci.mean), ci});
  }
  std::string out;
  if (markdown) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out += "| " + rows[i][0] + " | " + rows[i][1] + " | " + rows[i][2] + " | " + rows[i][3] + " |\n";
      if (i == 0) out += "|---|---:|---:|---|\n";
    }
    return out;
  }
  std::array<std::size_t, 4> width{};
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < 4; ++c) width[c] = std::max(width[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < 4; ++c) {
      const std::string& cell = row[c];
      const std::string pad(width[c] - cell.size(), ' ');
      // Names left-aligned, numbers right-aligned.
      line += (c == 0 || c == 3) ? cell + pad : pad + cell;
      if (c + 1 < 4) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace ecsim::analysis
