#include <map>
#include <string>

#include "models/api/error_catalog.h"
#include "models/api/lifecycle_handlers.h"
#include "models/api/param_rules.h"
#include "sim/assert.h"

// Precedence of CopyImage's checks (first failing check answers):
//
//   #  check                                                      error (HTTP)
//   -- --------------------------------------------------------- ----------------------------------------
//   1  RegionId given                                             MissingParameter (400)
//   2  ImageId given                                              MissingParameter (400)
//   3  DestinationRegionId given                                  MissingParameter (400)
//   4  DestinationImageName format (ImageName's rule)             InvalidImageName.Malformed (400)
//   5  DestinationDescription format                              InvalidDescription.Malformed (400)
//   6  ClientToken ASCII, <= 64                                   InvalidParameter (400)
//   7  ClientToken seen before: same parameters -> the first      IdempotentParameterMismatch (403)
//      answer; other parameters -> error
//   8  source region exists                                       InvalidRegionId.NotFound (404)
//   9  destination differs from the source                        IncorrectDestinationRegion (403)
//   10 destination region declared in the scenario                DestinationRegion.NotFound (400)
//   11 a path joins the two in the region network                 RegionNotSupportCopy (403)
//   12 the image exists in the source region (not deleted)        InvalidImageId.NotFound (404)
//   13 an image shared with us (ImageOwnerAlias others)           OperationDenied.SameRegionOnly (403)
//      is copied only within its region
//   14 otherwise it is the account's own custom image             InvalidImageId.NotFound (404)
//   15 the source is Available                                    IncorrectImageStatus (400)
//   16 no copy of it to this destination Waiting or Creating      OperationDenied.ImageCopyConflict (400)
//   17 its data at most models.copy.max_image_bytes (2 TiB)       SizeExceed.Image (403)
//   18 DestinationImageName not used in the destination           InvalidImageName.Duplicated (400)
//   19 custom images in the destination below its quota           QuotaExceed.Image (403)
//   20 DryRun                                                     DryRunOperation (400)
//
// Apply: a new image in the destination (Waiting; Creating once a copy slot is free), copied_from
// set, the source's copies_in_flight raised (DeleteImage of either answers
// OperationDenied.ImageCopying). InvalidOperation.Conflict (409) is an injected fault only.
//
// Precedence of CancelCopyImage's checks:
//
//   1  RegionId given                                             MissingParameter (400)
//   2  ImageId given                                              MissingParameter (400)
//   3  region exists                                              InvalidRegionId.NotFound (404)
//   4  the image exists there and is the account's own            InvalidImageId.NotFound (404)
//   5  it is the target of a copy                                 ImageCreatedNotFromCopy (400)
//   6  the copy is still Waiting or Creating                      IncorrectImageStatus (400)
//
// Apply: the copy stops and the target becomes Deleted; the source is not touched.

namespace ecsim::models {
namespace {

std::map<std::string, std::string, std::less<>> idempotency_params(const ApiRequest& r) {
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& [k, v] : r.params) {
    if (k != "ClientToken" && k != "DryRun") out.emplace(k, v);
  }
  return out;
}

}  // namespace

