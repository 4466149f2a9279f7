#include "models/snapshot.h"

#include <array>
#include <utility>

#include "sim/assert.h"

namespace ecsim::models {
namespace {
constexpr std::array<std::pair<SnapshotCategory, std::string_view>, 3> kNames{{
    {SnapshotCategory::kStandard, "standard"},
    {SnapshotCategory::kFlash, "flash"},
    {SnapshotCategory::kArchive, "archive"},
}};
}  // namespace

std::optional<SnapshotCategory> parse_snapshot_category(std::string_view s) {
  for (const auto& [c, name] : kNames) {
    if (name == s) return c;
  }
  return std::nullopt;
}

std::string_view to_string(SnapshotCategory c) {
  for (const auto& [cat, name] : kNames) {
    if (cat == c) return name;
  }
  ECSIM_UNREACHABLE("unknown SnapshotCategory");
}

}  // namespace ecsim::models
