// The error catalogue against Alibaba's CreateImage API reference: its error table, copied below
// verbatim (HTTP status, code, message, description, one row a line), must be the first
// kCreateImageTableRows rows of models::all_error_specs(), in the same order, each row starting
// with the catalogue's status, code and message.

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "models/api/error_catalog.h"

namespace ecsim::models {
namespace {

// "Error codes" of https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createimage
constexpr const char* kReferenceTable = R"REF(
400 InvalidImageName.Malformed The specified Image name is wrongly formed. The specified image name is invalid. The name must be 2 to 128 characters in length. It must start with a letter and cannot start with acs: or aliyun. It can contain letters, digits, periods (.), colons (:), underscores (_), and hyphens (-). It cannot contain http:// or https://.
400 InvalidImageName.Duplicated The specified image name is already in use. The specified image name is already in use.
400 InvalidDescription.Malformed The specified description is wrongly formed. The resource description is invalid. The description must be 2 to 256 characters in length and cannot start with http:// or https://.
400 InvalidImageVersion.Malformed The specified ImageVersion is wrongly formed. The specified image version is invalid, or you are not authorized to use the snapshot.
400 IncorrectInstanceStatus The current status of the instance does not support this operation. The instance is in a state that does not support the current operation.
400 InstanceLockedForSecurity The specified operation is denied as your instance is locked for security reasons.
400 InvalidDevice.Malformed The specified parameter DiskDeviceMapping.n.Device is not valid. The specified DiskDeviceMapping.N.Device parameter is invalid.
400 MissingParameter The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied. The SnapshotId, InstanceId, and DiskDeviceMapping parameters are required.
400 InvalidSize.ValueNotSupported The specified parameter DiskDeviceMapping.n.Size beyond the permitted range. The specified DiskDeviceMapping.N.Size parameter is out of range.
400 InvalidDevice.InUse The specified parameter DiskDeviceMapping.n.Device has been occupied. Device names specified in the DiskDeviceMapping.N.Device value are already in use.
400 OperationDenied The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot. The specified DiskDeviceMapping.N.SnapshotID parameter does not contain a system disk snapshot ID.
400 InvalidDiskCategory.CreateImage The specified diskCategory is not allowed to create image. Disks of the specified category cannot be used to create custom images.
400 InvalidArchitecture.Malformed The specified Architecture is wrongly formed. The specified Architecture parameter is invalid.
400 InvalidPlatform.Malformed The specified Platform is wrongly formed.
400 InvalidParameter.AllEmpty %s
400 InvalidParameter.DiskType The specified disk type which has kms key can't convert to system disk.
400 Duplicate.TagKey The Tag.N.Key contain duplicate key. The specified tag key already exists. Tag keys must be unique.
400 InvalidTagKey.Malformed The specified Tag.n.Key is not valid. The specified Tag.N.Key parameter is invalid.
400 InvalidTagValue.Malformed The specified Tag.n.Value is not valid. The specified tag value is invalid.
400 InvalidInstance.NotFoundSystemDisk The specified instance does not have system disk.
400 InvalidImageFamily.Malformed The format of the specified image family is invalid. The format of the specified image family is invalid.
400 ImageQuotaExceed.ImageFamily The specified image family exceeds the maximum number of images for one image family.
400 ImageFamilyQuotaExceed The number of image families exceeds the limit in the region.
400 InvalidDiskType.ValueNotSupported The specified disk type is not supported. The specified disk type is not supported.
400 IdempotenceParamNotMatch Request uses a client token in a previous request but is not identical to that request. This request and the previous request contain the same client token but different other parameters.
400 InvalidBootMode.NotSupport The specified parameter BootMode is not supported for current image architecture. The current image architecture does not support setting this boot mode.
400 InvalidParameter.FeaturesImdsSupport The specified parameter Features.ImdsSupport is not supported. The specified parameter Features.ImdsSupport is not supported.
400 InvalidOperation.DiskCategoryUnsupported The current category of the disk does not support this operation. The disk type does not support the current operation.
400 AccountForbidden.CreateOrder Order cannot be created due to abnormal account.
400 InvalidBootMode.Malformed The specified parameter BootMode is invalid. Valid options are BIOS, UEFI, and UEFI-Preferred. The specified parameter BootMode is invalid. Valid options are BIOS, UEFI, and UEFI-Preferred.
400 InvalidDetectionStrategy.Malformed The specified value for parameter DetectionStrategy is not supported. Please refer to the documentation for accepted values. The specified DetectionStrategy parameter value is not supported. Refer to the documentation for acceptable values.
500 InternalError The process of creating snapshot has failed due to some unknown error. The snapshot cannot be created.
403 IncorrectDiskStatus.NeverAttached The specified disk has never been attached to instance.
403 InvalidSnapshotId.NotReady The current status of the DiskDeviceMapping.n.SnapshotId or SnapshotId does not support this operation. The current disk has a snapshot being created, please try again later.
403 InvalidSnapshot.TooOld This operation is denied because the specified snapshot by DiskDeviceMapping.n.SnapshotId or SnapshotId is created before 2013-07-15. The operation is denied because the snapshot specified by the DiskDeviceMapping.N.SnapshotId or SnapshotId parameter was created before July 15, 2013.
403 OperationDenied The specified snapshot is not allowed to create image. The specified snapshot cannot be used to create images.
403 QuotaExceed.Image The Image Quota exceeds.
403 InvalidParamter.Conflict The specified same token is trying to make requests with different parameters. The same token is used to make requests that contain different parameters.
403 InvalidAccountStatus.NotEnoughBalance Your account does not have enough balance.
403 InvalidAccountStatus.SnapshotServiceUnavailable Snapshot service has not been opened yet. The operation is not supported while the snapshot service is not activated.
403 UserNotInTheWhiteList The user is not in the white list of create image by data disk snapshot. You are not authorized to create an image based on data disk snapshots. Try again when you are authorized to do so.
403 IncorrectDiskStatus.Invalid Device status is invalid, please restart instance and try again. The device is in an invalid state. Restart the instance and try again.
403 OperationDenied.InvalidSnapshotCategory %s This type of snapshot does not support the operation.
403 QuotaExceed.Snapshot The snapshot quota exceeds.
403 IncorrectDiskStatus.Transferring The specified device is transferring, you can retry after the process is finished. The specified disk is being migrated. Wait until the migration is complete and try again.
403 IncorrectDiskStatus The current disk status does not support this operation.
403 InvalidSystemSnapshot.Missing %s
403 IncorrectDiskStatus.CreatingSnapshot A previous snapshot creation is in process.
403 InvalidParameter.KMSKeyId.CMKUnauthorized The CMK needs to be added ECS tag.
403 InvalidParameter.KMSKeyId.CMKNotEnabled The CMK needs to be enabled.
403 InvalidParameter.KMSKeyId.KMSUnauthorized ECS service have no right to access your KMS. ECS is not authorized to access your KMS resources.
403 QuotaExceed.Tags %s The number of specified tags exceeds the upper limit. %s is a variable. An error message is dynamically returned based on call conditions.
403 InvalidSnapshotCategory.NotSupportImageCreation The specified snapshot category does not support create image.
403 TooManySnapshot.Unfinished There are too many snapshots being created, please wait for them to be created done.
403 HibernationConfigured.InstanceOperationForbidden The operation is not permitted due to limit of the hibernation configured instance. The operation cannot be performed due to the limitations of instances for which the instance hibernation feature is enabled.
403 SnapshotNotReady The specified snapshot is not ready. The specified snapshot is being created and cannot be used to create images.
403 IncorrectInstanceStatus.NeedRestart The instance needs to be restarted after adding a disk in a shutdown status. If you have attached disks to an instance in the Stopped state, you must start the instance before you can create a custom image from the instance.
403 QuotaExceed.ConcurrentSnapshotQuota The number of snapshots being created for the disk %s has exceeded the concurrent quota (%s). Please wait for the previous snapshots to complete before trying again. The number of snapshots being created for this disk has exceeded the concurrent quota. Please wait for the previous snapshots to complete before trying again.
403 InvalidOperation.SnapshotStorageLocationUnsupported Snapshots with storage location in CloudBox do not support the current operation. The snapshot of the storage location in the CloudBox does not support the current operation.
403 AccountEnterpriseStatusInvalid Your enterprise registration is marked as revoked/deregistered in the National Enterprise Credit Information Publicity System. Account transaction features (purchase/renewal/recharge) are disabled. Please update real-name certification via Account Center. Restrictions will auto-remove after verification. The registration status of your enterprise has been canceled (or revoked) in the national enterprise credit information publicity system, and your account will not be able to carry out transaction operations such as new purchase, renewal and recharge of products. Please change the real name authentication through the account center as soon as possible. After the change is completed, Aliyun will automatically lift the purchase restriction.
403 InvalidOperation.DefaultFreeSnapshotNotSupport The specified snapshot is a default free snapshot and does not support this operation. The specified snapshot is a default free snapshot and does not support the current operation.
404 InvalidSnapshotId.NotFound The specified SnapshotId does not exist.
404 InvalidInstanceId.NotFound The specified instance %s does not exist. The specified instance does not exist.
404 InvalidResourceGroup.NotFound The ResourceGroup provided does not exist in our records. The specified resource group does not exist.
)REF";

std::vector<std::string> reference_rows() {
  std::vector<std::string> rows;
  std::istringstream in(kReferenceTable);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) rows.push_back(line);
  }
  return rows;
}