ApiResult CopyImageHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  ECSIM_ASSERT_MSG(ctx.copies != nullptr, "the Simulation wires a CopyService");
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const auto image_id = request.get("ImageId");
  if (!image_id) return make_error(ErrorRow::kMissingParameterImageId);
  const auto dst_opt = request.get("DestinationRegionId");
  if (!dst_opt) return make_error(ErrorRow::kMissingParameterDestinationRegionId);
  const std::string dst(*dst_opt);
  const auto name = request.get("DestinationImageName");
  if (name && !rules::valid_image_name(*name)) return make_error(ErrorRow::kInvalidImageNameMalformed);
  const auto description = request.get("DestinationDescription");
  if (description && !rules::valid_description(*description)) return make_error(ErrorRow::kInvalidDescriptionMalformed);
  const auto token = request.get("ClientToken");
  if (token && !rules::valid_client_token(*token)) return make_error(ErrorRow::kInvalidParameterClientToken);
  const bool dry_run = request.flag("DryRun");
  std::string token_key;
  if (token && !dry_run) {
    token_key = "CopyImage/" + std::string(*token);
    if (auto it = ctx.client_tokens.find(token_key); it != ctx.client_tokens.end()) {
      if (it->second.params == idempotency_params(request)) return it->second.response;
      return make_error(ErrorRow::kIdempotentParameterMismatch);
    }
  }
  if (world.find_region(region_id) == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  if (dst == region_id) return make_error(ErrorRow::kIncorrectDestinationRegion);
  Region* dst_region = world.find_region(dst);
  if (dst_region == nullptr) return make_error(ErrorRow::kDestinationRegionNotFound);
  auto path = ctx.copies->network().best_path(region_id, dst);
  if (!path) return make_error(ErrorRow::kRegionNotSupportCopy);

  const auto idx = world.find_image(*image_id);
  if (!idx || world.image(*idx).region_id != region_id) return make_error(ErrorRow::kInvalidImageIdNotFound);
  const Image& src = world.image(*idx);
  if (src.owner_alias == "others") return make_error(ErrorRow::kOperationDeniedSameRegionOnly);
  if (src.owner_alias != "self" || src.owner_account != world.account.account_id)
    return make_error(ErrorRow::kInvalidImageIdNotFound);
  if (src.status != ImageStatus::kAvailable) return make_error(ErrorRow::kIncorrectImageStatusCopy);
  if (ctx.copies->copying(*idx, dst)) return make_error(ErrorRow::kOperationDeniedImageCopyConflict);
  if (world.image_data_bytes(*idx) > world.params.copy.max_image_bytes) return make_error(ErrorRow::kSizeExceedImage);
  if (name && world.find_image_by_name(dst, *name)) return make_error(ErrorRow::kInvalidImageNameDuplicatedCopy);
  if (dst_region->images_count >= dst_region->quota.images)
    return make_error(ErrorRow::kQuotaExceedImageCopy, {std::to_string(dst_region->quota.images)});
  if (dry_run) return make_error(ErrorRow::kDryRunOperation);

  const sim::SimTime now = ctx.scheduler.now();
  Image img;
  img.image_id = world.ids().next_image_id(dst);
  img.region_id = dst;
  img.name = std::string(name.value_or(""));
  img.description = std::string(description.value_or(src.description));
  img.owner_account = world.account.account_id;
  img.owner_alias = "self";
  img.resource_group = src.resource_group;
  img.platform = src.platform;
  img.architecture = src.architecture;
  img.boot_mode = src.boot_mode;
  img.imds_support = src.imds_support;
  img.status = ImageStatus::kWaiting;
  img.creation_time = world.calendar(now);
  img.created_at = now;
  img.created_by_call = ctx.call_index;
  img.copied_from = *idx;
  for (const ImageDiskMapping& m : src.mappings) {
    ImageDiskMapping copy = m;
    copy.snapshot = kNoIndex;  // the destination's own snapshots appear when the copy finishes
    img.mappings.push_back(copy);
  }
  const std::string new_id = img.image_id.str();
  const ImageIndex target = world.add_image(std::move(img));
  ctx.copies->submit(target, std::move(*path));

  ApiResponse response;
  response.fields.emplace_back("ImageId", new_id);
  response.tracked = TrackedResource{ResourceKind::kImage, target};
  if (!token_key.empty()) ctx.client_tokens.emplace(token_key, IdempotentRecord{idempotency_params(request), response});
  return response;
}

ApiResult CancelCopyImageHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  ECSIM_ASSERT_MSG(ctx.copies != nullptr, "the Simulation wires a CopyService");
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const auto image_id = request.get("ImageId");
  if (!image_id) return make_error(ErrorRow::kMissingParameterImageId);
  if (world.find_region(region_id) == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  const auto idx = world.find_own_image(region_id, *image_id);
  if (!idx) return make_error(ErrorRow::kInvalidImageIdNotFound);
  const Image& img = world.image(*idx);
  if (img.copied_from == kNoIndex) return make_error(ErrorRow::kImageCreatedNotFromCopy);
  if (img.status != ImageStatus::kWaiting && img.status != ImageStatus::kCreating)
    return make_error(ErrorRow::kIncorrectImageStatusCancelCopy);
  if (request.flag("DryRun")) return make_error(ErrorRow::kDryRunOperation);
  ctx.copies->cancel(*idx);
  ApiResponse response;
  response.tracked = TrackedResource{ResourceKind::kImage, *idx};
  return response;
}

}  // namespace ecsim::models
