#include "models/api/create_image.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "models/api/error_catalog.h"
#include "models/api/param_rules.h"
#include "models/size.h"
#include "sim/assert.h"

// Precedence of CreateImage's checks: the first failing check answers the request.
//
//   #  check                                                          error (HTTP)
//   -- ------------------------------------------------------------- ------------------------------------------------
//   Parameters (the request alone)
//   1  RegionId given                                                 MissingParameter (400)
//   2  ImageName format                                               InvalidImageName.Malformed (400)
//   3  Description format                                             InvalidDescription.Malformed (400)
//   4  ImageFamily format                                             InvalidImageFamily.Malformed (400)
//   5  ImageVersion format                                            InvalidImageVersion.Malformed (400)
//   6  Platform value                                                 InvalidPlatform.Malformed (400)
//   7  Architecture value                                             InvalidArchitecture.Malformed (400)
//   8  BootMode value                                                 InvalidBootMode.Malformed (400)
//   9  BootMode supported by the architecture                         InvalidBootMode.NotSupport (400)
//   10 DetectionStrategy value                                        InvalidDetectionStrategy.Malformed (400)
//   11 Features.ImdsSupport value                                     InvalidParameter.FeaturesImdsSupport (400)
//   12 at most 20 tags                                                QuotaExceed.Tags (403)
//   13 each Tag.N.Key, then each Tag.N.Value                          InvalidTagKey.Malformed / InvalidTagValue.Malformed (400)
//   14 no repeated tag key                                            Duplicate.TagKey (400)
//   15 ClientToken ASCII, <= 64                                       InvalidParameter (400)
//   16 one of InstanceId, DiskDeviceMapping, SnapshotId               MissingParameter (400)
//   DiskDeviceMapping (when it is the mode)
//   17 no entry with every field empty                                InvalidParameter.AllEmpty (400)
//   18 DiskType is system or data                                     InvalidDiskType.ValueNotSupported (400)
//   19 Device is /dev/xvda (system) or /dev/xvdb../dev/xvdz (data)    InvalidDevice.Malformed (400)
//   20 no Device repeated                                             InvalidDevice.InUse (400)
//   21 Size is a whole number of GiB                                  InvalidSize.ValueNotSupported (400)
//   22 a system entry has a SnapshotId                                InvalidSystemSnapshot.Missing (403)
//   Idempotency
//   23 ClientToken seen before: same parameters -> the first answer;  InvalidParamter.Conflict (403) while the first
//      other parameters -> error                                      image is still being created, else
//                                                                     IdempotenceParamNotMatch (400)
//   State: region, account
//   24 region exists                                                  InvalidRegionId.NotFound (404)
//   25 ResourceGroupId exists                                         InvalidResourceGroup.NotFound (404)
//   26 account not abnormal                                           AccountForbidden.CreateOrder (400)
//   27 enterprise registration valid                                  AccountEnterpriseStatusInvalid (403)
//   28 balance sufficient                                             InvalidAccountStatus.NotEnoughBalance (403)
//   29 snapshot service activated                                     InvalidAccountStatus.SnapshotServiceUnavailable (403)
//   State: the source, by mode
//   From an instance:
//   30 instance exists in the region                                  InvalidInstanceId.NotFound (404)
//   31 not locked for security                                        InstanceLockedForSecurity (400)
//   32 hibernation not configured                                     HibernationConfigured.InstanceOperationForbidden (403)
//   33 status Running or Stopped                                      IncorrectInstanceStatus (400)
//   34 no disk attached while Stopped without a restart               IncorrectInstanceStatus.NeedRestart (403)
//   35 has a system disk                                              InvalidInstance.NotFoundSystemDisk (400)
//   36 ImageVersion matches a Marketplace source image's              InvalidImageVersion.Malformed (400)
//   37 per disk, in order: not a local disk                           InvalidDiskCategory.CreateImage (400)
//                          not an elastic ephemeral disk              InvalidOperation.DiskCategoryUnsupported (400)
//                          has been attached                          IncorrectDiskStatus.NeverAttached (403)
//                          not transferring                           IncorrectDiskStatus.Transferring (403)
//                          status not Invalid                         IncorrectDiskStatus.Invalid (403)
//                          status In_use                              IncorrectDiskStatus (403)
//                          encrypted: ECS may use KMS; a named CMK    InvalidParameter.KMSKeyId.KMSUnauthorized /
//                          exists and is enabled, and is ECS-tagged   .CMKNotEnabled / .CMKUnauthorized (403)
//                          legacy disk: no snapshot in progress       IncorrectDiskStatus.CreatingSnapshot (403)
//                          ESSD: fewer in progress than the quota     QuotaExceed.ConcurrentSnapshotQuota (403)
//   From snapshots (SnapshotId, or each DiskDeviceMapping.N.SnapshotId in order):
//   38 snapshot exists in the region                                  InvalidSnapshotId.NotFound (404)
//   39 created on or after 2013-07-15                                 InvalidSnapshot.TooOld (403)
//   40 not progressing                                                SnapshotNotReady (403)
//   41 not failed                                                     InvalidSnapshotId.NotReady (403)
//   42 category: not archive                                          InvalidSnapshotCategory.NotSupportImageCreation (403)
//   43 category: not flash                                            OperationDenied.InvalidSnapshotCategory (403)
//   44 not stored in a CloudBox                                       InvalidOperation.SnapshotStorageLocationUnsupported (403)
//   45 not a default free snapshot                                    InvalidOperation.DefaultFreeSnapshotNotSupport (403)
//   46 not of a system disk retained after its instance's release     OperationDenied (403)
//   47 exactly one system disk, at most 16 data disks                 OperationDenied (400)
//   48 a given Device fits its disk's role (type given or the         InvalidDevice.Malformed (400)
//      snapshot's): /dev/xvda for the system disk only
//   49 data-disk snapshot as system disk: account whitelisted         UserNotInTheWhiteList (403)
//   50 ... and the snapshot not encrypted with a KMS key              InvalidParameter.DiskType (400)
//   51 Size within range (>= snapshot size; empty disks by category)  InvalidSize.ValueNotSupported (400)
//   State: names and quotas
//   52 ImageName not used in the region                               InvalidImageName.Duplicated (400)
//   53 custom images below the quota                                  QuotaExceed.Image (403)
//   54 a new family: families below the quota                         ImageFamilyQuotaExceed (400)
//   55 images in the family below the quota                           ImageQuotaExceed.ImageFamily (400)
//   56 (from an instance) snapshots below the quota                   QuotaExceed.Snapshot (403)
//   57 (from an instance) unfinished snapshots below the quota        TooManySnapshot.Unfinished (403)
//   58 DryRun: everything passed                                      DryRunOperation (400)
//
// InternalError (500), Throttling and ServiceUnavailable are not decided here: they are injected
// faults (models/faults.h), decided before the handler runs.

