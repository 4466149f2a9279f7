#include "models/export_service.h"

#include <algorithm>
#include <cmath>

#include "models/event_kinds.h"
#include "models/id_generator.h"
#include "sim/assert.h"

namespace ecsim::models {

ExportService::ExportService(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs, LifecycleBus& bus)
    : world_(world), scheduler_(scheduler), rngs_(rngs), bus_(bus) {
  scheduler_.set_handler(event_kind::kExportDone, this);
}

std::int64_t ExportService::running(std::string_view region_id) const {
  std::int64_t n = 0;
  for (const Task& t : tasks_) n += (!t.done && t.region_id == region_id) ? 1 : 0;
  return n;
}

std::int64_t ExportService::started_in_week(std::string_view region_id, sim::SimTime now) const {
  const sim::SimDuration week = sim::SimDuration::hours(24 * 7);
  std::int64_t n = 0;
  for (const Task& t : tasks_) n += (t.region_id == region_id && now - t.started_at < week) ? 1 : 0;
  return n;
}

std::string ExportService::start(ImageIndex image, std::string object_url) {
  Image& img = world_.image(image);
  ECSIM_ASSERT(img.status == ImageStatus::kAvailable);
  const sim::SimTime now = scheduler_.now();
  const ExportModelParams& p = world_.params.exports;
  const double f = rngs_.stream("export/" + img.region_id + "/duration").lognormal_unit_mean(p.noise_cv);
  const double transfer_s = static_cast<double>(world_.image_data_bytes(image)) / static_cast<double>(p.throughput_bytes_per_s);
  const sim::SimDuration duration = sim::SimDuration::from_seconds_rounded((p.setup.seconds_f() + transfer_s) * f);

  Task t;
  // Alibaba's shape tsk-<region code><18 characters>; a counter keeps it deterministic and unique.
  std::string n = std::to_string(tasks_.size() + 1);
  t.task_id = "tsk-" + IdGenerator::region_code(img.region_id) + std::string(18 - std::min<std::size_t>(18, n.size()), '0') + n;
  t.image = image;
  t.region_id = img.region_id;
  t.object_url = std::move(object_url);
  t.started_at = now;
  t.done_at = now + duration;
  const auto index = static_cast<std::uint32_t>(tasks_.size());
  tasks_.push_back(t);
  ++img.exports_in_flight;
  scheduler_.schedule_at(t.done_at, sim::Event{event_kind::kExportDone, 0, index, 0});
  bus_.publish({now, LifecycleEvent::Kind::kImageExportStarted, image});
  return t.task_id;
}

void ExportService::on_event(const sim::Event& event) {
  ECSIM_ASSERT(event.kind == event_kind::kExportDone);
  ECSIM_ASSERT(event.target < tasks_.size());
  Task& t = tasks_[event.target];
  ECSIM_ASSERT(!t.done);
  t.done = true;
  --world_.image(t.image).exports_in_flight;
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kImageExportFinished, t.image});
}

}  // namespace ecsim::models
