#pragma once
// Injected faults, from the scenario's `faults:` list. Every decision is drawn from a stream named
// after the fault (faults/<n>/<kind>), so adding or changing one fault leaves the draws of every
// other fault and of the timing models unchanged (common random numbers).

#include <optional>
#include <string>
#include <vector>

#include "sim/error.h"
#include "sim/rng.h"
#include "sim/time.h"

namespace ecsim::models {

// An API call answered with an error code before it is processed: throttling, 5xx, outages.
struct ApiFault {
  std::string action;      // empty: every action
  std::string region_id;   // empty: every region
  sim::Error error;        // code and HTTP status from the catalogue
  sim::Ratio probability{1, 1};
  sim::SimTime from = sim::SimTime::zero();
  sim::SimTime until = sim::SimTime::max();
  std::string stream;      // the named stream the decision is drawn from
  // The request is carried out, then the client gets the error anyway (a lost response, a gateway
  // timeout): a retry without the same ClientToken creates a duplicate.
  bool processed = false;
};

// Snapshot jobs that fail part-way through their data.
struct SnapshotFault {
  std::string region_id;
  sim::Ratio probability{1, 1};
  sim::SimTime from = sim::SimTime::zero();
  sim::SimTime until = sim::SimTime::max();
  std::string stream;
};

// A slowdown of a region's snapshot service: capacity multiplied by `factor` during a window.
struct SnapshotSlowdown {
  std::string region_id;
  double factor = 1.0;
  sim::SimTime from = sim::SimTime::zero();
  sim::SimTime until = sim::SimTime::max();
};

// A security lock on an instance during a window (type: lock_instance): from `from` until `until`
// the instance's OperationLocks hold "security", and every call Alibaba refuses on a locked
// instance answers InstanceLockedForSecurity (CreateImage, Stop/StartInstances, CreateSnapshot).
struct InstanceLock {
  std::string instance_id;
  sim::SimTime from = sim::SimTime::zero();
  sim::SimTime until = sim::SimTime::max();
};

// A slowdown of the network link(s) between two regions (type: link_slowdown): the links'
// bandwidth is multiplied by `factor` during the window, for every copy crossing them.
struct LinkSlowdown {
  std::string a, b;  // the link's endpoints, either order
  double factor = 1.0;
  sim::SimTime from = sim::SimTime::zero();
  sim::SimTime until = sim::SimTime::max();

  bool joins(const std::string& x, const std::string& y) const { return (a == x && b == y) || (a == y && b == x); }
};

// The bandwidth factor of the link between regions a and b at `now`: the product of the factors
// of the slowdowns of that link active then (1 when none is).
double link_capacity_factor(const std::vector<LinkSlowdown>& slowdowns, const std::string& a, const std::string& b,
                            sim::SimTime now);

struct FaultPlan {
  std::vector<ApiFault> api;
  std::vector<SnapshotFault> snapshot_failures;
  std::vector<SnapshotSlowdown> snapshot_slowdowns;
  std::vector<InstanceLock> instance_locks;
  std::vector<LinkSlowdown> link_slowdowns;

  // The injected error for this call, if any fault fires: every fault that applies (action,
  // region, window) draws from its own stream, and the first in file order that fires wins.
  std::optional<sim::Error> api_error(const std::string& action, const std::string& region_id, sim::SimTime now,
                                      sim::RngStreams& rngs) const;
  // The first fault that fires for this call (same draws as api_error), or null.
  const ApiFault* api_fault(const std::string& action, const std::string& region_id, sim::SimTime now,
                            sim::RngStreams& rngs) const;
  // Whether a snapshot started now fails, and at what fraction of its data.
  std::optional<double> snapshot_failure(const std::string& region_id, sim::SimTime now, sim::RngStreams& rngs) const;
  // The capacity factor of the region's snapshot service at `now` (product of active slowdowns).
  double snapshot_capacity_factor(const std::string& region_id, sim::SimTime now) const;
};

}  // namespace ecsim::models