namespace ecsim::models {
namespace {

using sim::Error;

constexpr std::int64_t kSnapshotCutoffUnixSeconds = 1373846400;  // 2013-07-15T00:00:00Z
constexpr int kMaxTags = 20;
constexpr int kMaxDataDisks = 16;

bool parse_index(std::string_view text, int* out) {
  if (text.empty() || text.size() > 4) return false;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc{} && p == text.data() + text.size() && *out >= 1;
}

std::optional<std::string> opt(const ApiRequest& r, std::string_view key) {
  auto v = r.get(key);
  if (!v) return std::nullopt;
  return std::string(*v);
}

// A disk of the planned image, before anything is created.
struct PlannedDisk {
  DiskType type = DiskType::kData;
  std::string device;
  SnapshotIndex snapshot = kNoIndex;  // snapshot modes
  DiskIndex disk = kNoIndex;          // instance mode: the disk to snapshot
  std::int64_t size_bytes = 0;
};

struct Plan {
  CreateImageParams::Mode mode = CreateImageParams::Mode::kNone;
  InstanceIndex instance = kNoIndex;
  std::vector<PlannedDisk> disks;
  std::string imds_support = "v1";
};

std::string ordinal_device(int k) { return std::string("/dev/xvd") + static_cast<char>('a' + k); }

bool valid_device_name(std::string_view d) {
  return d.size() == 9 && d.substr(0, 8) == "/dev/xvd" && d[8] >= 'a' && d[8] <= 'z';
}

// Checks 1-22: the request alone.
std::optional<Error> check_parameters(const CreateImageParams& p) {
  using namespace rules;
  if (p.region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  if (p.image_name && !valid_image_name(*p.image_name)) return make_error(ErrorRow::kInvalidImageNameMalformed);
  if (p.description && !valid_description(*p.description)) return make_error(ErrorRow::kInvalidDescriptionMalformed);
  if (p.image_family && !valid_image_family(*p.image_family)) return make_error(ErrorRow::kInvalidImageFamilyMalformed);
  if (p.image_version && !valid_image_version(*p.image_version)) return make_error(ErrorRow::kInvalidImageVersionMalformed);
  if (p.platform && !valid_platform(*p.platform)) return make_error(ErrorRow::kInvalidPlatformMalformed);
  if (p.architecture && !valid_architecture(*p.architecture)) return make_error(ErrorRow::kInvalidArchitectureMalformed);
  if (p.boot_mode && !valid_boot_mode(*p.boot_mode)) return make_error(ErrorRow::kInvalidBootModeMalformed);
  if (p.boot_mode && !boot_mode_supported(p.architecture.value_or("x86_64"), *p.boot_mode))
    return make_error(ErrorRow::kInvalidBootModeNotSupport);
  if (p.detection_strategy && !valid_detection_strategy(*p.detection_strategy))
    return make_error(ErrorRow::kInvalidDetectionStrategyMalformed);
  if (p.imds_support && !valid_imds_support(*p.imds_support)) return make_error(ErrorRow::kInvalidParameterFeaturesImdsSupport);
  if (static_cast<int>(p.tags.size()) > kMaxTags || (!p.tag_numbers.empty() && p.tag_numbers.back() > kMaxTags))
    return make_error(ErrorRow::kQuotaExceedTags, {"The maximum number of tags is 20."});
  for (const auto& [key, value] : p.tags) {
    if (!valid_tag_key(key)) return make_error(ErrorRow::kInvalidTagKeyMalformed);
  }
  for (const auto& [key, value] : p.tags) {
    if (!valid_tag_value(value)) return make_error(ErrorRow::kInvalidTagValueMalformed);
  }
  std::set<std::string> keys;
  for (const auto& [key, value] : p.tags) {
    if (!keys.insert(key).second) return make_error(ErrorRow::kDuplicateTagKey);
  }
  if (p.client_token && !valid_client_token(*p.client_token)) return make_error(ErrorRow::kInvalidParameterClientToken);
  if (p.mode() == CreateImageParams::Mode::kNone) return make_error(ErrorRow::kMissingParameterSource);

  if (p.mode() == CreateImageParams::Mode::kDiskDeviceMapping) {
    for (const DiskMappingParam& m : p.mappings) {
      if (m.all_empty())
        return make_error(ErrorRow::kInvalidParameterAllEmpty,
                          {"The parameters of DiskDeviceMapping." + std::to_string(m.n) + " are all empty."});
    }
    for (const DiskMappingParam& m : p.mappings) {
      if (m.disk_type && *m.disk_type != "system" && *m.disk_type != "data")
        return make_error(ErrorRow::kInvalidDiskTypeValueNotSupported);
    }
    for (const DiskMappingParam& m : p.mappings) {
      if (!m.device) continue;
      if (!valid_device_name(*m.device)) return make_error(ErrorRow::kInvalidDeviceMalformed);
      const bool system_device = *m.device == "/dev/xvda";
      if (m.disk_type && (*m.disk_type == "system") != system_device) return make_error(ErrorRow::kInvalidDeviceMalformed);
    }
    std::set<std::string> devices;
    for (const DiskMappingParam& m : p.mappings) {
      if (m.device && !devices.insert(*m.device).second) return make_error(ErrorRow::kInvalidDeviceInUse);
    }
    for (const DiskMappingParam& m : p.mappings) {
      if (m.size && !rules::parse_gib(*m.size)) return make_error(ErrorRow::kInvalidSizeValueNotSupported);
    }
    for (const DiskMappingParam& m : p.mappings) {
      if (m.disk_type && *m.disk_type == "system" && !m.snapshot_id)
        return make_error(ErrorRow::kInvalidSystemSnapshotMissing,
                          {"DiskDeviceMapping." + std::to_string(m.n) + " is a system disk without SnapshotId."});
    }
  }
  return std::nullopt;
}

// Checks 24-29.
std::optional<Error> check_region_and_account(const CreateImageParams& p, World& world) {
  if (world.find_region(p.region_id) == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  const Account& a = world.account;
  if (p.resource_group_id && !a.resource_groups.contains(*p.resource_group_id))
    return make_error(ErrorRow::kInvalidResourceGroupNotFound);
  if (a.status == AccountStatus::kAbnormal) return make_error(ErrorRow::kAccountForbiddenCreateOrder);
  if (a.status == AccountStatus::kEnterpriseRevoked) return make_error(ErrorRow::kAccountEnterpriseStatusInvalid);
  if (!a.balance_sufficient) return make_error(ErrorRow::kInvalidAccountStatusNotEnoughBalance);
  if (!a.snapshot_service_activated) return make_error(ErrorRow::kInvalidAccountStatusSnapshotServiceUnavailable);
  return std::nullopt;
}

// An encrypted disk: ECS must be allowed to use KMS. A disk encrypted with the default service
// key names no CMK; only a named CMK must exist, be enabled and carry the ECS tag.
std::optional<Error> check_kms(const World& world, const std::string& key_id) {
  if (!world.account.kms_authorized) return make_error(ErrorRow::kInvalidParameterKmsKeyIdKmsUnauthorized);
  if (key_id.empty()) return std::nullopt;
  auto it = world.account.kms_keys.find(key_id);
  if (it == world.account.kms_keys.end() || !it->second.enabled) return make_error(ErrorRow::kInvalidParameterKmsKeyIdCmkNotEnabled);
  if (!it->second.ecs_tagged) return make_error(ErrorRow::kInvalidParameterKmsKeyIdCmkUnauthorized);
  return std::nullopt;
}

// Checks 30-37.
std::optional<Error> plan_from_instance(const CreateImageParams& p, World& world, Plan& plan) {
  auto idx = world.find_instance(*p.instance_id);
  if (!idx || world.instance(*idx).region_id != p.region_id)
    return make_error(ErrorRow::kInvalidInstanceIdNotFound, {*p.instance_id});
  const Instance& inst = world.instance(*idx);
  if (inst.operation_locks.contains("security")) return make_error(ErrorRow::kInstanceLockedForSecurity);
  if (inst.hibernation_configured) return make_error(ErrorRow::kHibernationConfiguredInstanceOperationForbidden);
  if (inst.status != InstanceStatus::kRunning && inst.status != InstanceStatus::kStopped)
    return make_error(ErrorRow::kIncorrectInstanceStatus);
  for (DiskIndex d : inst.disks) {
    if (world.disk(d).attached_while_stopped && inst.status == InstanceStatus::kStopped)
      return make_error(ErrorRow::kIncorrectInstanceStatusNeedRestart);
  }
  if (inst.disks.empty() || world.disk(inst.disks.front()).type != DiskType::kSystem)
    return make_error(ErrorRow::kInvalidInstanceNotFoundSystemDisk);
  if (!inst.image_id.empty()) {
    if (auto src = world.find_image(inst.image_id)) {
      const Image& source = world.image(*src);
      if (source.owner_alias == "marketplace" && p.image_version && *p.image_version != source.version)
        return make_error(ErrorRow::kInvalidImageVersionMalformed);
      plan.imds_support = source.imds_support;
    }
  }
  const Region& region = *world.find_region(p.region_id);
  for (DiskIndex d : inst.disks) {
    const Disk& disk = world.disk(d);
    if (is_local_disk(disk.category)) return make_error(ErrorRow::kInvalidDiskCategoryCreateImage);
    if (is_elastic_ephemeral(disk.category)) return make_error(ErrorRow::kInvalidOperationDiskCategoryUnsupported);
    if (disk.never_attached) return make_error(ErrorRow::kIncorrectDiskStatusNeverAttached);
    if (disk.transferring) return make_error(ErrorRow::kIncorrectDiskStatusTransferring);
    if (disk.status == DiskStatus::kInvalid) return make_error(ErrorRow::kIncorrectDiskStatusInvalid);
    if (disk.status != DiskStatus::kInUse) return make_error(ErrorRow::kIncorrectDiskStatus);
    if (disk.encrypted) {
      if (auto e = check_kms(world, disk.kms_key_id)) return e;
    }
    if (is_essd_family(disk.category)) {
      if (disk.snapshots_in_progress >= region.quota.concurrent_snapshots_per_disk)
        return make_error(ErrorRow::kQuotaExceedConcurrentSnapshotQuota,
                          {disk.disk_id, std::to_string(region.quota.concurrent_snapshots_per_disk)});
    } else if (disk.snapshots_in_progress > 0) {
      return make_error(ErrorRow::kIncorrectDiskStatusCreatingSnapshot);
    }
  }
  plan.instance = *idx;
  int data_k = 1;
  for (DiskIndex d : inst.disks) {
    const Disk& disk = world.disk(d);
    PlannedDisk pd;
    pd.type = disk.type;
    pd.disk = d;
    pd.size_bytes = disk.size_bytes;
    pd.device = disk.type == DiskType::kSystem ? "/dev/xvda" : ordinal_device(data_k++);
    plan.disks.push_back(pd);
  }
  return std::nullopt;
}

// Checks 38-46 for one snapshot.
std::optional<Error> check_snapshot(const World& world, const std::string& region_id, const std::string& snapshot_id,
                                    SnapshotIndex* out) {
  auto idx = world.find_snapshot(snapshot_id);
  if (!idx || world.snapshot(*idx).region_id != region_id) return make_error(ErrorRow::kInvalidSnapshotIdNotFound);
  const Snapshot& s = world.snapshot(*idx);
  if (s.creation_time.unix_us < kSnapshotCutoffUnixSeconds * sim::SimDuration::kTicksPerSecond)
    return make_error(ErrorRow::kInvalidSnapshotTooOld);
  if (s.status == SnapshotStatus::kProgressing && !s.usable) return make_error(ErrorRow::kSnapshotNotReady);
  if (s.status == SnapshotStatus::kFailed) return make_error(ErrorRow::kInvalidSnapshotIdNotReady);
  if (s.category == SnapshotCategory::kArchive) return make_error(ErrorRow::kInvalidSnapshotCategoryNotSupportImageCreation);
  if (s.category == SnapshotCategory::kFlash)
    return make_error(ErrorRow::kOperationDeniedInvalidSnapshotCategory,
                      {"The snapshot category flash does not support this operation."});
  if (s.storage_location == "cloudbox") return make_error(ErrorRow::kInvalidOperationSnapshotStorageLocationUnsupported);
  if (s.default_free) return make_error(ErrorRow::kInvalidOperationDefaultFreeSnapshotNotSupport);
  if (s.retained_system_disk) return make_error(ErrorRow::kOperationDeniedSnapshotNotAllowed);
  *out = *idx;
  return std::nullopt;
}

// Size bounds of an empty data disk by the region's category for them.
std::pair<long long, long long> empty_disk_range(const Region& r) {
  if (r.empty_disk_category == "cloud") return {5, 2000};
  return {20, 32768};
}

// Checks 38-51.
std::optional<Error> plan_from_snapshots(const CreateImageParams& p, World& world, Plan& plan) {
  const Region& region = *world.find_region(p.region_id);
  std::vector<DiskMappingParam> entries = p.mappings;
  if (p.mode() == CreateImageParams::Mode::kSnapshot) {
    DiskMappingParam only;
    only.n = 1;
    only.snapshot_id = p.snapshot_id;
    entries = {only};
  }
  // 38-46: every referenced snapshot, in entry order.
  std::vector<SnapshotIndex> snaps(entries.size(), kNoIndex);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (!entries[k].snapshot_id) continue;
    if (auto e = check_snapshot(world, p.region_id, *entries[k].snapshot_id, &snaps[k])) return e;
  }
  // 47: the roles of the disks.
  std::vector<DiskType> types(entries.size(), DiskType::kData);
  int systems = 0, datas = 0;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (entries[k].disk_type) types[k] = *entries[k].disk_type == "system" ? DiskType::kSystem : DiskType::kData;
    else if (snaps[k] != kNoIndex) types[k] = world.snapshot(snaps[k]).source_disk_type;
    (types[k] == DiskType::kSystem ? systems : datas)++;
  }
  if (systems == 0) return make_error(ErrorRow::kOperationDeniedNoSystemSnapshot);
  if (systems > 1) return make_error(ErrorRow::kOperationDeniedNoSystemSnapshot, {"You can specify only one system disk snapshot."});
  if (datas > kMaxDataDisks) return make_error(ErrorRow::kOperationDeniedNoSystemSnapshot, {"You can specify up to 16 data disk snapshots."});
  // 48: a Device given without DiskType must still fit the role the snapshot gives the disk
  // (check 19 covered the entries with DiskType).
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (entries[k].device && (*entries[k].device == "/dev/xvda") != (types[k] == DiskType::kSystem))
      return make_error(ErrorRow::kInvalidDeviceMalformed);
  }
  // 49-50: a data-disk snapshot used as the system disk.
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (types[k] != DiskType::kSystem || snaps[k] == kNoIndex) continue;
    const Snapshot& s = world.snapshot(snaps[k]);
    if (s.source_disk_type != DiskType::kData) continue;
    if (!world.account.whitelists.contains(Account::kDataDiskSnapshotWhitelist))
      return make_error(ErrorRow::kUserNotInTheWhiteList);
    if (s.encrypted && !s.kms_key_id.empty()) return make_error(ErrorRow::kInvalidParameterDiskType);
  }
  // 51: sizes, and the plan with devices assigned in sequence.
  std::set<std::string> used_devices;
  for (const auto& e : entries) {
    if (e.device) used_devices.insert(*e.device);
  }
  char next_data = 'b';
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const DiskMappingParam& e = entries[k];
    PlannedDisk pd;
    pd.type = types[k];
    pd.snapshot = snaps[k];
    long long gib;
    if (snaps[k] != kNoIndex) {
      const long long min_gib = std::max<long long>(1, gib_ceil(world.snapshot(snaps[k]).source_disk_size_bytes));
      gib = e.size ? *rules::parse_gib(*e.size) : min_gib;
      if (gib < min_gib || gib > 32768) return make_error(ErrorRow::kInvalidSizeValueNotSupported);
    } else {
      const auto [lo, hi] = empty_disk_range(region);
      gib = e.size ? *rules::parse_gib(*e.size) : lo;
      if (gib < lo || gib > hi) return make_error(ErrorRow::kInvalidSizeValueNotSupported);
    }
    pd.size_bytes = gib * kGiB;
    if (e.device) {
      pd.device = *e.device;
    } else if (pd.type == DiskType::kSystem) {
      pd.device = "/dev/xvda";
    } else {
      while (next_data <= 'z' && used_devices.contains(std::string("/dev/xvd") + next_data)) ++next_data;
      if (next_data > 'z') return make_error(ErrorRow::kInvalidDeviceMalformed);
      pd.device = std::string("/dev/xvd") + next_data;
      used_devices.insert(pd.device);
    }
    plan.disks.push_back(pd);
  }
  // The system disk first, data disks by device name: the image's mapping order.
  std::stable_sort(plan.disks.begin(), plan.disks.end(), [](const PlannedDisk& a, const PlannedDisk& b) {
    if (a.type != b.type) return a.type == DiskType::kSystem;
    return a.device < b.device;
  });
  return std::nullopt;
}

