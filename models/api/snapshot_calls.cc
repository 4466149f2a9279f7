#include <algorithm>
#include <map>
#include <string>

#include "models/api/error_catalog.h"
#include "models/api/lifecycle_handlers.h"
#include "models/api/param_rules.h"
#include "sim/assert.h"

// Precedence of CreateSnapshot's checks (first failing check answers):
//
//   #  check                                                      error (HTTP)
//   -- --------------------------------------------------------- ----------------------------------------
//   1  DiskId given                                               MissingParameter (400)
//   2  SnapshotName: 2-128 characters, starts with a letter, not  InvalidSnapshotName.Malformed (400)
//      "auto" (reserved for automatic snapshots), no http(s)://
//   3  Description format                                         InvalidDescription.Malformed (404, as the
//                                                                 CreateSnapshot table has it)
//   4  ClientToken ASCII, <= 64                                   InvalidParameter (400)
//   5  ClientToken seen before: same parameters -> the first      IdempotentParameterMismatch (403)
//      answer; other parameters -> error
//   6  the disk exists (in RegionId when given)                   InvalidDiskId.NotFound (404)
//   7  InstantAccess=true only on an ESSD-family disk             DiskCategory.OperationNotSupported (400)
//   8  the attached instance: not locked for security             InstanceLockedForSecurity (403)
//   9  ... Running or Stopped                                     IncorrectInstanceStatus (400)
//   10 the disk has been attached                                 IncorrectDiskStatus.NeverAttached (403)
//   11 not transferring                                           IncorrectDiskStatus.Transferring (403)
//   12 status not Invalid                                         IncorrectDiskStatus.Invalid (403)
//   13 legacy disk: no snapshot in progress                       IncorrectDiskStatus.CreatingSnapshot (403)
//      ESSD: fewer in progress than the per-disk quota            QuotaExceed.ConcurrentSnapshotQuota (403)
//   14 snapshots in the region below the quota                    QuotaExceed.Snapshot (403)
//   15 unfinished snapshots below the quota                       TooManySnapshot.Unfinished (403)
//   16 DryRun                                                     DryRunOperation (400)
//
// Precedence of DeleteSnapshot's checks:
//
//   1  SnapshotId given                                           MissingParameter (400)
//   2  the snapshot exists and is live (in RegionId when given)   InvalidSnapshotId.NotFound (404)
//   3  no Available, Deprecated or UnAvailable image uses it      SnapshotCreatedImage (403; Force does not help)
//      (an image still Creating loses the snapshot and fails; a
//      CreateFailed image does not hold its snapshots)
//   4  no disk was created from it, unless Force=true             SnapshotCreatedDisk (403)
//   5  DryRun                                                     DryRunOperation (400)
//
// Apply: a progressing snapshot's job is cancelled ("deleting a snapshot that is being created
// cancels the creation task"); an image still waiting on it becomes CreateFailed (ImageBuilder).

namespace ecsim::models {
namespace {

bool valid_snapshot_name(std::string_view name) {
  if (name.starts_with("auto")) return false;
  return rules::valid_image_name(name);
}

std::map<std::string, std::string, std::less<>> idempotency_params(const ApiRequest& r) {
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& [k, v] : r.params) {
    if (k != "ClientToken" && k != "DryRun") out.emplace(k, v);
  }
  return out;
}

std::string percent(int p) { return std::to_string(p) + "%"; }

}  // namespace

