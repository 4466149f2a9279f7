// The error scenarios of the image-lifecycle calls: each folder scenarios/errors/<action>/ must
// make the API answer every row of that action's table that ecsim models (the rows listed below,
// the catalogue's order), the way errors/create_image/ covers CreateImage's table. A row is
// answered when a call the scenario expects to fail got exactly its code, HTTP status and message
// (message_fits_template, as for CreateImage: rows sharing a code are told apart by message).

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "models/api/error_catalog.h"
#include "tests/testing/scenario_runs.h"

namespace ecsim::scenario_tests {

using namespace ::ecsim::testing;  // scenario_files, run_scenario, test_name_for

namespace {

using models::ErrorRow;

struct FolderRows {
  std::string folder;
  std::vector<ErrorRow> rows;
};

const std::vector<FolderRows>& covered_folders() {
  static const std::vector<FolderRows> kFolders = {
      {"errors/modify_image_attribute",
       {ErrorRow::kInvalidImageNameDuplicatedModify, ErrorRow::kInvalidImageFamilyMalformedModify,
        ErrorRow::kImageQuotaFullImageFamily, ErrorRow::kImageFamilyQuotaFull, ErrorRow::kInvalidBootModeNotSupportModify,
        ErrorRow::kInvalidLicenseTypeNotSupported, ErrorRow::kImageStatusNotAvailable, ErrorRow::kImageStatusNotDeprecated,
        ErrorRow::kImageUseSharedModify, ErrorRow::kOperationDeinedImageUsingByInstance,
        ErrorRow::kInvalidOperationFeaturesImdsSupportNotMatch, ErrorRow::kInvalidStatusImageIsCreating}},
      {"errors/export_image",
       {ErrorRow::kMissingParameterOssBucket, ErrorRow::kInvalidRegionIdNotFoundExport, ErrorRow::kInvalidOssPrefixMalformed,
        ErrorRow::kInvalidImageFormatMalformed, ErrorRow::kIncorrectImageStatusExport, ErrorRow::kImageNotSupportedMarketplace,
        ErrorRow::kImageNotSupportedEncrypted, ErrorRow::kImageIsExportingExport, ErrorRow::kNoSetRoletoEcsServiceAcount,
        ErrorRow::kInvalidImageDiskAmountOrSize, ErrorRow::kConcurrentQuotaExceedExportImage,
        ErrorRow::kWeeklyQuotaExceedExportImage}},
      {"errors/describe_images", {ErrorRow::kInvalidImageOwnerAliasValueNotSupported, ErrorRow::kInvalidParamterDescribe}},
      {"errors/describe_image_from_family", {ErrorRow::kMissingParameterImageFamily}},
      {"errors/delete_image",
       {ErrorRow::kMissingParameterImageId, ErrorRow::kImageUsingByInstance, ErrorRow::kImageUseShared,
        ErrorRow::kOperationDeniedImageCopying, ErrorRow::kImageIsImporting, ErrorRow::kImageIsExporting,
        ErrorRow::kImageIsCreating, ErrorRow::kInvalidImageIdNotFound}},
  };
  return kFolders;
}

// The rows the folder's failing calls answered, each with the first scenario that did.
std::map<ErrorRow, std::string> rows_answered(const std::string& folder, const std::vector<ErrorRow>& wanted) {
  std::map<ErrorRow, std::string> out;
  for (const std::string& file : scenario_files(folder)) {
    const ScenarioRun run = run_scenario(file);
    EXPECT_TRUE(run.parsed.ok()) << file;
    if (!run.parsed.ok()) continue;
    const auto& records = run.sim->log().records();
    for (std::size_t i = 0; i < run.calls.size(); ++i) {
      const auto& expect = run.calls[i].expect;
      if (!expect || !expect->code) continue;
      const models::CallRecord& r = records[i];
      if (r.outcome != models::Outcome::kError || r.code != *expect->code) continue;
      for (ErrorRow row : wanted) {
        const models::ErrorSpec& s = models::error_spec(row);
        if (s.code == r.code && s.http_status == r.http_status && message_fits_template(r.message, s.message))
          out.emplace(row, file);
      }
    }
  }
  return out;
}

class LifecycleErrorFolder : public ::testing::TestWithParam<FolderRows> {};

TEST_P(LifecycleErrorFolder, ItsScenariosAnswerEveryRowOfTheActionsTable) {
  const FolderRows& f = GetParam();
  ASSERT_FALSE(scenario_files(f.folder).empty()) << f.folder << " has no scenario";
  const auto answered = rows_answered(f.folder, f.rows);
  for (ErrorRow row : f.rows) {
    const models::ErrorSpec& s = models::error_spec(row);
    EXPECT_TRUE(answered.contains(row)) << "no scenario in scenarios/" << f.folder << "/ answers " << s.http_status << " "
                                        << s.code << " (\"" << s.message << "\")";
  }
}

INSTANTIATE_TEST_SUITE_P(Folders, LifecycleErrorFolder, ::testing::ValuesIn(covered_folders()),
                         [](const ::testing::TestParamInfo<FolderRows>& info) { return test_name_for(info.param.folder); });

TEST(LifecycleErrorFolders, EveryRowAddedForTheLifecycleCallsBelongsToAFolder) {
  // The rows from ModifyImageAttribute on are this file's: a new one must be added to a folder
  // above (and get its scenario), or this fails.
  std::vector<bool> listed(static_cast<std::size_t>(ErrorRow::kCount), false);
  for (const FolderRows& f : covered_folders()) {
    for (ErrorRow row : f.rows) listed[static_cast<std::size_t>(row)] = true;
  }
  for (auto i = static_cast<std::size_t>(ErrorRow::kInvalidImageNameDuplicatedModify); i < listed.size(); ++i) {
    EXPECT_TRUE(listed[i]) << "row " << i << " (" << models::all_error_specs()[i].code << ") is in no folder's list";
  }
}

}  // namespace
}  // namespace ecsim::scenario_tests
