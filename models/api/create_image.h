#pragma once
// CreateImage, as Alibaba's API reference describes it: three ways to build a custom image
// (from an instance, from DiskDeviceMapping, from a system-disk SnapshotId; InstanceId >
// DiskDeviceMapping > SnapshotId when several are given), every validation rule of the reference,
// ClientToken idempotency and DryRun. The call answers at once with an ImageId; the image becomes
// Available asynchronously (SnapshotService, ImageBuilder).
//
// The order in which the checks run is the precedence table at the top of create_image.cc; the
// same table is in docs/create_image.md.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/api/api_handler.h"

namespace ecsim::models {

// One DiskDeviceMapping.N entry as given.
struct DiskMappingParam {
  int n = 0;
  std::optional<std::string> snapshot_id;
  std::optional<std::string> size;
  std::optional<std::string> device;
  std::optional<std::string> disk_type;
  bool all_empty() const { return !snapshot_id && !size && !device && !disk_type; }
};

struct CreateImageParams {
  enum class Mode { kNone, kInstance, kDiskDeviceMapping, kSnapshot };

  std::string region_id;
  std::optional<std::string> instance_id;
  std::optional<std::string> snapshot_id;
  std::vector<DiskMappingParam> mappings;
  std::optional<std::string> image_name, description, image_family, image_version, platform, architecture,
      boot_mode, detection_strategy, imds_support, resource_group_id, client_token;
  std::vector<std::pair<std::string, std::string>> tags;  // in Tag.N order
  std::vector<int> tag_numbers;                            // the N of each tag
  bool dry_run = false;

  // The way the image is built, by the reference's priority InstanceId > DiskDeviceMapping > SnapshotId.
  Mode mode() const;
};

// Reads the typed parameters from the wire form (no validation).
CreateImageParams parse_create_image_params(const ApiRequest& request);

class CreateImageHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "CreateImage"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

}  // namespace ecsim::models