// Checks 52-57.
std::optional<Error> check_names_and_quotas(const CreateImageParams& p, World& world, const Plan& plan) {
  const Region& region = *world.find_region(p.region_id);
  if (p.image_name && world.find_image_by_name(p.region_id, *p.image_name))
    return make_error(ErrorRow::kInvalidImageNameDuplicated);
  if (region.images_count >= region.quota.images) return make_error(ErrorRow::kQuotaExceedImage);
  if (p.image_family) {
    auto it = region.images_per_family.find(*p.image_family);
    const std::int64_t in_family = it == region.images_per_family.end() ? 0 : it->second;
    if (in_family == 0 && static_cast<std::int64_t>(region.images_per_family.size()) >= region.quota.image_families)
      return make_error(ErrorRow::kImageFamilyQuotaExceed);
    if (in_family >= region.quota.images_per_family) return make_error(ErrorRow::kImageQuotaExceedImageFamily);
  }
  if (plan.mode == CreateImageParams::Mode::kInstance) {
    const auto n = static_cast<std::int64_t>(plan.disks.size());
    if (region.snapshots_count + n > region.quota.snapshots) return make_error(ErrorRow::kQuotaExceedSnapshot);
    if (region.snapshots_unfinished + n > region.quota.unfinished_snapshots)
      return make_error(ErrorRow::kTooManySnapshotUnfinished);
  }
  return std::nullopt;
}

