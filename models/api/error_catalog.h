#pragma once
// The single source of truth for the error codes the simulated region answers: one row per
// (code, HTTP status, message) as Alibaba's API reference lists them. Nothing else in ecsim
// spells a code or a status; handlers name a row (ErrorRow) and call make_error().
//
// Where the same code appears with two statuses or two meanings in the reference (OperationDenied
// is 400 for a mapping without a system snapshot and 403 for a snapshot that may not be used), it
// has two rows. Rows marked "(ours)" are not in the CreateImage table; they come from the common
// error envelope (MissingParameter for RegionId, InvalidRegionId.NotFound, DryRunOperation,
// throttling) documented in ../shared/reference/alibaba-api-facts.md §1.1.

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>

#include "sim/error.h"

namespace ecsim::models {

enum class ErrorRow {
  // --- CreateImage, HTTP 400 (the reference's table, in its order) ---
  kInvalidImageNameMalformed,
  kInvalidImageNameDuplicated,
  kInvalidDescriptionMalformed,
  kInvalidImageVersionMalformed,
  kIncorrectInstanceStatus,
  kInstanceLockedForSecurity,
  kInvalidDeviceMalformed,
  kMissingParameterSource,
  kInvalidSizeValueNotSupported,
  kInvalidDeviceInUse,
  kOperationDeniedNoSystemSnapshot,
  kInvalidDiskCategoryCreateImage,
  kInvalidArchitectureMalformed,
  kInvalidPlatformMalformed,
  kInvalidParameterAllEmpty,
  kInvalidParameterDiskType,
  kDuplicateTagKey,
  kInvalidTagKeyMalformed,
  kInvalidTagValueMalformed,
  kInvalidInstanceNotFoundSystemDisk,
  kInvalidImageFamilyMalformed,
  kImageQuotaExceedImageFamily,
  kImageFamilyQuotaExceed,
  kInvalidDiskTypeValueNotSupported,
  kIdempotenceParamNotMatch,
  kInvalidBootModeNotSupport,
  kInvalidParameterFeaturesImdsSupport,
  kInvalidOperationDiskCategoryUnsupported,
  kAccountForbiddenCreateOrder,
  kInvalidBootModeMalformed,
  kInvalidDetectionStrategyMalformed,
  // --- HTTP 500 ---
  kInternalError,
  // --- HTTP 403 ---
  kIncorrectDiskStatusNeverAttached,
  kInvalidSnapshotIdNotReady,
  kInvalidSnapshotTooOld,
  kOperationDeniedSnapshotNotAllowed,
  kQuotaExceedImage,
  kInvalidParamterConflict,
  kInvalidAccountStatusNotEnoughBalance,
  kInvalidAccountStatusSnapshotServiceUnavailable,
  kUserNotInTheWhiteList,
  kIncorrectDiskStatusInvalid,
  kOperationDeniedInvalidSnapshotCategory,
  kQuotaExceedSnapshot,
  kIncorrectDiskStatusTransferring,
  kIncorrectDiskStatus,
  kInvalidSystemSnapshotMissing,
  kIncorrectDiskStatusCreatingSnapshot,
  kInvalidParameterKmsKeyIdCmkUnauthorized,
  kInvalidParameterKmsKeyIdCmkNotEnabled,
  kInvalidParameterKmsKeyIdKmsUnauthorized,
  kQuotaExceedTags,
  kInvalidSnapshotCategoryNotSupportImageCreation,
  kTooManySnapshotUnfinished,
  kHibernationConfiguredInstanceOperationForbidden,
  kSnapshotNotReady,
  kIncorrectInstanceStatusNeedRestart,
  kQuotaExceedConcurrentSnapshotQuota,
  kInvalidOperationSnapshotStorageLocationUnsupported,
  kAccountEnterpriseStatusInvalid,
  kInvalidOperationDefaultFreeSnapshotNotSupport,
  // --- HTTP 404 ---
  kInvalidSnapshotIdNotFound,
  kInvalidInstanceIdNotFound,
  kInvalidResourceGroupNotFound,
  // --- end of the CreateImage table (64 rows) ---

