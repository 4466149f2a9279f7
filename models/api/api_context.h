#pragma once
// What an API handler may touch: the world, the clock, the random streams and the engines that
// run asynchronous work. Handlers validate against the world and then apply; they never schedule
// kernel events themselves except through the engines.

#include <cstdint>
#include <map>
#include <string>

#include "models/api/request.h"
#include "models/copy_service.h"
#include "models/export_service.h"
#include "models/image_builder.h"
#include "models/instance_service.h"
#include "models/lifecycle_bus.h"
#include "models/snapshot_service.h"
#include "models/world.h"
#include "sim/rng.h"
#include "sim/scheduler.h"

namespace ecsim::models {

// ClientToken bookkeeping: what the first successful request with a token asked and got.
struct IdempotentRecord {
  std::map<std::string, std::string, std::less<>> params;  // without ClientToken and DryRun
  ApiResponse response;
};

struct ApiContext {
  World& world;
  sim::Scheduler& scheduler;
  sim::RngStreams& rngs;
  SnapshotService& snapshots;
  ImageBuilder& images;
  LifecycleBus& bus;
  std::map<std::string, IdempotentRecord, std::less<>>& client_tokens;  // key: Action + "/" + token
  std::uint32_t call_index = 0;
  InstanceService* instances = nullptr;  // StopInstances / StartInstances; set by the Simulation
  CopyService* copies = nullptr;         // CopyImage / CancelCopyImage; set by the Simulation
  ExportService* exports = nullptr;      // ExportImage; set by the Simulation
};

}  // namespace ecsim::models
