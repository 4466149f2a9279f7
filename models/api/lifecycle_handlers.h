#pragma once
// The image-lifecycle calls around CreateImage: DeleteImage, CreateSnapshot, DeleteSnapshot,
// DescribeSnapshots, StopInstances, StartInstances, CopyImage, CancelCopyImage, ModifyImageSharePermission,
// ModifyImageAttribute, ExportImage, DescribeImages and DescribeImageFromFamily. Each handler's .cc starts with its
// precedence table (the first failing check answers); docs/lifecycle.md has the same tables with
// their sources.

#include <string_view>

#include "models/api/api_handler.h"

namespace ecsim::models {

class DeleteImageHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "DeleteImage"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

class CreateSnapshotHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "CreateSnapshot"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

class DeleteSnapshotHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "DeleteSnapshot"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

// DescribeSnapshots, reduced to what a polling client needs: SnapshotIds / DiskId / Status
// filters; TotalCount, and per snapshot SnapshotId, Status, Progress ("NN%").
class DescribeSnapshotsHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "DescribeSnapshots"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

class StopInstancesHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "StopInstances"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

class StartInstancesHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "StartInstances"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

class CopyImageHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "CopyImage"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

class CancelCopyImageHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "CancelCopyImage"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

// ModifyImageSharePermission: AddAccount.N / RemoveAccount.N of the owner's image, at most 50
// accounts.
class ModifyImageSharePermissionHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "ModifyImageSharePermission"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

// ModifyImageAttribute: ImageName, Description, ImageFamily, BootMode, LicenseType,
// Features.ImdsSupport, and Status (Deprecated to deprecate, Available to restore).
class ModifyImageAttributeHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "ModifyImageAttribute"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

// ExportImage: an asynchronous task writing the image to OSSBucket (models/export_service.h).
class ExportImageHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "ExportImage"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

// DescribeImages, reduced to what a polling client needs: ImageId / ImageName / ImageFamily /
// Status (default Available) / ImageOwnerAlias filters, PageNumber / PageSize; TotalCount, and
// per image ImageId, ImageName, ImageFamily, Status, Progress ("NN%"), CreationTime.
class DescribeImagesHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "DescribeImages"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

// DescribeImageFromFamily: the family's latest Available custom image (models/image_family.h).
class DescribeImageFromFamilyHandler : public ApiHandler {
 public:
  std::string_view action() const override { return "DescribeImageFromFamily"; }
  [[nodiscard]] ApiResult handle(const ApiRequest& request, ApiContext& ctx) override;
};

}  // namespace ecsim::models
