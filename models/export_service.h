#pragma once
// The ExportImage engine: each task writes an image's data to an OSS bucket of its region.
//
// A task takes models.export.setup plus the image's data (the used data of each snapshot's disk
// when the disk is in the scenario, otherwise the snapshot's size: CopyService's definition) over
// models.export.throughput, times log-normal noise from the stream export/<region>/duration.
// Tasks do not share bandwidth: the region's limit is on how many run at once
// (models.export.concurrent_per_region), checked by the handler, not a queue. While a task runs
// the image's exports_in_flight is raised, so DeleteImage answers ImageIsExporting and a second
// ExportImage of it answers ImageIsExporting too.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/lifecycle_bus.h"
#include "models/world.h"
#include "sim/rng.h"
#include "sim/scheduler.h"

namespace ecsim::models {

class ExportService : public sim::EventHandler {
 public:
  ExportService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs, LifecycleBus& bus);

  // Export tasks running in the region now.
  std::int64_t running(std::string_view region_id) const;
  // Export tasks started in the region in the 7 days up to `now` (WeeklyQuotaExceed.ExportImage).
  std::int64_t started_in_week(std::string_view region_id, sim::SimTime now) const;

  // Starts exporting `image` (Available, the account's own); returns the task ID (tsk-...).
  std::string start(ImageIndex image, std::string object_url);

  struct Task {
    std::string task_id;
    ImageIndex image = kNoIndex;
    std::string region_id;
    std::string object_url;  // oss://bucket/prefix..., for the narration
    sim::SimTime started_at;
    sim::SimTime done_at;
    bool done = false;
  };
  const std::vector<Task>& tasks() const { return tasks_; }

  void on_event(const sim::Event& event) override;

 private:
  World& world_;
  sim::Scheduler& scheduler_;
  sim::RngStreams& rngs_;
  LifecycleBus& bus_;
  std::vector<Task> tasks_;
};

}  // namespace ecsim::models
