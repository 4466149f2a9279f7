#pragma once
// The kernel event kinds the models register. One place, so two models can never collide.

#include "sim/event.h"

namespace ecsim::models::event_kind {

inline constexpr sim::EventKind kWorkloadCall = 1;          // target: call index
inline constexpr sim::EventKind kSnapshotSetupDone = 2;     // target: snapshot index
inline constexpr sim::EventKind kSnapshotInstantAccess = 3; // target: snapshot index
inline constexpr sim::EventKind kSnapshotTransferTick = 4;  // target: region ordinal, arg: generation
inline constexpr sim::EventKind kImagePhaseDone = 5;        // target: image index, aux: phase
inline constexpr sim::EventKind kInstanceTransitionDone = 6;  // target: instance index, arg: generation
inline constexpr sim::EventKind kCopyTransferTick = 7;      // the copy service's next transfer completion
inline constexpr sim::EventKind kCopyBuildDone = 8;         // target: copy target image index
inline constexpr sim::EventKind kExportDone = 9;            // target: export task index

}  // namespace ecsim::models::event_kind
