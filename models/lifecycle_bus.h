#pragma once
// What happened to snapshots and images, as it happens. The simulator's own machinery acts on
// these directly; observers (the call log's status tracking, the narration, the event trace)
// subscribe to the bus and never change the trajectory.

#include <cstdint>
#include <vector>

#include "sim/time.h"

namespace ecsim::models {

struct LifecycleEvent {
  enum class Kind {
    kSnapshotStarted,         // index: snapshot; progressing, setup phase
    kSnapshotTransferStarted, // index: snapshot; sharing the region's snapshot service
    kSnapshotUsable,          // index: snapshot; instant access made it usable before completion
    kSnapshotAccomplished,    // index: snapshot
    kSnapshotFailed,          // index: snapshot
    kSnapshotDeleted,         // index: snapshot
    kImageCreating,           // index: image
    kImageSnapshotsReady,     // index: image; registration starts
    kImageRegistered,         // index: image; the image check starts (DetectionStrategy)
    kImageAvailable,          // index: image
    kImageCreateFailed,       // index: image
    kImageDeleted,            // index: image
    kImageCopyStarted,        // index: image (a copy target); Waiting -> Creating, its transfer starts
    kImageCopyTransferred,    // index: image (a copy target); data in the destination, building starts
    kImageDeprecated,         // index: image; ModifyImageAttribute Status=Deprecated
    kImageRestored,           // index: image; ModifyImageAttribute Status=Available
    kImageExportStarted,      // index: image; an ExportImage task starts (ImageIsExporting until done)
    kImageExportFinished,     // index: image; an ExportImage task wrote its object to OSS
  };
  sim::SimTime at;
  Kind kind;
  std::uint32_t index;
};

const char* to_string(LifecycleEvent::Kind k);

class LifecycleObserver {
 public:
  virtual ~LifecycleObserver() = default;
  virtual void on_lifecycle(const LifecycleEvent& event) = 0;
};

class LifecycleBus {
 public:
  void subscribe(LifecycleObserver* observer) { observers_.push_back(observer); }
  void publish(const LifecycleEvent& event) {
    for (LifecycleObserver* o : observers_) o->on_lifecycle(event);
  }

 private:
  std::vector<LifecycleObserver*> observers_;
};

}  // namespace ecsim::models
