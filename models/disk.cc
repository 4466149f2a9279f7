#include "models/disk.h"

#include <array>
#include <utility>

#include "sim/assert.h"

namespace ecsim::models {
namespace {

constexpr std::array<std::pair<DiskCategory, std::string_view>, 11> kCategories{{
    {DiskCategory::kCloud, "cloud"},
    {DiskCategory::kCloudEfficiency, "cloud_efficiency"},
    {DiskCategory::kCloudSsd, "cloud_ssd"},
    {DiskCategory::kCloudEssd, "cloud_essd"},
    {DiskCategory::kCloudAuto, "cloud_auto"},
    {DiskCategory::kCloudEssdEntry, "cloud_essd_entry"},
    {DiskCategory::kEphemeralSsd, "ephemeral_ssd"},
    {DiskCategory::kLocalSsdPro, "local_ssd_pro"},
    {DiskCategory::kLocalHddPro, "local_hdd_pro"},
    {DiskCategory::kElasticEphemeralDiskStandard, "elastic_ephemeral_disk_standard"},
    {DiskCategory::kElasticEphemeralDiskPremium, "elastic_ephemeral_disk_premium"},
}};

constexpr std::array<std::pair<DiskStatus, std::string_view>, 7> kStatuses{{
    {DiskStatus::kInUse, "In_use"},
    {DiskStatus::kAvailable, "Available"},
    {DiskStatus::kAttaching, "Attaching"},
    {DiskStatus::kDetaching, "Detaching"},
    {DiskStatus::kCreating, "Creating"},
    {DiskStatus::kReIniting, "ReIniting"},
    {DiskStatus::kInvalid, "Invalid"},
}};

}  // namespace

std::optional<DiskCategory> parse_disk_category(std::string_view s) {
  for (const auto& [c, name] : kCategories) {
    if (name == s) return c;
  }
  return std::nullopt;
}

std::string_view to_string(DiskCategory c) {
  for (const auto& [cat, name] : kCategories) {
    if (cat == c) return name;
  }
  ECSIM_UNREACHABLE("unknown DiskCategory");
}

bool is_essd_family(DiskCategory c) {
  return c == DiskCategory::kCloudEssd || c == DiskCategory::kCloudAuto || c == DiskCategory::kCloudEssdEntry;
}

bool is_local_disk(DiskCategory c) {
  return c == DiskCategory::kEphemeralSsd || c == DiskCategory::kLocalSsdPro || c == DiskCategory::kLocalHddPro;
}

bool is_elastic_ephemeral(DiskCategory c) {
  return c == DiskCategory::kElasticEphemeralDiskStandard || c == DiskCategory::kElasticEphemeralDiskPremium;
}

std::optional<DiskStatus> parse_disk_status(std::string_view s) {
  for (const auto& [st, name] : kStatuses) {
    if (name == s) return st;
  }
  return std::nullopt;
}

std::string_view to_string(DiskStatus s) {
  for (const auto& [st, name] : kStatuses) {
    if (st == s) return name;
  }
  ECSIM_UNREACHABLE("unknown DiskStatus");
}

}  // namespace ecsim::models