std::map<std::string, std::string, std::less<>> idempotency_params(const ApiRequest& r) {
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& [k, v] : r.params) {
    if (k != "ClientToken" && k != "DryRun") out.emplace(k, v);
  }
  return out;
}

}  // namespace

CreateImageParams::Mode CreateImageParams::mode() const {
  if (instance_id) return Mode::kInstance;
  if (!mappings.empty()) return Mode::kDiskDeviceMapping;
  if (snapshot_id) return Mode::kSnapshot;
  return Mode::kNone;
}

CreateImageParams parse_create_image_params(const ApiRequest& r) {
  CreateImageParams p;
  p.region_id = r.region_id();
  p.instance_id = opt(r, "InstanceId");
  p.snapshot_id = opt(r, "SnapshotId");
  p.image_name = opt(r, "ImageName");
  p.description = opt(r, "Description");
  p.image_family = opt(r, "ImageFamily");
  p.image_version = opt(r, "ImageVersion");
  p.platform = opt(r, "Platform");
  p.architecture = opt(r, "Architecture");
  p.boot_mode = opt(r, "BootMode");
  p.detection_strategy = opt(r, "DetectionStrategy");
  p.imds_support = opt(r, "Features.ImdsSupport");
  p.resource_group_id = opt(r, "ResourceGroupId");
  p.client_token = opt(r, "ClientToken");
  p.dry_run = r.flag("DryRun");

  // Lists: "Prefix.N" (an empty entry) or "Prefix.N.Field".
  std::map<int, DiskMappingParam> mappings;
  std::map<int, std::pair<std::string, std::string>> tags;
  for (const auto& [key, value] : r.params) {
    std::string_view k = key;
    const bool is_mapping = k.starts_with("DiskDeviceMapping.");
    const bool is_tag = k.starts_with("Tag.");
    if (!is_mapping && !is_tag) continue;
    k.remove_prefix(is_mapping ? 18 : 4);
    const std::size_t dot = k.find('.');
    int n = 0;
    if (!parse_index(k.substr(0, dot), &n)) continue;
    const std::string_view field = dot == std::string_view::npos ? std::string_view{} : k.substr(dot + 1);
    if (is_mapping) {
      DiskMappingParam& m = mappings[n];
      m.n = n;
      if (value.empty()) continue;
      if (field == "SnapshotId") m.snapshot_id = value;
      else if (field == "Size") m.size = value;
      else if (field == "Device") m.device = value;
      else if (field == "DiskType") m.disk_type = value;
    } else {
      auto& t = tags[n];
      if (field == "Key" || field == "key") t.first = value;
      else if (field == "Value" || field == "value") t.second = value;
    }
  }
  for (auto& [n, m] : mappings) p.mappings.push_back(m);
  for (auto& [n, t] : tags) {
    p.tags.push_back(t);
    p.tag_numbers.push_back(n);
  }
  return p;
}

