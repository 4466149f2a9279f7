#pragma once
// The state machines of images and snapshots, as transition tables. The simulator changes a
// state only through transition(), which asserts that the move is in the table; `ecsim lifecycle
// --dot` draws the same tables, so the picture cannot drift from the code.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace ecsim::models {

enum class ImageStatus : std::uint8_t { kWaiting, kCreating, kAvailable, kCreateFailed, kDeprecated, kUnAvailable, kDeleted };
enum class SnapshotStatus : std::uint8_t { kProgressing, kAccomplished, kFailed, kDeleted };

std::string_view to_string(ImageStatus s);
std::string_view to_string(SnapshotStatus s);
std::optional<ImageStatus> parse_image_status(std::string_view s);
std::optional<SnapshotStatus> parse_snapshot_status(std::string_view s);

template <typename State>
struct Transition {
  State from;
  State to;
  std::string_view cause;
};

std::span<const Transition<ImageStatus>> image_transitions();
std::span<const Transition<SnapshotStatus>> snapshot_transitions();

bool image_transition_allowed(ImageStatus from, ImageStatus to);
bool snapshot_transition_allowed(SnapshotStatus from, SnapshotStatus to);

// Terminal states of the creation process (what `expect: {status: ...}` waits for).
bool is_terminal(ImageStatus s);
bool is_terminal(SnapshotStatus s);

}  // namespace ecsim::models
