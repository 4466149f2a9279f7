#include "models/api/error_catalog.h"
#include "models/api/lifecycle_handlers.h"

// Precedence of DeleteImage's checks: the first failing check answers the request.
//
//   #  check                                                      error (HTTP)
//   -- --------------------------------------------------------- ----------------------------------------
//   1  RegionId given                                             MissingParameter (400)
//   2  ImageId given                                              MissingParameter (400)
//   3  region exists                                              InvalidRegionId.NotFound (404)
//   4  image exists in the region, live, and the account's own    InvalidImageId.NotFound (404), or success
//      custom image (someone else's, shared or public: not found) with nothing done when the region says
//                                                                 missing_image_delete: ignore
//   5  not a copy target still Waiting/Creating, and no copy of   OperationDenied.ImageCopying (403)
//      it running                                                 (use CancelCopyImage)
//   6  not being imported                                         ImageIsImporting (403)
//   7  not being exported                                         ImageIsExporting (403)
//   8  not still Creating                                         ImageIsCreating (403)
//   9  not shared with any account (Force does not help)          ImageUseShared (403)
//   10 no instance created from it, unless Force=true             ImageUsingByInstance (403)
//   11 DryRun: everything passed                                  DryRunOperation (400)
//
// Apply: the image becomes Deleted (its quota slot frees). Its snapshots stay; a copy's source is
// not touched. Locks (5-8) come before the dependency checks (9-10) because they describe work in
// progress that no parameter can override; sharing comes before use because Force overrides only
// the use check (docs/lifecycle.md).

namespace ecsim::models {

ApiResult DeleteImageHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const auto image_id = request.get("ImageId");
  if (!image_id) return make_error(ErrorRow::kMissingParameterImageId);
  const Region* region = world.find_region(region_id);
  if (region == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);

  const auto idx = world.find_image(*image_id);
  const bool own = idx && world.image(*idx).region_id == region_id &&
                   world.image(*idx).owner_account == world.account.account_id && world.image(*idx).owner_alias == "self";
  if (!own) {
    if (region->missing_image_delete == MissingImageDelete::kIgnore) {
      if (request.flag("DryRun")) return make_error(ErrorRow::kDryRunOperation);
      return ApiResponse{};
    }
    return make_error(ErrorRow::kInvalidImageIdNotFound);
  }
  const Image& img = world.image(*idx);
  const bool copy_running =
      img.copied_from != kNoIndex && (img.status == ImageStatus::kWaiting || img.status == ImageStatus::kCreating);
  if (copy_running || img.copies_in_flight > 0) return make_error(ErrorRow::kOperationDeniedImageCopying);
  if (img.importing) return make_error(ErrorRow::kImageIsImporting);
  if (img.exports_in_flight > 0) return make_error(ErrorRow::kImageIsExporting);
  if (img.status == ImageStatus::kCreating || img.status == ImageStatus::kWaiting) return make_error(ErrorRow::kImageIsCreating);
  if (!world.image_shared_with(*idx).empty()) return make_error(ErrorRow::kImageUseShared);
  if (!request.flag("Force") && !world.instances_created_from(*idx).empty())
    return make_error(ErrorRow::kImageUsingByInstance);
  if (request.flag("DryRun")) return make_error(ErrorRow::kDryRunOperation);

  const sim::SimTime now = ctx.scheduler.now();
  world.set_image_status(*idx, ImageStatus::kDeleted, now);
  ctx.bus.publish({now, LifecycleEvent::Kind::kImageDeleted, *idx});
  ApiResponse response;
  response.tracked = TrackedResource{ResourceKind::kImage, *idx};
  return response;
}

}  // namespace ecsim::models
