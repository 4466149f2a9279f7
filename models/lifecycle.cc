#include "models/lifecycle.h"

#include <array>
#include <utility>

#include "sim/assert.h"

namespace ecsim::models {
namespace {

using I = ImageStatus;
using S = SnapshotStatus;

constexpr std::array<Transition<ImageStatus>, 13> kImageTransitions{{
    {I::kWaiting, I::kCreating, "a copy slot in the region frees up"},
    {I::kWaiting, I::kDeleted, "CancelCopyImage / DeleteImage of a queued copy"},
    {I::kCreating, I::kAvailable, "every snapshot ready, image registered (and checked)"},
    {I::kCreating, I::kCreateFailed, "a snapshot failed or the copy failed"},
    {I::kCreating, I::kDeleted, "CancelCopyImage"},
    {I::kAvailable, I::kDeprecated, "ModifyImageAttribute Status=Deprecated"},
    {I::kDeprecated, I::kAvailable, "ModifyImageAttribute Status=Available"},
    {I::kAvailable, I::kDeleted, "DeleteImage"},
    {I::kDeprecated, I::kDeleted, "DeleteImage"},
    {I::kCreateFailed, I::kDeleted, "DeleteImage"},
    {I::kUnAvailable, I::kDeleted, "DeleteImage"},
    {I::kAvailable, I::kUnAvailable, "a backing snapshot was lost"},
    {I::kUnAvailable, I::kAvailable, "restored"},
}};

constexpr std::array<Transition<SnapshotStatus>, 5> kSnapshotTransitions{{
    {S::kProgressing, S::kAccomplished, "all data copied"},
    {S::kProgressing, S::kFailed, "the snapshot job failed"},
    {S::kProgressing, S::kDeleted, "DeleteSnapshot cancels the job"},
    {S::kAccomplished, S::kDeleted, "DeleteSnapshot"},
    {S::kFailed, S::kDeleted, "DeleteSnapshot"},
}};

constexpr std::array<std::pair<ImageStatus, std::string_view>, 7> kImageNames{{
    {I::kWaiting, "Waiting"},
    {I::kCreating, "Creating"},
    {I::kAvailable, "Available"},
    {I::kCreateFailed, "CreateFailed"},
    {I::kDeprecated, "Deprecated"},
    {I::kUnAvailable, "UnAvailable"},
    {I::kDeleted, "Deleted"},
}};

constexpr std::array<std::pair<SnapshotStatus, std::string_view>, 4> kSnapshotNames{{
    {S::kProgressing, "progressing"},
    {S::kAccomplished, "accomplished"},
    {S::kFailed, "failed"},
    {S::kDeleted, "Deleted"},
}};

}  // namespace

std::string_view to_string(ImageStatus s) {
  for (const auto& [st, name] : kImageNames) {
    if (st == s) return name;
  }
  ECSIM_UNREACHABLE("unknown ImageStatus");
}

std::string_view to_string(SnapshotStatus s) {
  for (const auto& [st, name] : kSnapshotNames) {
    if (st == s) return name;
  }
  ECSIM_UNREACHABLE("unknown SnapshotStatus");
}

std::optional<ImageStatus> parse_image_status(std::string_view s) {
  for (const auto& [st, name] : kImageNames) {
    if (name == s) return st;
  }
  return std::nullopt;
}

std::optional<SnapshotStatus> parse_snapshot_status(std::string_view s) {
  for (const auto& [st, name] : kSnapshotNames) {
    if (name == s) return st;
  }
  return std::nullopt;
}

std::span<const Transition<ImageStatus>> image_transitions() { return kImageTransitions; }
std::span<const Transition<SnapshotStatus>> snapshot_transitions() { return kSnapshotTransitions; }

bool image_transition_allowed(ImageStatus from, ImageStatus to) {
  for (const auto& t : kImageTransitions) {
    if (t.from == from && t.to == to) return true;
  }
  return false;
}

bool snapshot_transition_allowed(SnapshotStatus from, SnapshotStatus to) {
  for (const auto& t : kSnapshotTransitions) {
    if (t.from == from && t.to == to) return true;
  }
  return false;
}

bool is_terminal(ImageStatus s) {
  return s == I::kAvailable || s == I::kCreateFailed || s == I::kDeleted || s == I::kDeprecated || s == I::kUnAvailable;
}

bool is_terminal(SnapshotStatus s) { return s != S::kProgressing; }

}  // namespace ecsim::models
