#include "models/api/error_catalog.h"

#include "sim/assert.h"

namespace ecsim::models {
namespace {

using R = ErrorRow;
constexpr std::array<ErrorSpec, static_cast<std::size_t>(ErrorRow::kCount)> kSpecs{{
    {R::kInvalidImageNameMalformed, 400, "InvalidImageName.Malformed", "The specified Image name is wrongly formed."},
    {R::kInvalidImageNameDuplicated, 400, "InvalidImageName.Duplicated", "The specified image name is already in use."},
    {R::kInvalidDescriptionMalformed, 400, "InvalidDescription.Malformed", "The specified description is wrongly formed."},
    {R::kInvalidImageVersionMalformed, 400, "InvalidImageVersion.Malformed", "The specified ImageVersion is wrongly formed."},
    {R::kIncorrectInstanceStatus, 400, "IncorrectInstanceStatus", "The current status of the instance does not support this operation."},
    {R::kInstanceLockedForSecurity, 400, "InstanceLockedForSecurity", "The specified operation is denied as your instance is locked for security reasons."},
    {R::kInvalidDeviceMalformed, 400, "InvalidDevice.Malformed", "The specified parameter DiskDeviceMapping.n.Device is not valid."},
    {R::kMissingParameterSource, 400, "MissingParameter", "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied."},
    {R::kInvalidSizeValueNotSupported, 400, "InvalidSize.ValueNotSupported", "The specified parameter DiskDeviceMapping.n.Size beyond the permitted range."},
    {R::kInvalidDeviceInUse, 400, "InvalidDevice.InUse", "The specified parameter DiskDeviceMapping.n.Device has been occupied."},
    {R::kOperationDeniedNoSystemSnapshot, 400, "OperationDenied", "The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot."},
    {R::kInvalidDiskCategoryCreateImage, 400, "InvalidDiskCategory.CreateImage", "The specified diskCategory is not allowed to create image."},
    {R::kInvalidArchitectureMalformed, 400, "InvalidArchitecture.Malformed", "The specified Architecture is wrongly formed."},
    {R::kInvalidPlatformMalformed, 400, "InvalidPlatform.Malformed", "The specified Platform is wrongly formed."},
    {R::kInvalidParameterAllEmpty, 400, "InvalidParameter.AllEmpty", "%s"},
    {R::kInvalidParameterDiskType, 400, "InvalidParameter.DiskType", "The specified disk type which has kms key can't convert to system disk."},
    {R::kDuplicateTagKey, 400, "Duplicate.TagKey", "The Tag.N.Key contain duplicate key."},
    {R::kInvalidTagKeyMalformed, 400, "InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid."},
    {R::kInvalidTagValueMalformed, 400, "InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid."},
    {R::kInvalidInstanceNotFoundSystemDisk, 400, "InvalidInstance.NotFoundSystemDisk", "The specified instance does not have system disk."},
    {R::kInvalidImageFamilyMalformed, 400, "InvalidImageFamily.Malformed", "The format of the specified image family is invalid."},
    {R::kImageQuotaExceedImageFamily, 400, "ImageQuotaExceed.ImageFamily", "The specified image family exceeds the maximum number of images for one image family."},
    {R::kImageFamilyQuotaExceed, 400, "ImageFamilyQuotaExceed", "The number of image families exceeds the limit in the region."},
    {R::kInvalidDiskTypeValueNotSupported, 400, "InvalidDiskType.ValueNotSupported", "The specified disk type is not supported."},
    {R::kIdempotenceParamNotMatch, 400, "IdempotenceParamNotMatch", "Request uses a client token in a previous request but is not identical to that request."},
    {R::kInvalidBootModeNotSupport, 400, "InvalidBootMode.NotSupport", "The specified parameter BootMode is not supported for current image architecture."},
    {R::kInvalidParameterFeaturesImdsSupport, 400, "InvalidParameter.FeaturesImdsSupport", "The specified parameter Features.ImdsSupport is not supported."},
    {R::kInvalidOperationDiskCategoryUnsupported, 400, "InvalidOperation.DiskCategoryUnsupported", "The current category of the disk does not support this operation."},
    {R::kAccountForbiddenCreateOrder, 400, "AccountForbidden.CreateOrder", "Order cannot be created due to abnormal account."},
    {R::kInvalidBootModeMalformed, 400, "InvalidBootMode.Malformed", "The specified parameter BootMode is invalid. Valid options are BIOS, UEFI, and UEFI-Preferred."},
    {R::kInvalidDetectionStrategyMalformed, 400, "InvalidDetectionStrategy.Malformed", "The specified value for parameter DetectionStrategy is not supported. Please refer to the documentation for accepted values."},
    {R::kInternalError, 500, "InternalError", "The process of creating snapshot has failed due to some unknown error."},
    {R::kIncorrectDiskStatusNeverAttached, 403, "IncorrectDiskStatus.NeverAttached", "The specified disk has never been attached to instance."},
    {R::kInvalidSnapshotIdNotReady, 403, "InvalidSnapshotId.NotReady", "The current status of the DiskDeviceMapping.n.SnapshotId or SnapshotId does not support this operation."},
    {R::kInvalidSnapshotTooOld, 403, "InvalidSnapshot.TooOld", "This operation is denied because the specified snapshot by DiskDeviceMapping.n.SnapshotId or SnapshotId is created before 2013-07-15."},
    {R::kOperationDeniedSnapshotNotAllowed, 403, "OperationDenied", "The specified snapshot is not allowed to create image."},
    {R::kQuotaExceedImage, 403, "QuotaExceed.Image", "The Image Quota exceeds."},
    {R::kInvalidParamterConflict, 403, "InvalidParamter.Conflict", "The specified same token is trying to make requests with different parameters."},
    {R::kInvalidAccountStatusNotEnoughBalance, 403, "InvalidAccountStatus.NotEnoughBalance", "Your account does not have enough balance."},
    {R::kInvalidAccountStatusSnapshotServiceUnavailable, 403, "InvalidAccountStatus.SnapshotServiceUnavailable", "Snapshot service has not been opened yet."},
    {R::kUserNotInTheWhiteList, 403, "UserNotInTheWhiteList", "The user is not in the white list of create image by data disk snapshot."},
    {R::kIncorrectDiskStatusInvalid, 403, "IncorrectDiskStatus.Invalid", "Device status is invalid, please restart instance and try again."},
    {R::kOperationDeniedInvalidSnapshotCategory, 403, "OperationDenied.InvalidSnapshotCategory", "%s"},
    {R::kQuotaExceedSnapshot, 403, "QuotaExceed.Snapshot", "The snapshot quota exceeds."},
    {R::kIncorrectDiskStatusTransferring, 403, "IncorrectDiskStatus.Transferring", "The specified device is transferring, you can retry after the process is finished."},
    {R::kIncorrectDiskStatus, 403, "IncorrectDiskStatus", "The current disk status does not support this operation."},
    {R::kInvalidSystemSnapshotMissing, 403, "InvalidSystemSnapshot.Missing", "%s"},
    {R::kIncorrectDiskStatusCreatingSnapshot, 403, "IncorrectDiskStatus.CreatingSnapshot", "A previous snapshot creation is in process."},
    {R::kInvalidParameterKmsKeyIdCmkUnauthorized, 403, "InvalidParameter.KMSKeyId.CMKUnauthorized", "The CMK needs to be added ECS tag."},
    {R::kInvalidParameterKmsKeyIdCmkNotEnabled, 403, "InvalidParameter.KMSKeyId.CMKNotEnabled", "The CMK needs to be enabled."},
    {R::kInvalidParameterKmsKeyIdKmsUnauthorized, 403, "InvalidParameter.KMSKeyId.KMSUnauthorized", "ECS service have no right to access your KMS."},
    {R::kQuotaExceedTags, 403, "QuotaExceed.Tags", "%s"},
    {R::kInvalidSnapshotCategoryNotSupportImageCreation, 403, "InvalidSnapshotCategory.NotSupportImageCreation", "The specified snapshot category does not support create image."},
    {R::kTooManySnapshotUnfinished, 403, "TooManySnapshot.Unfinished", "There are too many snapshots being created, please wait for them to be created done."},
    {R::kHibernationConfiguredInstanceOperationForbidden, 403, "HibernationConfigured.InstanceOperationForbidden", "The operation is not permitted due to limit of the hibernation configured instance."},
    {R::kSnapshotNotReady, 403, "SnapshotNotReady", "The specified snapshot is not ready."},
    {R::kIncorrectInstanceStatusNeedRestart, 403, "IncorrectInstanceStatus.NeedRestart", "The instance needs to be restarted after adding a disk in a shutdown status."},
    {R::kQuotaExceedConcurrentSnapshotQuota, 403, "QuotaExceed.ConcurrentSnapshotQuota", "The number of snapshots being created for the disk %s has exceeded the concurrent quota (%s). Please wait for the previous snapshots to complete before trying again."},
    {R::kInvalidOperationSnapshotStorageLocationUnsupported, 403, "InvalidOperation.SnapshotStorageLocationUnsupported", "Snapshots with storage location in CloudBox do not support the current operation."},
    {R::kAccountEnterpriseStatusInvalid, 403, "AccountEnterpriseStatusInvalid", "Your enterprise registration is marked as revoked/deregistered in the National Enterprise Credit Information Publicity System. Account transaction features (purchase/renewal/recharge) are disabled. Please update real-name certification via Account Center. Restrictions will auto-remove after verification."},
    {R::kInvalidOperationDefaultFreeSnapshotNotSupport, 403, "InvalidOperation.DefaultFreeSnapshotNotSupport", "The specified snapshot is a default free snapshot and does not support this operation."},
    {R::kInvalidSnapshotIdNotFound, 404, "InvalidSnapshotId.NotFound", "The specified SnapshotId does not exist."},
    {R::kInvalidInstanceIdNotFound, 404, "InvalidInstanceId.NotFound", "The specified instance %s does not exist."},
    {R::kInvalidResourceGroupNotFound, 404, "InvalidResourceGroup.NotFound", "The ResourceGroup provided does not exist in our records."},
    {R::kMissingParameterRegionId, 400, "MissingParameter", "The input parameter RegionId that is mandatory for processing this request is not supplied."},
    {R::kInvalidRegionIdNotFound, 404, "InvalidRegionId.NotFound", "The specified RegionId does not exist."},
    {R::kInvalidParameterClientToken, 400, "InvalidParameter", "The specified parameter ClientToken is not valid: it must be ASCII and at most 64 characters."},
    {R::kDryRunOperation, 400, "DryRunOperation", "Request validation has been passed with DryRun flag set."},
    {R::kThrottling, 400, "Throttling", "Request was denied due to request throttling, please try again after 5 minutes."},
    {R::kThrottlingUser, 429, "Throttling.User", "Request was denied due to user flow control."},
    {R::kServiceUnavailable, 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."},
    {R::kUnsupportedOperation, 400, "UnsupportedOperation", "The specified action is not supported by this simulator."},
    {R::kInvalidParameterMalformed, 400, "InvalidParameter", "%s"},
    // DeleteImage
    {R::kMissingParameterImageId, 400, "MissingParameter", "The input parameter ImageId that is mandatory for processing this request is not supplied."},
    {R::kImageUsingByInstance, 403, "ImageUsingByInstance", "The specified image has been used to create instances. You can use the DescribeInstances API to query these instances, or you can use the force parameter to proceed."},
    {R::kImageUseShared, 403, "ImageUseShared", "The specified image has been shared to others. You can use the DescribeImageSharePermission API to query the users who have been shared."},
    {R::kOperationDeniedImageCopying, 403, "OperationDenied.ImageCopying", "The image is being copied. Please use the CancelCopyImage API."},
    {R::kImageIsImporting, 403, "ImageIsImporting", "The specified Image is importing."},
    {R::kImageIsExporting, 403, "ImageIsExporting", "The specified image is currently being exported. You can use the DescribeTasks API to query the export task."},
    {R::kImageIsCreating, 403, "ImageIsCreating", "The specified image is being created."},
    {R::kInvalidImageIdNotFound, 404, "InvalidImageId.NotFound", "The specified ImageId does not exist."},
    // CreateSnapshot
    {R::kMissingParameterDiskId, 400, "MissingParameter", "The input parameter DiskId that is mandatory for processing this request is not supplied."},
    {R::kInvalidDiskIdNotFound, 404, "InvalidDiskId.NotFound", "The specified disk does not exist."},
    {R::kInvalidSnapshotNameMalformed, 400, "InvalidSnapshotName.Malformed", "The specified snapshot name is wrongly formed."},
    {R::kInvalidDescriptionMalformedSnapshot, 404, "InvalidDescription.Malformed", "The specified description is wrongly formed."},
    {R::kIncorrectInstanceStatusSnapshot, 400, "IncorrectInstanceStatus", "The current status of the resource does not support this operation."},
    {R::kInstanceLockedForSecuritySnapshot, 403, "InstanceLockedForSecurity", "The specified operation is denied as your instance is locked for security reasons."},
    {R::kDiskCategoryOperationNotSupported, 400, "DiskCategory.OperationNotSupported", "The operation is not supported to the category of the disk. %s"},
    {R::kIdempotentParameterMismatch, 403, "IdempotentParameterMismatch", "The specified parameters are different from before."},
    // DeleteSnapshot
    {R::kMissingParameterSnapshotId, 400, "MissingParameter", "The input parameter SnapshotId that is mandatory for processing this request is not supplied."},
    {R::kSnapshotCreatedImage, 403, "SnapshotCreatedImage", "The snapshot has been used to create user defined image(s)."},
    {R::kSnapshotCreatedDisk, 403, "SnapshotCreatedDisk", "The snapshot has been used to create disk(s)."},
    // StopInstances / StartInstances
    {R::kMissingParameterInstanceId, 400, "MissingParameter", "The input parameter InstanceId that is mandatory for processing this request is not supplied."},
    {R::kIncorrectInstanceStatusStartStop, 403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation."},
    // CopyImage
    {R::kMissingParameterDestinationRegionId, 400, "MissingParameter", "The input parameter DestinationRegionId that is mandatory for processing this request is not supplied."},
    {R::kDestinationRegionNotFound, 400, "DestinationRegion.NotFound", "The specified destination region does not exist."},
    {R::kIncorrectDestinationRegion, 403, "IncorrectDestinationRegion", "The destination region is not equal the target region."},
    {R::kRegionNotSupportCopy, 403, "RegionNotSupportCopy", "The source region or the destination region does not support image copy."},
    {R::kIncorrectImageStatusCopy, 400, "IncorrectImageStatus", "The image not available."},
    {R::kOperationDeniedImageCopyConflict, 400, "OperationDenied.ImageCopyConflict", "The same image cannot be copied concurrently. Please wait until the last copy is completed"},
    {R::kOperationDeniedSameRegionOnly, 403, "OperationDenied.SameRegionOnly", "The shared image can only be copied within the same region."},
    {R::kSizeExceedImage, 403, "SizeExceed.Image", "The image exceeds the maximum size. You can use the CopySnapshot API to copy the snapshots of the image and then create an image from them."},
    {R::kInvalidImageNameDuplicatedCopy, 400, "InvalidImageName.Duplicated", "The specified image name is already in use in the target region."},
    {R::kQuotaExceedImageCopy, 403, "QuotaExceed.Image", "The number of images exceeds the limit (%s)."},
    {R::kInvalidOperationConflict, 409, "InvalidOperation.Conflict", "Request was denied due to conflict with a previous request, please try again later."},
    // CancelCopyImage
    {R::kImageCreatedNotFromCopy, 400, "ImageCreatedNotFromCopy", "The specified image is not the target image of a copy action."},
    {R::kIncorrectImageStatusCancelCopy, 400, "IncorrectImageStatus", "The image has completed copy."},
    // ModifyImageSharePermission
    {R::kInvalidAccountForbbiden, 404, "InvalidAccount.Forbbiden", "The specified account is not allowed to share the image with: the image owner itself."},
    {R::kIncorrectImageStatusShare, 400, "IncorrectImageStatus", "The image is not available."},
    {R::kOperationDeniedInvalidImageStatus, 403, "OperationDenied.InvalidImageStatus", "The image cannot be shared when it is deprecated."},
    {R::kQuotaExceedShareImageUser, 403, "QuotaExceed.ShareImageUser", "The number of accounts the image is shared with exceeds the limit (50)."},
    // ModifyImageAttribute
    {R::kInvalidImageNameDuplicatedModify, 400, "InvalidImageName.Duplicated", "The specified Image name has already bean used."},
    {R::kInvalidImageFamilyMalformedModify, 400, "InvalidImageFamily.Malformed", "The specified parameter \"ImageFamily\" is malformed."},
    {R::kImageQuotaFullImageFamily, 400, "ImageQuotaFull.ImageFamily", "The specified image family has exceeded max number of images for one image family."},
    {R::kImageFamilyQuotaFull, 400, "ImageFamilyQuotaFull", "The specified region has exceeded max number of image family."},
    {R::kInvalidBootModeNotSupportModify, 400, "InvalidBootMode.NotSupport", "The specified parameter BootMode is not supported."},
    {R::kInvalidLicenseTypeNotSupported, 400, "InvalidLicenseType.NotSupported", "The specified parameter LicenseType is not supported."},
    {R::kImageStatusNotAvailable, 403, "ImageStatus.NotAvailable", "The specified image status is not available."},
    {R::kImageStatusNotDeprecated, 403, "ImageStatus.NotDeprecated", "The specified image status is not deprecated."},
    {R::kImageUseSharedModify, 403, "ImageUseShared", "The specified image has been shared to others, please remove shared accounts first."},
    {R::kOperationDeinedImageUsingByInstance, 403, "OperationDeined.ImageUsingByInstance", "The boot mode of the image cannot be modified because it has associated instances."},
    {R::kInvalidOperationFeaturesImdsSupportNotMatch, 403, "InvalidOperation.FeaturesImdsSupportNotMatch", "The specified parameter Features.ImdsSupport can not be set to v1 from v2."},
    {R::kInvalidStatusImageIsCreating, 403, "InvalidStatus.ImageIsCreating", "The operation cannot be performed because the image is creating. Please wait until the creation is complete and try again."},
    // ExportImage
    {R::kMissingParameterOssBucket, 400, "MissingParameter", "An input parameter \"OSSBucket\" that is mandatory for processing the request is not supplied."},
    {R::kInvalidRegionIdNotFoundExport, 400, "InvalidRegionId.NotFound", "The specified RegionId does not exist."},
    {R::kInvalidOssPrefixMalformed, 400, "InvalidOSSPrefix.Malformed", "The specified OSSPrefix format is wrongly formed."},
    {R::kInvalidImageFormatMalformed, 400, "InvalidImageFormat.Malformed", "The specified Image Format is wrongly formed."},
    {R::kIncorrectImageStatusExport, 400, "IncorrectImageStatus", "The specified Image is not available."},
    {R::kImageNotSupportedMarketplace, 403, "ImageNotSupported", "The specified image from the image market, do not support export image."},
    {R::kImageNotSupportedEncrypted, 400, "ImageNotSupported", "The specified Image contains encrypted snapshots, do not support export."},
    {R::kImageIsExportingExport, 403, "ImageIsExporting", "The specified Image is exporting."},
    {R::kNoSetRoletoEcsServiceAcount, 403, "NoSetRoletoECSServiceAcount", "ECS service account Have no right to access your OSS.please attach a role of access your oss to ECS service account."},
    {R::kInvalidImageDiskAmountOrSize, 400, "InvalidImage.DiskAmountOrSize", "%s"},
    {R::kConcurrentQuotaExceedExportImage, 403, "ConcurrentQuotaExceed.ExportImage", "%s"},
    {R::kWeeklyQuotaExceedExportImage, 403, "WeeklyQuotaExceed.ExportImage", "%s"},
    // DescribeImages / DescribeImageFromFamily
    {R::kInvalidImageOwnerAliasValueNotSupported, 400, "InvalidImageOwnerAlias.ValueNotSupported", "The specified ImageOwnerAlias value is not supported."},
    {R::kInvalidParamterDescribe, 400, "InvalidParamter", "Invalid Parameter. %s"},
    {R::kMissingParameterImageFamily, 400, "MissingParameter", "The input parameter ImageFamily that is mandatory for processing this request is not supplied."},
}};

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < kSpecs.size(); ++i) {
    if (static_cast<std::size_t>(kSpecs[i].row) != i) return false;
  }
  return true;
}
static_assert(rows_in_enum_order(), "kSpecs must list every ErrorRow in enum order");

}  // namespace

const ErrorSpec& error_spec(ErrorRow row) {
  const auto i = static_cast<std::size_t>(row);
  ECSIM_ASSERT(i < kSpecs.size());
  return kSpecs[i];
}

const std::array<ErrorSpec, static_cast<std::size_t>(ErrorRow::kCount)>& all_error_specs() { return kSpecs; }

sim::Error make_error(ErrorRow row, std::initializer_list<std::string_view> args) {
  const ErrorSpec& spec = error_spec(row);
  std::string message;
  const std::string_view tmpl = spec.message;
  auto arg = args.begin();
  bool had_placeholder = false;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '%' && i + 1 < tmpl.size() && tmpl[i + 1] == 's') {
      had_placeholder = true;
      if (arg != args.end()) message += *arg++;
      ++i;
    } else {
      message += tmpl[i];
    }
  }
  if (!had_placeholder && arg != args.end() && !arg->empty()) {
    message += " ";
    message += *arg;
  }
  return sim::Error{spec.http_status, std::string(spec.code), message};
}

}  // namespace ecsim::models
