#include "models/image_family.h"

namespace ecsim::models {
namespace {

bool own_custom(const World& world, const Image& img) {
  return img.owner_account == world.account.account_id && img.owner_alias == "self";
}

}  // namespace

std::optional<ImageIndex> latest_image_in_family(const World& world, std::string_view region_id, std::string_view family) {
  std::optional<ImageIndex> best;
  for (std::size_t i = 0; i < world.images().size(); ++i) {
    const Image& img = world.images()[i];
    if (img.status != ImageStatus::kAvailable || img.region_id != region_id || img.family != family || !own_custom(world, img))
      continue;
    // >=: at equal creation times the image created later (higher index) is the latest.
    if (!best || !(img.creation_time < world.image(*best).creation_time)) best = static_cast<ImageIndex>(i);
  }
  return best;
}

void set_image_family(World& world, ImageIndex i, const std::string& family) {
  Image& img = world.image(i);
  if (img.family == family) return;
  // World::add_image and set_image_status keep the same counters for the account's own images.
  Region* r = world.find_region(img.region_id);
  if (r != nullptr && own_custom(world, img) && img.status != ImageStatus::kDeleted) {
    if (!img.family.empty() && --r->images_per_family[img.family] == 0) r->images_per_family.erase(img.family);
    if (!family.empty()) ++r->images_per_family[family];
  }
  img.family = family;
}

}  // namespace ecsim::models
