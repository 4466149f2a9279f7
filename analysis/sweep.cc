#include "analysis/sweep.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "analysis/replication_stats.h"
#include "models/disk.h"
#include "models/scenario/scenario_parser.h"
#include "sim/time.h"

namespace ecsim::analysis {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == separator) parts.emplace_back();
    else parts.back() += c;
  }
  return parts;
}

std::optional<std::int64_t> parse_int(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::uint64_t> parse_uint(const std::string& s) {
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_real(const std::string& s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string set_duration(sim::SimDuration& field, const std::string& value) {
  auto d = sim::parse_duration(value);
  if (!d || d->ticks() < 0) return "invalid duration '" + value + "' (expected e.g. 30s, 1.5m)";
  field = *d;
  return {};
}

std::string set_throughput(std::int64_t& field, const std::string& value) {
  auto t = models::parse_throughput_bytes_per_s(value);
  if (!t || *t <= 0) return "invalid throughput '" + value + "' (expected e.g. 300MiB/s)";
  field = *t;
  return {};
}

std::string set_real(double& field, const std::string& value, double lo, double hi) {
  auto v = parse_real(value);
  if (!v || *v < lo || *v > hi) return "invalid number '" + value + "'";
  field = *v;
  return {};
}

std::string set_count(std::int64_t& field, const std::string& value) {
  auto v = parse_int(value);
  if (!v || *v < 0) return "invalid count '" + value + "' (expected a non-negative integer)";
  field = *v;
  return {};
}

}  // namespace

std::optional<Override> parse_set_argument(const std::string& text, std::string& error) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    error = "--set needs PATH=V1[,V2...], got '" + text + "'";
    return std::nullopt;
  }
  Override o;
  o.path = text.substr(0, eq);
  o.values = split(text.substr(eq + 1), ',');
  for (const std::string& v : o.values) {
    if (v.empty()) {
      error = "--set " + o.path + " has an empty value";
      return std::nullopt;
    }
  }
  return o;
}

std::string apply_override(models::ScenarioSpec& spec, const std::string& path, const std::string& value) {
  const std::vector<std::string> p = split(path, '.');
  if (p.size() == 1 && p[0] == "seed") {
    auto v = parse_uint(value);
    if (!v) return "invalid seed '" + value + "'";
    spec.seed = *v;
    return {};
  }
  if (p.size() >= 3 && p[0] == "regions") {
    auto it = spec.regions.find(p[1]);
    if (it == spec.regions.end()) return "region '" + p[1] + "' is not declared by the scenario";
    models::Region& r = it->second;
    if (p.size() == 3 && p[2] == "snapshot_capacity") return set_throughput(r.snapshot_capacity_bytes_per_s, value);
    if (p.size() == 4 && p[2] == "quota") {
      models::RegionQuota& q = r.quota;
      const std::pair<const char*, std::int64_t*> keys[] = {
          {"images", &q.images},
          {"image_families", &q.image_families},
          {"images_per_family", &q.images_per_family},
          {"snapshots", &q.snapshots},
          {"unfinished_snapshots", &q.unfinished_snapshots},
          {"concurrent_snapshots_per_disk", &q.concurrent_snapshots_per_disk}};
      for (const auto& [key, field] : keys) {
        if (p[3] == key) return set_count(*field, value);
      }
      return "unknown quota '" + p[3] + "'";
    }
  }
  if (p.size() >= 3 && p[0] == "models") {
    models::ModelParams& m = spec.params;
    if (p[1] == "snapshot") {
      if (p.size() == 5 && p[2] == "categories") {
        auto category = models::parse_disk_category(p[3]);
        if (!category) return "unknown disk category '" + p[3] + "'";
        models::CategorySnapshotTiming& t = m.snapshot.timing(*category);
        if (p[4] == "setup") return set_duration(t.setup, value);
        if (p[4] == "throughput") return set_throughput(t.throughput_bytes_per_s, value);
      }
      if (p.size() == 3 && p[2] == "noise_cv") return set_real(m.snapshot.noise_cv, value, 0, 5);
      if (p.size() == 3 && p[2] == "change_rate_per_day") return set_real(m.snapshot.change_rate_per_day, value, 0, 1e9);
    }
    if (p[1] == "image" && p.size() == 3) {
      if (p[2] == "registration") return set_duration(m.image.registration, value);
      if (p[2] == "check") return set_duration(m.image.check, value);
      if (p[2] == "noise_cv") return set_real(m.image.noise_cv, value, 0, 5);
    }
    if (p[1] == "api" && p.size() == 3) {
      if (p[2] == "latency") return set_duration(m.api.latency, value);
      if (p[2] == "latency_cv") return set_real(m.api.latency_cv, value, 0, 5);
    }
  }
  return "unsupported path '" + path + "' (see docs/analysis.md for the paths --set accepts)";
}

std::vector<Configuration> expand_grid(const std::vector<Override>& overrides) {
  std::vector<Configuration> grid(1);
  for (const Override& o : overrides) {
    std::vector<Configuration> next;
    next.reserve(grid.size() * o.values.size());
    for (const Configuration& c : grid) {
      for (const std::string& v : o.values) {
        Configuration n = c;
        n.assignments.emplace_back(o.path, v);
        n.label += (n.label.empty() ? "" : ";") + o.path + "=" + v;
        next.push_back(std::move(n));
      }
    }
    grid = std::move(next);
  }
  return grid;
}

std::string render_sweep_rows(const std::string& configuration, std::size_t replication, std::uint64_t seed,
                              const RunMetrics& metrics) {
  std::string out;
  const std::string prefix =
      csv_field(configuration) + "," + std::to_string(replication) + "," + std::to_string(seed) + ",";
  for (const Metric& m : metrics) out += prefix + csv_field(m.name) + "," + format_number(m.value) + "\n";
  return out;
}

MetricKind kind_of_metric(const std::string& name) {
  if (name.rfind("error.", 0) == 0) return MetricKind::kCount;
  for (std::string_view suffix : {".count", ".calls", ".ok", ".error", ".skipped", ".started", ".accomplished",
                                  ".failed", ".copy_queued"}) {
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return MetricKind::kCount;
    }
  }
  return MetricKind::kValue;
}

SweepRows parse_sweep_csv(const std::string& text) {
  SweepRows rows;
  std::size_t start = 0;
  bool header = true;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // no trailing newline: not a complete row
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (header) {
      header = false;
      continue;
    }
    const auto f = split_csv_line(line);
    if (f.size() != 5) continue;
    auto replication = parse_uint(f[1]);
    auto seed = parse_uint(f[2]);
    std::optional<double> value;
    if (f[4] == "nan") value = std::nan("");
    else if (f[4] == "inf") value = HUGE_VAL;
    else if (f[4] == "-inf") value = -HUGE_VAL;
    else {
      double v = 0;
      auto [p, ec] = std::from_chars(f[4].data(), f[4].data() + f[4].size(), v);
      if (ec == std::errc{} && p == f[4].data() + f[4].size()) value = v;
    }
    if (!replication || !seed || !value) continue;
    auto& pair = rows.pairs[{f[0], static_cast<std::size_t>(*replication)}];
    pair.seed = *seed;
    pair.metrics.push_back(Metric{f[3], *value, kind_of_metric(f[3])});
  }
  return rows;
}

}  // namespace ecsim::analysis