  // --- common envelope and neighbouring APIs (ours) ---
  kMissingParameterRegionId,
  kInvalidRegionIdNotFound,
  kInvalidParameterClientToken,
  kDryRunOperation,
  kThrottling,
  kThrottlingUser,
  kServiceUnavailable,
  kUnsupportedOperation,
  kInvalidParameterMalformed,

  // --- DeleteImage (../shared/reference/alibaba-api-facts.md §1.2, current table) ---
  kMissingParameterImageId,
  kImageUsingByInstance,
  kImageUseShared,
  kOperationDeniedImageCopying,
  kImageIsImporting,
  kImageIsExporting,
  kImageIsCreating,
  kInvalidImageIdNotFound,
  // --- CreateSnapshot ---
  kMissingParameterDiskId,
  kInvalidDiskIdNotFound,
  kInvalidSnapshotNameMalformed,
  kInvalidDescriptionMalformedSnapshot,
  kIncorrectInstanceStatusSnapshot,
  kInstanceLockedForSecuritySnapshot,
  kDiskCategoryOperationNotSupported,
  kIdempotentParameterMismatch,
  // --- DeleteSnapshot ---
  kMissingParameterSnapshotId,
  kSnapshotCreatedImage,
  kSnapshotCreatedDisk,
  // --- StopInstances / StartInstances ---
  kMissingParameterInstanceId,
  kIncorrectInstanceStatusStartStop,
  // --- CopyImage ---
  kMissingParameterDestinationRegionId,
  kDestinationRegionNotFound,
  kIncorrectDestinationRegion,
  kRegionNotSupportCopy,
  kIncorrectImageStatusCopy,
  kOperationDeniedImageCopyConflict,
  kOperationDeniedSameRegionOnly,
  kSizeExceedImage,
  kInvalidImageNameDuplicatedCopy,
  kQuotaExceedImageCopy,
  kInvalidOperationConflict,
  // --- CancelCopyImage ---
  kImageCreatedNotFromCopy,
  kIncorrectImageStatusCancelCopy,
  // --- ModifyImageSharePermission ---
  kInvalidAccountForbbiden,
  kIncorrectImageStatusShare,
  kOperationDeniedInvalidImageStatus,
  kQuotaExceedShareImageUser,
  // --- ModifyImageAttribute (current table, change log to 2025-04-29; docs/lifecycle.md) ---
  kInvalidImageNameDuplicatedModify,
  kInvalidImageFamilyMalformedModify,
  kImageQuotaFullImageFamily,
  kImageFamilyQuotaFull,
  kInvalidBootModeNotSupportModify,
  kInvalidLicenseTypeNotSupported,
  kImageStatusNotAvailable,
  kImageStatusNotDeprecated,
  kImageUseSharedModify,
  kOperationDeinedImageUsingByInstance,
  kInvalidOperationFeaturesImdsSupportNotMatch,
  kInvalidStatusImageIsCreating,
  // --- ExportImage ---
  kMissingParameterOssBucket,
  kInvalidRegionIdNotFoundExport,
  kInvalidOssPrefixMalformed,
  kInvalidImageFormatMalformed,
  kIncorrectImageStatusExport,
  kImageNotSupportedMarketplace,
  kImageNotSupportedEncrypted,
  kImageIsExportingExport,
  kNoSetRoletoEcsServiceAcount,
  kInvalidImageDiskAmountOrSize,
  kConcurrentQuotaExceedExportImage,
  kWeeklyQuotaExceedExportImage,
  // --- DescribeImages / DescribeImageFromFamily ---
  kInvalidImageOwnerAliasValueNotSupported,
  kInvalidParamterDescribe,
  kMissingParameterImageFamily,

  kCount,
};

struct ErrorSpec {
  ErrorRow row;
  int http_status;
  std::string_view code;
  std::string_view message;
};

// Number of rows that make up the CreateImage reference table.
inline constexpr int kCreateImageTableRows = 64;

const ErrorSpec& error_spec(ErrorRow row);

// The error value for a row. `args` fill the message's %s placeholders in order (missing ones are
// left out); when the message has no placeholder, the first argument is appended as detail.
[[nodiscard]] sim::Error make_error(ErrorRow row, std::initializer_list<std::string_view> args = {});

// Every row, in table order (for documentation and tests).
const std::array<ErrorSpec, static_cast<std::size_t>(ErrorRow::kCount)>& all_error_specs();

}  // namespace ecsim::models