TEST(ErrorCatalog, CreateImageTableHasTheReferencesSixtyFourRows) {
  EXPECT_EQ(kCreateImageTableRows, 64);
  EXPECT_EQ(reference_rows().size(), 64u);
  EXPECT_GE(all_error_specs().size(), static_cast<std::size_t>(kCreateImageTableRows));
}

TEST(ErrorCatalog, EachCreateImageRowMatchesTheReferenceStatusCodeAndMessage) {
  const std::vector<std::string> rows = reference_rows();
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kCreateImageTableRows));
  for (int i = 0; i < kCreateImageTableRows; ++i) {
    const ErrorSpec& spec = all_error_specs()[static_cast<std::size_t>(i)];
    const std::string expected_start =
        std::to_string(spec.http_status) + " " + std::string(spec.code) + " " + std::string(spec.message);
    const std::string& row = rows[static_cast<std::size_t>(i)];
    EXPECT_TRUE(row.starts_with(expected_start)) << "row " << i << "\n  reference: " << row
                                                 << "\n  catalogue: " << expected_start;
    // The message is the whole of the reference's message: what follows is the description or nothing.
    EXPECT_TRUE(row.size() == expected_start.size() || row[expected_start.size()] == ' ') << "row " << i;
  }
}

TEST(ErrorCatalog, CodeAndStatusIdentifyEachCreateImageRow) {
  std::set<std::pair<std::string, int>> seen;
  for (int i = 0; i < kCreateImageTableRows; ++i) {
    const ErrorSpec& spec = all_error_specs()[static_cast<std::size_t>(i)];
    EXPECT_TRUE(seen.emplace(std::string(spec.code), spec.http_status).second)
        << spec.code << " " << spec.http_status << " appears twice";
  }
}