ApiResult CreateSnapshotHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  const auto disk_id = request.get("DiskId");
  if (!disk_id) return make_error(ErrorRow::kMissingParameterDiskId);
  if (auto n = request.get("SnapshotName"); n && !valid_snapshot_name(*n)) return make_error(ErrorRow::kInvalidSnapshotNameMalformed);
  if (auto d = request.get("Description"); d && !rules::valid_description(*d))
    return make_error(ErrorRow::kInvalidDescriptionMalformedSnapshot);
  const auto token = request.get("ClientToken");
  if (token && !rules::valid_client_token(*token)) return make_error(ErrorRow::kInvalidParameterClientToken);
  const bool dry_run = request.flag("DryRun");
  std::string token_key;
  if (token && !dry_run) {
    token_key = "CreateSnapshot/" + std::string(*token);
    if (auto it = ctx.client_tokens.find(token_key); it != ctx.client_tokens.end()) {
      if (it->second.params == idempotency_params(request)) return it->second.response;
      return make_error(ErrorRow::kIdempotentParameterMismatch);
    }
  }

  const std::string region_id = request.region_id();
  const auto d = world.find_disk(*disk_id);
  if (!d || (!region_id.empty() && world.disk(*d).region_id != region_id)) return make_error(ErrorRow::kInvalidDiskIdNotFound);
  const Disk& disk = world.disk(*d);
  const bool instant_access = request.flag("InstantAccess");
  if (instant_access && !is_essd_family(disk.category))
    return make_error(ErrorRow::kDiskCategoryOperationNotSupported, {"InstantAccess requires an ESSD disk."});
  if (disk.instance != kNoIndex) {
    const Instance& inst = world.instance(disk.instance);
    if (inst.operation_locks.contains("security")) return make_error(ErrorRow::kInstanceLockedForSecuritySnapshot);
    if (inst.status != InstanceStatus::kRunning && inst.status != InstanceStatus::kStopped)
      return make_error(ErrorRow::kIncorrectInstanceStatusSnapshot);
  }
  if (disk.never_attached) return make_error(ErrorRow::kIncorrectDiskStatusNeverAttached);
  if (disk.transferring) return make_error(ErrorRow::kIncorrectDiskStatusTransferring);
  if (disk.status == DiskStatus::kInvalid) return make_error(ErrorRow::kIncorrectDiskStatusInvalid);
  Region* region = world.find_region(disk.region_id);
  ECSIM_ASSERT_MSG(region != nullptr, "a scenario disk is in a declared region");
  if (is_essd_family(disk.category)) {
    if (disk.snapshots_in_progress >= region->quota.concurrent_snapshots_per_disk)
      return make_error(ErrorRow::kQuotaExceedConcurrentSnapshotQuota,
                        {disk.disk_id, std::to_string(region->quota.concurrent_snapshots_per_disk)});
  } else if (disk.snapshots_in_progress > 0) {
    return make_error(ErrorRow::kIncorrectDiskStatusCreatingSnapshot);
  }
  if (region->snapshots_count >= region->quota.snapshots) return make_error(ErrorRow::kQuotaExceedSnapshot);
  if (region->snapshots_unfinished >= region->quota.unfinished_snapshots) return make_error(ErrorRow::kTooManySnapshotUnfinished);
  if (dry_run) return make_error(ErrorRow::kDryRunOperation);

  const sim::SimTime now = ctx.scheduler.now();
  const sim::CalendarTime calendar_now = world.calendar(now);
  Snapshot s = ctx.snapshots.new_snapshot_of(disk, *d, calendar_now);
  s.instant_access = instant_access;
  const std::string snapshot_id = s.snapshot_id.str();
  const SnapshotIndex idx = world.add_snapshot(std::move(s));
  ctx.snapshots.start(idx);

  ApiResponse response;
  response.fields.emplace_back("SnapshotId", snapshot_id);
  response.tracked = TrackedResource{ResourceKind::kSnapshot, idx};
  if (!token_key.empty()) ctx.client_tokens.emplace(token_key, IdempotentRecord{idempotency_params(request), response});
  return response;
}

ApiResult DeleteSnapshotHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  const auto snapshot_id = request.get("SnapshotId");
  if (!snapshot_id) return make_error(ErrorRow::kMissingParameterSnapshotId);
  const std::string region_id = request.region_id();
  const auto idx = world.find_snapshot(*snapshot_id);
  if (!idx || (!region_id.empty() && world.snapshot(*idx).region_id != region_id))
    return make_error(ErrorRow::kInvalidSnapshotIdNotFound);
  for (const ImageIndex user : world.images_using(*idx)) {
    const ImageStatus st = world.image(user).status;
    if (st == ImageStatus::kAvailable || st == ImageStatus::kDeprecated || st == ImageStatus::kUnAvailable)
      return make_error(ErrorRow::kSnapshotCreatedImage);
  }
  if (world.snapshot(*idx).disks_created > 0 && !request.flag("Force")) return make_error(ErrorRow::kSnapshotCreatedDisk);
  if (request.flag("DryRun")) return make_error(ErrorRow::kDryRunOperation);

  const sim::SimTime now = ctx.scheduler.now();
  if (world.snapshot(*idx).status == SnapshotStatus::kProgressing) ctx.snapshots.cancel(*idx);
  world.set_snapshot_status(*idx, SnapshotStatus::kDeleted, now);
  ctx.bus.publish({now, LifecycleEvent::Kind::kSnapshotDeleted, *idx});
  ApiResponse response;
  response.tracked = TrackedResource{ResourceKind::kSnapshot, *idx};
  return response;
}

ApiResult DescribeSnapshotsHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  const World& world = ctx.world;
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  if (ctx.world.find_region(region_id) == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  // SnapshotIds: a JSON array ["s-1","s-2"] or a comma-separated list.
  std::vector<std::string> wanted;
  if (auto ids = request.get("SnapshotIds")) {
    std::string cur;
    for (char c : *ids) {
      if (c == '[' || c == ']' || c == '"' || c == ' ') continue;
      if (c == ',') {
        if (!cur.empty()) wanted.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) wanted.push_back(cur);
  }
  const auto disk_id = request.get("DiskId");
  const std::string status = std::string(request.get("Status").value_or("all"));
  ApiResponse response;
  int n = 0;
  for (std::size_t i = 0; i < world.snapshots().size(); ++i) {
    const Snapshot& s = world.snapshots()[i];
    if (s.status == SnapshotStatus::kDeleted || s.region_id != region_id) continue;
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), s.snapshot_id) == wanted.end()) continue;
    if (disk_id && s.source_disk_id != *disk_id) continue;
    if (status != "all" && to_string(s.status) != status) continue;
    ++n;
    const std::string prefix = "Snapshots." + std::to_string(n) + ".";
    response.fields.emplace_back(prefix + "SnapshotId", s.snapshot_id);
    response.fields.emplace_back(prefix + "Status", std::string(to_string(s.status)));
    response.fields.emplace_back(prefix + "Progress", percent(ctx.snapshots.progress_percent(static_cast<SnapshotIndex>(i))));
  }
  response.fields.emplace(response.fields.begin(), "TotalCount", std::to_string(n));
  return response;
}

}  // namespace ecsim::models
