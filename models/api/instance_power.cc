#include <string>
#include <vector>

#include "models/api/error_catalog.h"
#include "models/api/lifecycle_handlers.h"
#include "sim/assert.h"

// Precedence of StopInstances' and StartInstances' checks (first failing check answers):
//
//   #  check                                                      error (HTTP)
//   -- --------------------------------------------------------- ----------------------------------------
//   1  RegionId given                                             MissingParameter (400)
//   2  InstanceId.N (or InstanceId) given                         MissingParameter (400)
//   3  region exists                                              InvalidRegionId.NotFound (404)
//   4  each instance exists in the region, in order               InvalidInstanceId.NotFound (404)
//   5  each instance not locked for security                      InstanceLockedForSecurity (400)
//   6  each instance Running (stop) / Stopped (start)             IncorrectInstanceStatus (403)
//   7  DryRun                                                     DryRunOperation (400)
//
// The batch is all or nothing here (the real API answers per instance in InstanceResponses; a
// scenario that wants one answer per instance makes one call per instance). Apply: each instance
// goes to Stopping / Starting at once and to Stopped / Running after models.instance.stop /
// .start (InstanceService).

namespace ecsim::models {
namespace {

std::vector<std::string> instance_ids(const ApiRequest& r) {
  std::vector<std::string> ids;
  if (auto v = r.get("InstanceId")) ids.emplace_back(*v);
  for (int n = 1; n <= 100; ++n) {
    if (auto v = r.get("InstanceId." + std::to_string(n))) ids.emplace_back(*v);
  }
  return ids;
}

ApiResult power(const ApiRequest& request, ApiContext& ctx, bool stop) {
  World& world = ctx.world;
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const std::vector<std::string> ids = instance_ids(request);
  if (ids.empty()) return make_error(ErrorRow::kMissingParameterInstanceId);
  if (world.find_region(region_id) == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  std::vector<InstanceIndex> found;
  for (const std::string& id : ids) {
    auto i = world.find_instance(id);
    if (!i || world.instance(*i).region_id != region_id) return make_error(ErrorRow::kInvalidInstanceIdNotFound, {id});
    found.push_back(*i);
  }
  for (InstanceIndex i : found) {
    if (world.instance(i).operation_locks.contains("security")) return make_error(ErrorRow::kInstanceLockedForSecurity);
  }
  const InstanceStatus need = stop ? InstanceStatus::kRunning : InstanceStatus::kStopped;
  for (InstanceIndex i : found) {
    if (world.instance(i).status != need) return make_error(ErrorRow::kIncorrectInstanceStatusStartStop);
  }
  if (request.flag("DryRun")) return make_error(ErrorRow::kDryRunOperation);
  ECSIM_ASSERT_MSG(ctx.instances != nullptr, "the Simulation wires an InstanceService");
  ApiResponse response;
  int n = 0;
  for (InstanceIndex i : found) {
    const std::string prev(to_string(world.instance(i).status));
    if (stop) ctx.instances->stop(i);
    else ctx.instances->start(i);
    const std::string prefix = "InstanceResponses." + std::to_string(++n) + ".";
    response.fields.emplace_back(prefix + "InstanceId", world.instance(i).instance_id);
    response.fields.emplace_back(prefix + "PreviousStatus", prev);
    response.fields.emplace_back(prefix + "CurrentStatus", std::string(to_string(world.instance(i).status)));
  }
  return response;
}

}  // namespace

ApiResult StopInstancesHandler::handle(const ApiRequest& request, ApiContext& ctx) { return power(request, ctx, true); }
ApiResult StartInstancesHandler::handle(const ApiRequest& request, ApiContext& ctx) { return power(request, ctx, false); }

}  // namespace ecsim::models
