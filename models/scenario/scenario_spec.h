#pragma once
// A scenario file, parsed: plain data mirroring the YAML keys (../shared/contract.md §2 and
// docs/scenarios.md). References between resources are still IDs (strings); the Simulation
// resolves them when it builds the world.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/account.h"
#include "models/api/request.h"
#include "models/disk.h"
#include "models/faults.h"
#include "models/image.h"
#include "models/instance.h"
#include "models/model_params.h"
#include "models/region.h"
#include "models/snapshot.h"
#include "sim/time.h"

namespace ecsim::models {

struct SourcePos {
  int line = 0;  // 1-based; 0 when unknown
  int col = 0;
};

struct Expectation {
  bool has_code = false;
  std::optional<std::string> code;  // nullopt with has_code: the call succeeds
  std::optional<int> http;
  std::optional<std::string> status;
  std::optional<sim::SimDuration> within;
  SourcePos pos;
};

struct WorkloadCallSpec {
  sim::SimTime at;
  std::optional<std::string> name;
  ApiRequest request;
  std::optional<Expectation> expect;
  SourcePos pos;
};

struct DiskSpec {
  Disk disk;  // instance index unresolved
};

struct InstanceSpec {
  Instance instance;
  std::vector<Disk> disks;
  SourcePos pos;
};

struct SnapshotSpec {
  Snapshot snapshot;
  SourcePos pos;
};

struct ImageSpec {
  Image image;
  std::vector<std::string> snapshot_ids;  // the image's snapshots, system first
  SourcePos pos;
};

struct ScenarioSpec {
  std::string file;
  std::string name;
  std::uint64_t seed = 0;
  sim::CalendarTime start;
  Account account;
  std::map<std::string, Region, std::less<>> regions;
  std::vector<InstanceSpec> instances;
  std::vector<SnapshotSpec> snapshots;
  std::vector<ImageSpec> images;
  ModelParams params;
  FaultPlan faults;
  std::vector<WorkloadCallSpec> workload;  // in file order
  std::optional<sim::SimDuration> horizon;  // run.until: stop the clock there
};

}  // namespace ecsim::models
