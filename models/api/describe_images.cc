#include <algorithm>
#include <string>
#include <vector>

#include "models/api/error_catalog.h"
#include "models/api/lifecycle_handlers.h"
#include "models/image_family.h"

// Precedence of DescribeImages' checks (first failing check answers):
//
//   #  check                                                      error (HTTP)
//   -- --------------------------------------------------------- ----------------------------------------
//   1  RegionId given                                             MissingParameter (400)
//   2  ImageOwnerAlias one of system, self, others, marketplace   InvalidImageOwnerAlias.ValueNotSupported (400)
//   3  every Status value one of Creating, Waiting, Available,    InvalidParamter [sic] (400)
//      UnAvailable, CreateFailed, Deprecated
//   4  PageNumber >= 1; PageSize 1-100                            InvalidParamter (400)
//   5  region exists                                              InvalidRegionId.NotFound (404)
//
// Answer: the region's images that pass every filter. Status defaults to Available (so a poller
// must ask for Creating,Waiting explicitly); ImageOwnerAlias absent means system + self + others;
// ImageId is a comma-separated list. Newest first (CreationTime, then creation order), then
// paged (PageSize default 10). Fields: TotalCount, PageNumber, PageSize, RegionId, and per image
// Images.N.{ImageId, ImageName, ImageFamily, Status, Progress ("NN%"), CreationTime,
// ImageOwnerAlias, IsCopied, Size (GiB)}, usable as ${NAME.Images.1.Status}.
//
// Precedence of DescribeImageFromFamily's checks:
//
//   1  RegionId given                                             MissingParameter (400)
//   2  ImageFamily given                                          MissingParameter (400)
//   3  region exists                                              InvalidRegionId.NotFound (404)
//
// Answer: Image.{ImageId, ImageName, ImageFamily, Status, CreationTime} of the family's latest
// Available custom image (models/image_family.h); no Image fields when it has none ("the response
// is empty").

