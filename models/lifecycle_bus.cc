#include "models/lifecycle_bus.h"

#include "sim/assert.h"

namespace ecsim::models {

const char* to_string(LifecycleEvent::Kind k) {
  using K = LifecycleEvent::Kind;
  switch (k) {
    case K::kSnapshotStarted: return "snapshot_started";
    case K::kSnapshotTransferStarted: return "snapshot_transfer_started";
    case K::kSnapshotUsable: return "snapshot_usable";
    case K::kSnapshotAccomplished: return "snapshot_accomplished";
    case K::kSnapshotFailed: return "snapshot_failed";
    case K::kSnapshotDeleted: return "snapshot_deleted";
    case K::kImageCreating: return "image_creating";
    case K::kImageSnapshotsReady: return "image_snapshots_ready";
    case K::kImageRegistered: return "image_registered";
    case K::kImageAvailable: return "image_available";
    case K::kImageCreateFailed: return "image_create_failed";
    case K::kImageDeleted: return "image_deleted";
    case K::kImageCopyStarted: return "image_copy_started";
    case K::kImageCopyTransferred: return "image_copy_transferred";
    case K::kImageDeprecated: return "image_deprecated";
    case K::kImageRestored: return "image_restored";
    case K::kImageExportStarted: return "image_export_started";
    case K::kImageExportFinished: return "image_export_finished";
  }
  ECSIM_UNREACHABLE("unknown LifecycleEvent::Kind");
}

}  // namespace ecsim::models
