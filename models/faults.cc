#include "models/faults.h"

namespace ecsim::models {
namespace {
bool in_window(sim::SimTime now, sim::SimTime from, sim::SimTime until) { return now >= from && now < until; }
}  // namespace

std::optional<sim::Error> FaultPlan::api_error(const std::string& action, const std::string& region_id,
                                               sim::SimTime now, sim::RngStreams& rngs) const {
  for (const ApiFault& f : api) {
    if (!f.action.empty() && f.action != action) continue;
    if (!f.region_id.empty() && f.region_id != region_id) continue;
    if (!in_window(now, f.from, f.until)) continue;
    if (rngs.stream(f.stream).chance(f.probability)) return f.error;
  }
  return std::nullopt;
}

std::optional<double> FaultPlan::snapshot_failure(const std::string& region_id, sim::SimTime now,
                                                  sim::RngStreams& rngs) const {
  for (const SnapshotFault& f : snapshot_failures) {
    if (!f.region_id.empty() && f.region_id != region_id) continue;
    if (!in_window(now, f.from, f.until)) continue;
    sim::Rng& rng = rngs.stream(f.stream);
    if (rng.chance(f.probability)) return rng.uniform(0.05, 0.95);
  }
  return std::nullopt;
}

double FaultPlan::snapshot_capacity_factor(const std::string& region_id, sim::SimTime now) const {
  double factor = 1.0;
  for (const SnapshotSlowdown& s : snapshot_slowdowns) {
    if ((s.region_id.empty() || s.region_id == region_id) && in_window(now, s.from, s.until)) factor *= s.factor;
  }
  return factor;
}

}  // namespace ecsim::models
