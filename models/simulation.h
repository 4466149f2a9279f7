#pragma once
// One run of a scenario: builds the world from the spec, wires the engines and the workload,
// and runs the kernel. Everything random is drawn from streams of one root seed.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/api/api_context.h"
#include "models/call_log.h"
#include "models/copy_service.h"
#include "models/export_service.h"
#include "models/image_builder.h"
#include "models/instance_service.h"
#include "models/lifecycle_bus.h"
#include "models/scenario/scenario_spec.h"
#include "models/snapshot_service.h"
#include "models/workload_driver.h"
#include "models/world.h"
#include "sim/rng.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class TraceCallSource;

class Simulation {
 public:
  // REQUIRES: spec passed validation (references resolve, IDs unique).
  Simulation(const ScenarioSpec& spec, std::uint64_t seed);
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Runs to the end of the workload and of every job it started (or to run.until).
  sim::RunStop run(std::uint64_t events_max = 500'000'000);

  std::uint64_t seed() const { return seed_; }
  const World& world() const { return world_; }
  World& world() { return world_; }
  const CallLog& log() const { return log_; }
  // The workload driver: its calls() are the run's calls in issue order, aligned with log().
  const WorkloadDriver& driver() const { return *driver_; }
  // The number of workload calls issued (the call log ends with one record per call).
  std::size_t workload_size() const { return static_cast<std::size_t>(driver_->issued()); }
  // Streams the run (WorkloadDriver::stream_to): each call's record goes to `sink` once settled
  // and is dropped; run() ends by handing over the rest. Afterwards log() holds no records, so
  // whatever needs the whole log (expectations, assertions, narration, events.jsonl, the invariant
  // monitor's call checks) must run without it. REQUIRES: before run().
  void stream_calls_to(CallSink* sink) { driver_->stream_to(sink); }
  sim::Scheduler& scheduler() { return scheduler_; }
  const sim::Scheduler& scheduler() const { return scheduler_; }
  LifecycleBus& bus() { return bus_; }
  const ImageBuilder& image_builder() const { return *images_; }
  const SnapshotService& snapshot_service() const { return *snapshots_; }
  const CopyService& copy_service() const { return *copies_; }
  // Problems met reading the scenario's trace during the run: none when the trace validated and
  // did not change since. A run with any stops taking calls at the first.
  std::vector<std::string> trace_errors() const;
  const ExportService& export_service() const { return *exports_; }

 private:
  void build_world(const ScenarioSpec& spec);

  std::uint64_t seed_;
  std::optional<sim::SimDuration> horizon_;
  sim::Scheduler scheduler_;
  sim::RngStreams rngs_;
  World world_;
  FaultPlan faults_;
  LifecycleBus bus_;
  CallLog log_;
  std::map<std::string, IdempotentRecord, std::less<>> client_tokens_;
  std::unique_ptr<SnapshotService> snapshots_;
  std::unique_ptr<ImageBuilder> images_;
  std::unique_ptr<InstanceService> instance_service_;
  std::unique_ptr<CopyService> copies_;
  std::unique_ptr<ExportService> exports_;
  std::unique_ptr<ApiContext> ctx_;
  std::unique_ptr<WorkloadDriver> driver_;
  const TraceCallSource* trace_ = nullptr;  // owned by the driver's call source
};

}  // namespace ecsim::models
