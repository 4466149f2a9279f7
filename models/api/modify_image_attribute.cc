#include <string>

#include "models/api/error_catalog.h"
#include "models/api/lifecycle_handlers.h"
#include "models/api/param_rules.h"
#include "models/image_family.h"

// Precedence of ModifyImageAttribute's checks (first failing check answers). The reference lists
// the codes without an order; parameter formats come first, then the image, then its state, as
// for every other call (docs/lifecycle.md).
//
//   #  check                                                      error (HTTP)
//   -- --------------------------------------------------------- ----------------------------------------
//   1  RegionId given                                             MissingParameter (400)
//   2  ImageId given                                              MissingParameter (400)
//   3  ImageName format                                           InvalidImageName.Malformed (400)
//   4  Description format                                         InvalidDescription.Malformed (400)
//   5  ImageFamily format                                         InvalidImageFamily.Malformed (400)
//   6  BootMode one of BIOS, UEFI, UEFI-Preferred                 InvalidBootMode.NotSupport (400)
//   7  LicenseType BYOL (the only value the reference gives)      InvalidLicenseType.NotSupported (400)
//   8  Features.ImdsSupport v1 or v2                              InvalidParameter.FeaturesImdsSupport (400)
//   9  Status Deprecated or Available                             InvalidParameter (400)
//   10 region exists                                              InvalidRegionId.NotFound (404)
//   11 the image exists there, live, the account's own custom     InvalidImageId.NotFound (404)
//      image
//   12 not Creating or Waiting                                    InvalidStatus.ImageIsCreating (403)
//   13 BootMode supported by the image's architecture             InvalidBootMode.NotSupport (400, "for
//      (arm64: UEFI; i386: BIOS)                                  current image architecture")
//   14 BootMode changes only when no instance was created from    OperationDeined.ImageUsingByInstance (403)
//      the image
//   15 Features.ImdsSupport not from v2 back to v1                InvalidOperation.FeaturesImdsSupportNotMatch (403)
//   16 ImageName not used by another image in the region          InvalidImageName.Duplicated (400)
//   17 a new ImageFamily: the region below quota.image_families   ImageFamilyQuotaFull (400)
//      ... and the family below quota.images_per_family           ImageQuotaFull.ImageFamily (400)
//   18 Status=Deprecated: not shared with any account             ImageUseShared (403, "remove shared accounts
//                                                                 first")
//      ... and Available                                          ImageStatus.NotAvailable (403)
//   19 Status=Available: Deprecated                               ImageStatus.NotDeprecated (403)
//
// Apply: the attributes change; Deprecated / Available move the image through the table
// (Available <-> Deprecated), so the family's latest image (models/image_family.h) may change.

namespace ecsim::models {

ApiResult ModifyImageAttributeHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const auto image_id = request.get("ImageId");
  if (!image_id) return make_error(ErrorRow::kMissingParameterImageId);
  const auto name = request.get("ImageName");
  if (name && !rules::valid_image_name(*name)) return make_error(ErrorRow::kInvalidImageNameMalformed);
  const auto description = request.get("Description");
  if (description && !rules::valid_description(*description)) return make_error(ErrorRow::kInvalidDescriptionMalformed);
  const auto family = request.get("ImageFamily");
  if (family && !rules::valid_image_family(*family)) return make_error(ErrorRow::kInvalidImageFamilyMalformedModify);
  const auto boot_mode = request.get("BootMode");
  if (boot_mode && !rules::valid_boot_mode(*boot_mode)) return make_error(ErrorRow::kInvalidBootModeNotSupportModify);
  const auto license = request.get("LicenseType");
  if (license && *license != "BYOL") return make_error(ErrorRow::kInvalidLicenseTypeNotSupported);
  const auto imds = request.get("Features.ImdsSupport");
  if (imds && !rules::valid_imds_support(*imds)) return make_error(ErrorRow::kInvalidParameterFeaturesImdsSupport);
  const auto status = request.get("Status");
  if (status && *status != "Deprecated" && *status != "Available")
    return make_error(ErrorRow::kInvalidParameterMalformed,
                      {"The specified parameter Status is not valid: Deprecated or Available."});
  Region* region = world.find_region(region_id);
  if (region == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  const auto idx = world.find_own_image(region_id, *image_id);
  if (!idx) return make_error(ErrorRow::kInvalidImageIdNotFound);
  const Image& img = world.image(*idx);
  if (img.status == ImageStatus::kCreating || img.status == ImageStatus::kWaiting)
    return make_error(ErrorRow::kInvalidStatusImageIsCreating);
  if (boot_mode && !rules::boot_mode_supported(img.architecture, *boot_mode)) return make_error(ErrorRow::kInvalidBootModeNotSupport);
  if (boot_mode && *boot_mode != img.boot_mode &&
      !world.instances_created_from(*idx).empty())
    return make_error(ErrorRow::kOperationDeinedImageUsingByInstance);
  if (imds && *imds == "v1" && img.imds_support == "v2") return make_error(ErrorRow::kInvalidOperationFeaturesImdsSupportNotMatch);
  if (name) {
    const auto other = world.find_image_by_name(region_id, *name);
    if (other && *other != *idx) return make_error(ErrorRow::kInvalidImageNameDuplicatedModify);
  }
  if (family && *family != img.family) {
    auto it = region->images_per_family.find(std::string(*family));
    const std::int64_t in_family = it == region->images_per_family.end() ? 0 : it->second;
    if (in_family == 0 && static_cast<std::int64_t>(region->images_per_family.size()) >= region->quota.image_families)
      return make_error(ErrorRow::kImageFamilyQuotaFull);
    if (in_family >= region->quota.images_per_family) return make_error(ErrorRow::kImageQuotaFullImageFamily);
  }
  const bool deprecate = status && *status == "Deprecated";
  const bool restore = status && *status == "Available";
  if (deprecate && !world.image_shared_with(*idx).empty()) return make_error(ErrorRow::kImageUseSharedModify);
  if (deprecate && img.status != ImageStatus::kAvailable) return make_error(ErrorRow::kImageStatusNotAvailable);
  if (restore && img.status != ImageStatus::kDeprecated) return make_error(ErrorRow::kImageStatusNotDeprecated);

  Image& target = world.image(*idx);
  if (name) world.rename_image(*idx, std::string(*name));
  if (description) target.description = std::string(*description);
  if (family) set_image_family(world, *idx, std::string(*family));
  if (boot_mode) target.boot_mode = std::string(*boot_mode);
  if (imds) target.imds_support = std::string(*imds);
  const sim::SimTime now = ctx.scheduler.now();
  if (deprecate) {
    world.set_image_status(*idx, ImageStatus::kDeprecated, now);
    ctx.bus.publish({now, LifecycleEvent::Kind::kImageDeprecated, *idx});
  } else if (restore) {
    world.set_image_status(*idx, ImageStatus::kAvailable, now);
    ctx.bus.publish({now, LifecycleEvent::Kind::kImageRestored, *idx});
  }
  ApiResponse response;
  // A status change is followed like DeleteImage's: the record's status is the new state.
  if (status) response.tracked = TrackedResource{ResourceKind::kImage, *idx};
  return response;
}

}  // namespace ecsim::models
