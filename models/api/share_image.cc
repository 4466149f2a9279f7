#include <set>
#include <string>
#include <vector>

#include "models/api/error_catalog.h"
#include "models/api/lifecycle_handlers.h"

// Precedence of ModifyImageSharePermission's checks (first failing check answers):
//
//   #  check                                                      error (HTTP)
//   -- --------------------------------------------------------- ----------------------------------------
//   1  RegionId given                                             MissingParameter (400)
//   2  ImageId given                                              MissingParameter (400)
//   3  region exists                                              InvalidRegionId.NotFound (404)
//   4  the image exists there and is the account's own            InvalidImageId.NotFound (404; "only the
//                                                                 creator ... can share")
//   5  no AddAccount.N is the owner itself                        InvalidAccount.Forbbiden (404)
//   6  not Deprecated                                             OperationDenied.InvalidImageStatus (403)
//   7  Available                                                  IncorrectImageStatus (400)
//   8  at most 50 accounts after the change                       QuotaExceed.ShareImageUser (403)
//   9  DryRun                                                     DryRunOperation (400)
//
// Apply: RemoveAccount.N first, then AddAccount.N (N = 1..10 each, as the reference allows). A
// shared image cannot be deleted (ImageUseShared) until every account is removed.

namespace ecsim::models {
namespace {

constexpr std::size_t kMaxShareAccounts = 50;  // Limits page: "up to 50 accounts" (now a quota)

std::vector<std::string> numbered(const ApiRequest& r, const std::string& prefix) {
  std::vector<std::string> out;
  for (int n = 1; n <= 100; ++n) {
    if (auto v = r.get(prefix + "." + std::to_string(n))) out.emplace_back(*v);
  }
  return out;
}

}  // namespace

ApiResult ModifyImageSharePermissionHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  World& world = ctx.world;
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const auto image_id = request.get("ImageId");
  if (!image_id) return make_error(ErrorRow::kMissingParameterImageId);
  if (world.find_region(region_id) == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  const auto idx = world.find_own_image(region_id, *image_id);
  if (!idx) return make_error(ErrorRow::kInvalidImageIdNotFound);
  const std::vector<std::string> add = numbered(request, "AddAccount");
  const std::vector<std::string> remove = numbered(request, "RemoveAccount");
  for (const std::string& a : add) {
    if (a == world.account.account_id) return make_error(ErrorRow::kInvalidAccountForbbiden);
  }
  Image& img = world.image(*idx);
  if (img.status == ImageStatus::kDeprecated) return make_error(ErrorRow::kOperationDeniedInvalidImageStatus);
  if (img.status != ImageStatus::kAvailable) return make_error(ErrorRow::kIncorrectImageStatusShare);
  const std::vector<std::string>& before = world.image_shared_with(*idx);
  std::set<std::string> after(before.begin(), before.end());
  for (const std::string& a : remove) after.erase(a);
  for (const std::string& a : add) after.insert(a);
  if (after.size() > kMaxShareAccounts) return make_error(ErrorRow::kQuotaExceedShareImageUser);
  if (request.flag("DryRun")) return make_error(ErrorRow::kDryRunOperation);
  world.set_image_shared_with(*idx, std::vector<std::string>(after.begin(), after.end()));
  return ApiResponse{};
}

}  // namespace ecsim::models