TEST(ErrorCatalog, OperationDeniedHasA400AndA403RowWithDifferentMeanings) {
  const ErrorSpec& no_system = error_spec(ErrorRow::kOperationDeniedNoSystemSnapshot);
  const ErrorSpec& not_allowed = error_spec(ErrorRow::kOperationDeniedSnapshotNotAllowed);
  EXPECT_EQ(no_system.code, "OperationDenied");
  EXPECT_EQ(not_allowed.code, "OperationDenied");
  EXPECT_EQ(no_system.http_status, 400);
  EXPECT_EQ(not_allowed.http_status, 403);
}

TEST(ErrorCatalog, MakeErrorFillsPlaceholdersInOrder) {
  const sim::Error e = make_error(ErrorRow::kQuotaExceedConcurrentSnapshotQuota, {"d-1", "10"});
  EXPECT_EQ(e.http_status, 403);
  EXPECT_EQ(e.code, "QuotaExceed.ConcurrentSnapshotQuota");
  EXPECT_EQ(e.message,
            "The number of snapshots being created for the disk d-1 has exceeded the concurrent quota (10). Please "
            "wait for the previous snapshots to complete before trying again.");
}

TEST(ErrorCatalog, MakeErrorAppendsDetailWhenTheMessageHasNoPlaceholder) {
  EXPECT_EQ(make_error(ErrorRow::kInvalidInstanceIdNotFound, {"i-1"}).message, "The specified instance i-1 does not exist.");
  EXPECT_EQ(make_error(ErrorRow::kQuotaExceedImage, {"detail"}).message, "The Image Quota exceeds. detail");
  EXPECT_EQ(make_error(ErrorRow::kQuotaExceedImage).message, "The Image Quota exceeds.");
}

TEST(ErrorCatalog, EnvelopeRowsFollowTheTable) {
  EXPECT_GE(static_cast<int>(ErrorRow::kMissingParameterRegionId), kCreateImageTableRows);
  EXPECT_EQ(error_spec(ErrorRow::kInvalidRegionIdNotFound).http_status, 404);
  EXPECT_EQ(error_spec(ErrorRow::kDryRunOperation).code, "DryRunOperation");
  EXPECT_EQ(error_spec(ErrorRow::kDryRunOperation).http_status, 400);
}

}  // namespace
}  // namespace ecsim::models