namespace ecsim::models {
namespace {

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ' ') continue;
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::optional<std::int64_t> small_int(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

int progress_percent(const ApiContext& ctx, ImageIndex i) {
  const Image& img = ctx.world.image(i);
  if (img.status == ImageStatus::kAvailable || img.status == ImageStatus::kDeprecated ||
      img.status == ImageStatus::kUnAvailable)
    return 100;
  if (img.copied_from != kNoIndex && ctx.copies != nullptr) return ctx.copies->progress_percent(i);
  return ctx.images.progress_percent(i);
}

std::string size_gib(const Image& img) {
  std::int64_t bytes = 0;
  for (const ImageDiskMapping& m : img.mappings) bytes += m.size_bytes;
  constexpr std::int64_t GiB = 1024LL * 1024 * 1024;
  return std::to_string((bytes + GiB - 1) / GiB);
}

}  // namespace

ApiResult DescribeImagesHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  const World& world = ctx.world;
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const auto alias = request.get("ImageOwnerAlias");
  if (alias && *alias != "system" && *alias != "self" && *alias != "others" && *alias != "marketplace")
    return make_error(ErrorRow::kInvalidImageOwnerAliasValueNotSupported);
  std::vector<ImageStatus> statuses;
  for (const std::string& s : split_commas(request.get("Status").value_or("Available"))) {
    const auto st = parse_image_status(s);
    if (!st || *st == ImageStatus::kDeleted) return make_error(ErrorRow::kInvalidParamterDescribe, {"Status " + s + "."});
    statuses.push_back(*st);
  }
  std::int64_t page_number = 1, page_size = 10;
  if (auto v = request.get("PageNumber")) {
    const auto n = small_int(*v);
    if (!n || *n < 1) return make_error(ErrorRow::kInvalidParamterDescribe, {"PageNumber " + std::string(*v) + "."});
    page_number = *n;
  }
  if (auto v = request.get("PageSize")) {
    const auto n = small_int(*v);
    if (!n || *n < 1 || *n > 100) return make_error(ErrorRow::kInvalidParamterDescribe, {"PageSize " + std::string(*v) + "."});
    page_size = *n;
  }
  if (ctx.world.find_region(region_id) == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  const std::vector<std::string> ids = split_commas(request.get("ImageId").value_or(""));
  const auto name = request.get("ImageName");
  const auto family = request.get("ImageFamily");

  std::vector<ImageIndex> matches;
  for (std::size_t i = 0; i < world.images().size(); ++i) {
    const Image& img = world.images()[i];
    if (img.status == ImageStatus::kDeleted || img.region_id != region_id) continue;
    if (alias ? img.owner_alias != *alias : img.owner_alias == "marketplace") continue;
    if (std::find(statuses.begin(), statuses.end(), img.status) == statuses.end()) continue;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), img.image_id) == ids.end()) continue;
    if (name && img.name != *name) continue;
    if (family && img.family != *family) continue;
    matches.push_back(static_cast<ImageIndex>(i));
  }
  // Newest first; at equal CreationTime the one created later first.
  std::stable_sort(matches.begin(), matches.end(), [&](ImageIndex a, ImageIndex b) {
    const auto& ta = world.image(a).creation_time;
    const auto& tb = world.image(b).creation_time;
    return tb < ta || (ta == tb && a > b);
  });

  ApiResponse response;
  response.fields.emplace_back("TotalCount", std::to_string(matches.size()));
  response.fields.emplace_back("PageNumber", std::to_string(page_number));
  response.fields.emplace_back("PageSize", std::to_string(page_size));
  response.fields.emplace_back("RegionId", region_id);
  const std::size_t first = static_cast<std::size_t>((page_number - 1) * page_size);
  for (std::size_t k = first; k < matches.size() && k < first + static_cast<std::size_t>(page_size); ++k) {
    const Image& img = world.image(matches[k]);
    const std::string prefix = "Images." + std::to_string(k - first + 1) + ".";
    response.fields.emplace_back(prefix + "ImageId", img.image_id);
    response.fields.emplace_back(prefix + "ImageName", img.name);
    response.fields.emplace_back(prefix + "ImageFamily", img.family);
    response.fields.emplace_back(prefix + "Status", std::string(to_string(img.status)));
    response.fields.emplace_back(prefix + "Progress", std::to_string(progress_percent(ctx, matches[k])) + "%");
    response.fields.emplace_back(prefix + "CreationTime", sim::format_calendar_time(img.creation_time));
    response.fields.emplace_back(prefix + "ImageOwnerAlias", img.owner_alias);
    response.fields.emplace_back(prefix + "IsCopied", img.copied_from != kNoIndex ? "true" : "false");
    response.fields.emplace_back(prefix + "Size", size_gib(img));
  }
  return response;
}

ApiResult DescribeImageFromFamilyHandler::handle(const ApiRequest& request, ApiContext& ctx) {
  const World& world = ctx.world;
  const std::string region_id = request.region_id();
  if (region_id.empty()) return make_error(ErrorRow::kMissingParameterRegionId);
  const auto family = request.get("ImageFamily");
  if (!family) return make_error(ErrorRow::kMissingParameterImageFamily);
  if (ctx.world.find_region(region_id) == nullptr) return make_error(ErrorRow::kInvalidRegionIdNotFound);
  ApiResponse response;
  if (const auto latest = latest_image_in_family(world, region_id, *family)) {
    const Image& img = world.image(*latest);
    response.fields.emplace_back("Image.ImageId", img.image_id);
    response.fields.emplace_back("Image.ImageName", img.name);
    response.fields.emplace_back("Image.ImageFamily", img.family);
    response.fields.emplace_back("Image.Status", std::string(to_string(img.status)));
    response.fields.emplace_back("Image.CreationTime", sim::format_calendar_time(img.creation_time));
  }
  return response;
}

}  // namespace ecsim::models
