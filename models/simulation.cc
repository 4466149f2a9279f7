#include "models/simulation.h"

#include <algorithm>

#include "models/api/create_image.h"
#include "models/scenario/generators.h"
#include "models/scenario/trace_reader.h"
#include "models/api/lifecycle_handlers.h"
#include "sim/assert.h"

namespace ecsim::models {

Simulation::Simulation(const ScenarioSpec& spec, std::uint64_t seed)
    : seed_(seed), horizon_(spec.horizon), rngs_(seed), world_(seed, spec.start), faults_(spec.faults) {
  build_world(spec);
  snapshots_ = std::make_unique<SnapshotService>(world_, scheduler_, rngs_, faults_, bus_);
  images_ = std::make_unique<ImageBuilder>(world_, scheduler_, rngs_, *snapshots_, bus_);
  instance_service_ = std::make_unique<InstanceService>(world_, scheduler_, rngs_, faults_.instance_locks);
  copies_ = std::make_unique<CopyService>(world_, scheduler_, rngs_, bus_,
                                          spec.network ? RegionNetwork(*spec.network) : RegionNetwork(),
                                          faults_.link_slowdowns);
  exports_ = std::make_unique<ExportService>(world_, scheduler_, rngs_, bus_);
  ctx_ = std::make_unique<ApiContext>(ApiContext{world_, scheduler_, rngs_, *snapshots_, *images_, bus_, client_tokens_, 0,
                                                 instance_service_.get(), copies_.get(), exports_.get()});

  // Issue order: by time, ties in file order, generated calls after the explicit ones (generators.h).
  std::unique_ptr<CallSource> calls = std::make_unique<VectorCallSource>(issue_order(spec, seed));
  if (spec.trace) {
    auto trace = std::make_unique<TraceCallSource>(*spec.trace, trace_context(spec));
    trace_ = trace.get();
    calls = std::make_unique<MergedCallSource>(std::move(calls), std::move(trace));
  }
  driver_ = std::make_unique<WorkloadDriver>(std::move(calls), *ctx_, faults_, log_, spec.clients);
  driver_->register_handler(std::make_unique<CreateImageHandler>());
  driver_->register_handler(std::make_unique<DeleteImageHandler>());
  driver_->register_handler(std::make_unique<CreateSnapshotHandler>());
  driver_->register_handler(std::make_unique<DeleteSnapshotHandler>());
  driver_->register_handler(std::make_unique<DescribeSnapshotsHandler>());
  driver_->register_handler(std::make_unique<StopInstancesHandler>());
  driver_->register_handler(std::make_unique<StartInstancesHandler>());
  driver_->register_handler(std::make_unique<CopyImageHandler>());
  driver_->register_handler(std::make_unique<CancelCopyImageHandler>());
  driver_->register_handler(std::make_unique<ModifyImageSharePermissionHandler>());
  driver_->register_handler(std::make_unique<ModifyImageAttributeHandler>());
  driver_->register_handler(std::make_unique<ExportImageHandler>());
  driver_->register_handler(std::make_unique<DescribeImagesHandler>());
  driver_->register_handler(std::make_unique<DescribeImageFromFamilyHandler>());

  // The image builder reacts first; observers that only record come after it.
  bus_.subscribe(images_.get());
  bus_.subscribe(driver_.get());
}

void Simulation::build_world(const ScenarioSpec& spec) {
  world_.account = spec.account;
  world_.params = spec.params;
  for (const auto& [id, region] : spec.regions) {
    Region& r = world_.add_region(id);
    r.quota = region.quota;
    r.snapshot_capacity_bytes_per_s = region.snapshot_capacity_bytes_per_s;
    r.empty_disk_category = region.empty_disk_category;
    r.missing_image_delete = region.missing_image_delete;
    r.copy_slots = region.copy_slots;
  }
  // Images first (instances refer to the image they were created from), but an image's
  // snapshots must exist before it: snapshots of scenario disks are added after the disks, so
  // images are added in a second pass.
  for (const InstanceSpec& is : spec.instances) {
    const InstanceIndex i = world_.add_instance(is.instance);
    for (Disk d : is.disks) {
      d.instance = i;
      d.region_id = is.instance.region_id;
      world_.add_disk(std::move(d));
    }
  }
  for (const SnapshotSpec& ss : spec.snapshots) {
    Snapshot s = ss.snapshot;
    if (auto d = world_.find_disk(s.source_disk_id)) {
      const Disk& disk = world_.disk(*d);
      s.source_disk = *d;
      if (!s.source_disk_category) s.source_disk_category = disk.category;
      if (s.source_disk_size_bytes == 0) s.source_disk_size_bytes = disk.size_bytes;
      if (s.region_id.empty()) s.region_id = disk.region_id;
    }
    if (s.status == SnapshotStatus::kAccomplished) s.usable = true;
    const SnapshotIndex idx = world_.add_snapshot(std::move(s));
    // Incremental snapshots count from the newest accomplished snapshot of the disk.
    const Snapshot& added = world_.snapshot(idx);
    if (added.source_disk != kNoIndex && added.status == SnapshotStatus::kAccomplished) {
      auto& last = world_.disk(added.source_disk).last_snapshot_time;
      if (!last || *last < added.creation_time) last = added.creation_time;
    }
  }
  for (const ImageSpec& is : spec.images) {
    Image img = is.image;
    char data_device = 'b';
    for (std::size_t k = 0; k < is.snapshot_ids.size(); ++k) {
      auto s = world_.find_snapshot(is.snapshot_ids[k]);
      ECSIM_ASSERT_MSG(s.has_value(), "validated scenario refers to an unknown snapshot");
      ImageDiskMapping m;
      m.snapshot = *s;
      m.type = k == 0 ? DiskType::kSystem : DiskType::kData;
      m.device = k == 0 ? "/dev/xvda" : std::string("/dev/xvd") + data_device++;
      m.size_bytes = world_.snapshot(*s).source_disk_size_bytes;
      img.mappings.push_back(m);
    }
    if (img.owner_account.empty()) img.owner_account = world_.account.account_id;
    world_.add_image(std::move(img));
  }
  // Instances created from an image: the edge needs both, so add it now.
  for (std::size_t i = 0; i < world_.instances().size(); ++i) {
    const Instance& inst = world_.instances()[i];
    if (inst.image_id.empty()) continue;
    if (auto img = world_.find_image(inst.image_id)) {
      world_.set_created_from(static_cast<InstanceIndex>(i), *img);
    }
  }
}

std::vector<std::string> Simulation::trace_errors() const {
  std::vector<std::string> out;
  if (trace_ != nullptr) {
    for (const ScenarioError& e : trace_->errors()) out.push_back(e.to_string());
  }
  return out;
}

sim::RunStop Simulation::run(std::uint64_t events_max) {
  sim::RunLimits limits;
  limits.events_max = events_max;
  if (horizon_) limits.end = sim::SimTime::zero() + *horizon_;
  const sim::RunStop stop = scheduler_.run(limits);
  // Stopped by run.until: the calls the clock never reached still get their (empty) records.
  if (stop == sim::RunStop::kReachedEnd) driver_->issue_remaining();
  // Streamed: at the end of the run the records still held go out too, so the sink ends with
  // every call issued. Not after a chunk (kHitEventLimit): run() may be called again to go on.
  if (stop == sim::RunStop::kExhausted || stop == sim::RunStop::kReachedEnd) driver_->flush();
  return stop;
}

}  // namespace ecsim::models
