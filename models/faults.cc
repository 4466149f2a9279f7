#include "models/faults.h"

namespace ecsim::models {
namespace {
bool in_window(sim::SimTime now, sim::SimTime from, sim::SimTime until) { return now >= from && now < until; }
}  // namespace

const ApiFault* FaultPlan::api_fault(const std::string& action, const std::string& region_id, sim::SimTime now,
                                     sim::RngStreams& rngs) const {
  const ApiFault* fired = nullptr;
  for (const ApiFault& f : api) {
    if (!f.action.empty() && f.action != action) continue;
    if (!f.region_id.empty() && f.region_id != region_id) continue;
    if (!in_window(now, f.from, f.until)) continue;
    // Every applicable fault draws, even after an earlier one fired, so that each fault's stream
    // advances the same way whatever the others do (common random numbers).
    if (rngs.stream(f.stream).chance(f.probability) && fired == nullptr) fired = &f;
  }
  return fired;
}

std::optional<sim::Error> FaultPlan::api_error(const std::string& action, const std::string& region_id,
                                               sim::SimTime now, sim::RngStreams& rngs) const {
  if (const ApiFault* f = api_fault(action, region_id, now, rngs)) return f->error;
  return std::nullopt;
}

std::optional<double> FaultPlan::snapshot_failure(const std::string& region_id, sim::SimTime now,
                                                  sim::RngStreams& rngs) const {
  std::optional<double> failed;
  for (const SnapshotFault& f : snapshot_failures) {
    if (!f.region_id.empty() && f.region_id != region_id) continue;
    if (!in_window(now, f.from, f.until)) continue;
    sim::Rng& rng = rngs.stream(f.stream);
    // As for API faults: every applicable fault draws, the first that fires decides.
    if (rng.chance(f.probability)) {
      const double fraction = rng.uniform(0.05, 0.95);
      if (!failed) failed = fraction;
    }
  }
  return failed;
}

double FaultPlan::snapshot_capacity_factor(const std::string& region_id, sim::SimTime now) const {
  double factor = 1.0;
  for (const SnapshotSlowdown& s : snapshot_slowdowns) {
    if ((s.region_id.empty() || s.region_id == region_id) && in_window(now, s.from, s.until)) factor *= s.factor;
  }
  return factor;
}

double link_capacity_factor(const std::vector<LinkSlowdown>& slowdowns, const std::string& a, const std::string& b,
                            sim::SimTime now) {
  double factor = 1.0;
  for (const LinkSlowdown& s : slowdowns) {
    if (s.joins(a, b) && in_window(now, s.from, s.until)) factor *= s.factor;
  }
  return factor;
}

}  // namespace ecsim::models