ApiResult CreateImageHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  const CreateImageParams p = parse_create_image_params(request);

  if (auto e = check_parameters(p)) return *e;

  // 23: idempotency.
  std::string token_key;
  if (p.client_token && !p.dry_run) {
    token_key = "CreateImage/" + *p.client_token;
    auto it = ctx.client_tokens.find(token_key);
    if (it != ctx.client_tokens.end()) {
      if (it->second.params == idempotency_params(request)) return it->second.response;
      const auto& tracked = it->second.response.tracked;
      const bool first_still_creating =
          tracked && tracked->kind == ResourceKind::kImage && world.image(tracked->index).status == ImageStatus::kCreating;
      return make_error(first_still_creating ? ErrorRow::kInvalidParamterConflict : ErrorRow::kIdempotenceParamNotMatch);
    }
  }

  if (auto e = check_region_and_account(p, world)) return *e;

  Plan plan;
  plan.mode = p.mode();
  if (plan.mode == CreateImageParams::Mode::kInstance) {
    if (auto e = plan_from_instance(p, world, plan)) return *e;
  } else {
    if (auto e = plan_from_snapshots(p, world, plan)) return *e;
  }
  if (auto e = check_names_and_quotas(p, world, plan)) return *e;
  if (p.dry_run) return make_error(ErrorRow::kDryRunOperation);

  // Apply: the image, and for an instance a new snapshot of every disk.
  const sim::SimTime now = ctx.scheduler.now();
  const sim::CalendarTime calendar_now = world.calendar(now);
  Image img;
  img.image_id = world.ids().next_image_id(p.region_id);
  img.region_id = p.region_id;
  img.name = p.image_name.value_or("");
  img.description = p.description.value_or("");
  img.family = p.image_family.value_or("");
  img.version = p.image_version.value_or("");
  img.owner_account = world.account.account_id;
  img.owner_alias = symbol_of<"self">();
  img.resource_group = p.resource_group_id.value_or("rg-default");
  if (p.platform) img.platform = *p.platform;
  if (p.architecture) img.architecture = *p.architecture;
  if (p.boot_mode) img.boot_mode = *p.boot_mode;
  img.imds_support = p.imds_support.value_or(plan.imds_support);
  img.detection_strategy = p.detection_strategy.value_or("");
  img.tags = p.tags;
  img.status = ImageStatus::kCreating;
  img.creation_time = calendar_now;
  img.created_at = now;
  img.created_by_call = ctx.call_index;
  if (plan.instance != kNoIndex) img.source_instance_id = world.instance(plan.instance).instance_id;

  const auto image_index = static_cast<ImageIndex>(world.images().size());
  std::vector<SnapshotIndex> started;
  for (const PlannedDisk& pd : plan.disks) {
    ImageDiskMapping m;
    m.device = pd.device;
    m.type = pd.type;
    m.size_bytes = pd.size_bytes;
    m.snapshot = pd.snapshot;
    if (pd.disk != kNoIndex) {
      // The disk is in the request's region (checked above), so its snapshot is too.
      Snapshot s = ctx.snapshots.new_snapshot_of(world.disk(pd.disk), pd.disk, calendar_now);
      s.for_image = image_index;
      m.snapshot = world.add_snapshot(std::move(s));
      started.push_back(m.snapshot);
    }
    img.mappings.push_back(m);
  }
  ECSIM_ASSERT(started.size() <= 255);  // at most 17 disks (DiskDeviceMapping.1..17)
  img.snapshots_waiting = static_cast<std::uint8_t>(started.size());
  const std::string image_id = img.image_id.str();
  const ImageIndex added = world.add_image(std::move(img));
  ECSIM_ASSERT(added == image_index);
  for (SnapshotIndex s : started) ctx.snapshots.start(s);
  ctx.images.begin(image_index);

  ApiResponse response;
  response.fields.emplace_back("ImageId", image_id);
  response.tracked = TrackedResource{ResourceKind::kImage, image_index};
  if (!token_key.empty()) ctx.client_tokens.emplace(token_key, IdempotentRecord{idempotency_params(request), response});
  return response;
}

}  // namespace ecsim::models
