#include <string>

#include "models/api/error_catalog.h"
#include "models/api/lifecycle_handlers.h"
#include "sim/assert.h"

// Precedence of ExportImage's checks (first failing check answers):
//
//   #  check                                                      error (HTTP)
//   -- --------------------------------------------------------- ----------------------------------------
//   1  RegionId given                                             MissingParameter (400)
//   2  ImageId given                                              MissingParameter (400)
//   3  OSSBucket given                                            MissingParameter (400, "OSSBucket")
//   4  OSSPrefix: 1-30 letters and digits                         InvalidOSSPrefix.Malformed (400)
//   5  ImageFormat one of raw, vhd, qcow2, vmdk, vdi              InvalidImageFormat.Malformed (400)
//   6  region exists                                              InvalidRegionId.NotFound (400, as the
//                                                                 ExportImage table has it)
//   7  RoleName, when given, is AliyunECSImageExportDefaultRole   NoSetRoletoECSServiceAcount (403)
//      ("any other role name is invalid")
//   8  the image exists there (not deleted)                       InvalidImageId.NotFound (404)
//   9  not a Marketplace image                                    ImageNotSupported (403)
//   10 otherwise the account's own custom image                   InvalidImageId.NotFound (404)
//   11 Available                                                  IncorrectImageStatus (400)
//   12 no export of it running                                    ImageIsExporting (403)
//   13 no encrypted snapshot                                      ImageNotSupported (400)
//   14 at most 4 data-disk snapshots, none over 500 GiB           InvalidImage.DiskAmountOrSize (400)
//   15 export tasks running in the region below                   ConcurrentQuotaExceed.ExportImage (403)
//      models.export.concurrent_per_region
//   16 tasks started in the region in 7 days below                WeeklyQuotaExceed.ExportImage (403)
//      models.export.weekly_per_region
//
// Apply: an export task starts (models/export_service.h); the answer is its TaskId. Until it
// ends the image is exporting: DeleteImage answers ImageIsExporting.

namespace ecsim::models {
namespace {

constexpr std::string_view kExportRole = "AliyunECSImageExportDefaultRole";
constexpr std::int64_t kMaxDataDisks = 4;
constexpr std::int64_t kMaxDataDiskBytes = 500LL * 1024 * 1024 * 1024;

bool valid_oss_prefix(std::string_view p) {
  if (p.empty() || p.size() > 30) return false;
  for (char c : p) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) return false;
  }
  return true;
}

bool valid_image_format(std::string_view f) {
  for (std::string_view v : {"raw", "vhd", "qcow2", "vmdk", "vdi", "RAW", "VHD", "QCOW2", "VMDK", "VDI"}) {
    if (f == v) return true;
  }
  return false;
}

}  // namespace

ApiResult ExportImageHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  ECSIM_ASSERT_MSG(ctx.exports != nullptr, "the Simulation wires an ExportService");
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const auto image_id = request.get("ImageId");
  if (!image_id) return make_error(ErrorRow::kMissingParameterImageId);
  const auto bucket = request.get("OSSBucket");
  if (!bucket) return make_error(ErrorRow::kMissingParameterOssBucket);
  const auto prefix = request.get("OSSPrefix");
  if (prefix && !valid_oss_prefix(*prefix)) return make_error(ErrorRow::kInvalidOssPrefixMalformed);
  const std::string format(request.get("ImageFormat").value_or("raw"));
  if (!valid_image_format(format)) return make_error(ErrorRow::kInvalidImageFormatMalformed);
  const Region* region = world.find_region(region_id);
  if (region == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFoundExport);
  if (auto role = request.get("RoleName"); role && *role != kExportRole) return make_error(ErrorRow::kNoSetRoletoEcsServiceAcount);
  const auto idx = world.find_image(*image_id);
  if (!idx || world.image(*idx).region_id != region_id) return make_error(ErrorRow::kInvalidImageIdNotFound);
  const Image& img = world.image(*idx);
  if (img.owner_alias == "marketplace") return make_error(ErrorRow::kImageNotSupportedMarketplace);
  if (img.owner_alias != "self" || img.owner_account != world.account.account_id)
    return make_error(ErrorRow::kInvalidImageIdNotFound);
  if (img.status != ImageStatus::kAvailable) return make_error(ErrorRow::kIncorrectImageStatusExport);
  if (img.exports_in_flight > 0) return make_error(ErrorRow::kImageIsExportingExport);
  std::int64_t data_disks = 0;
  for (const ImageDiskMapping& m : img.mappings) {
    if (m.snapshot == kNoIndex) continue;
    if (world.snapshot(m.snapshot).encrypted) return make_error(ErrorRow::kImageNotSupportedEncrypted);
  }
  for (const ImageDiskMapping& m : img.mappings) {
    if (m.type != DiskType::kData || m.snapshot == kNoIndex) continue;
    ++data_disks;
    if (m.size_bytes > kMaxDataDiskBytes)
      return make_error(ErrorRow::kInvalidImageDiskAmountOrSize,
                        {"The data disk snapshot of device " + m.device + " exceeds 500 GiB."});
  }
  if (data_disks > kMaxDataDisks)
    return make_error(ErrorRow::kInvalidImageDiskAmountOrSize,
                      {"The image has " + std::to_string(data_disks) + " data disk snapshots; at most 4 can be exported."});
  const sim::SimTime now = ctx.scheduler.now();
  const ExportModelParams& p = world.params.exports;
  if (ctx.exports->running(region_id) >= p.concurrent_per_region)
    return make_error(ErrorRow::kConcurrentQuotaExceedExportImage,
                      {"The number of concurrent export tasks in " + region_id + " has reached the limit (" +
                       std::to_string(p.concurrent_per_region) + ")."});
  if (ctx.exports->started_in_week(region_id, now) >= p.weekly_per_region)
    return make_error(ErrorRow::kWeeklyQuotaExceedExportImage,
                      {"The weekly export quota of " + region_id + " (" + std::to_string(p.weekly_per_region) +
                       ") is used up."});

  std::string object = "oss://" + std::string(*bucket) + "/" + std::string(prefix.value_or("")) +
                       (prefix ? "_" : "") + img.image_id + "_system." + format;
  const std::string task_id = ctx.exports->start(*idx, std::move(object));
  ApiResponse response;
  response.fields.emplace_back("TaskId", task_id);
  response.fields.emplace_back("ExportTaskId", task_id);
  response.fields.emplace_back("RegionId", region_id);
  return response;
}

}  // namespace ecsim::models
