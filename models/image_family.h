#pragma once
// Image families: how a family's latest image is chosen, and moving an image between families.
//
// Alibaba: "Image families recognize the latest images based on the image creation time ... Each
// image family always points to the latest image that is in the Available state", and
// DescribeImageFromFamily "only returns the available custom images that are newly created in the
// specified image family". So the latest image of a family in a region is the account's own
// custom image there, in that family, with status Available (a Deprecated one is skipped), with
// the greatest CreationTime; images created at the same instant are told apart by creation
// order (the later one wins), so the choice is deterministic.

#include <optional>
#include <string>
#include <string_view>

#include "models/world.h"

namespace ecsim::models {

std::optional<ImageIndex> latest_image_in_family(const World& world, std::string_view region_id, std::string_view family);

// Moves image `i` to `family` ("" leaves every family), keeping the region's per-family counters
// (quota.image_families, quota.images_per_family) equal to the tables.
void set_image_family(World& world, ImageIndex i, const std::string& family);

}  // namespace ecsim::models
