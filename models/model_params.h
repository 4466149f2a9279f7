#pragma once
// The parameters of the timing models, with their documented defaults (models/README.md says
// where each default comes from). Every one can be overridden by the scenario's `models:` key.

#include <array>
#include <cstdint>

#include "models/disk.h"
#include "sim/time.h"

namespace ecsim::models {

// How one disk category's snapshots behave: a fixed setup phase, then the data to copy at up to
// `throughput` (bytes/s), sharing the region's snapshot-service capacity with every other
// snapshot in transfer.
struct CategorySnapshotTiming {
  sim::SimDuration setup = sim::SimDuration::seconds(30);
  std::int64_t throughput_bytes_per_s = 120LL * 1024 * 1024;
  bool instant_access = false;  // ESSD instant access: usable after instant_access_delay
};

struct SnapshotModelParams {
  static constexpr std::size_t kCategories = 11;
  std::array<CategorySnapshotTiming, kCategories> by_category = defaults();
  // Multiplicative noise on setup and throughput: log-normal with mean 1 and this CV.
  double noise_cv = 0.15;
  // Fraction of a disk's used data that changes per day: incremental snapshots copy
  // used * min(1, change_rate_per_day * days since the previous snapshot).
  double change_rate_per_day = 0.05;
  sim::SimDuration instant_access_delay = sim::SimDuration::seconds(10);

  const CategorySnapshotTiming& timing(DiskCategory c) const { return by_category[static_cast<std::size_t>(c)]; }
  CategorySnapshotTiming& timing(DiskCategory c) { return by_category[static_cast<std::size_t>(c)]; }

  static std::array<CategorySnapshotTiming, kCategories> defaults();
};

struct ImageModelParams {
  // After the last snapshot is ready: registering the image (metadata, disk mappings).
  sim::SimDuration registration = sim::SimDuration::seconds(45);
  // The image check of DetectionStrategy=Standard.
  sim::SimDuration check = sim::SimDuration::minutes(4);
  double noise_cv = 0.2;
};

struct ApiModelParams {
  // Time from request to response of a synchronous API call (the mean; log-normal noise).
  sim::SimDuration latency = sim::SimDuration::milliseconds(180);
  double latency_cv = 0.35;
};

// StopInstances / StartInstances: Stopping -> Stopped and Starting -> Running take this long
// (log-normal noise, streams instance/<region>/stop and instance/<region>/start).
struct InstanceModelParams {
  sim::SimDuration stop = sim::SimDuration::seconds(30);
  sim::SimDuration start = sim::SimDuration::seconds(30);
  double noise_cv = 0.2;
};

// CopyImage (models/copy_service.h): after the data crossed the network, building the image in
// the destination takes `build` (log-normal noise, stream copy/<src>-><dst>/build) plus the
// path's latency. Images larger than max_image_bytes are refused (SizeExceed.Image).
struct CopyModelParams {
  sim::SimDuration build = sim::SimDuration::minutes(2);
  double noise_cv = 0.2;
  std::int64_t max_image_bytes = 2LL * 1024 * 1024 * 1024 * 1024;  // 2 TiB
  // The most one copy task moves per second, whatever the links could give it; 0 = no limit
  // (the links are the only limit, the default). With copy_slots x task_bandwidth at or below
  // every link's bandwidth, copies never slow each other down: the copy queue is M/G/c.
  std::int64_t task_bandwidth_bytes_per_s = 0;
};

// ExportImage (models/export_service.h): a task takes `setup` plus the image's data over
// `throughput` (log-normal noise, stream export/<region>/duration). Alibaba publishes neither;
// the defaults are assumptions (models/README.md). Each region runs at most
// `concurrent_per_region` export tasks (ConcurrentQuotaExceed.ExportImage) and starts at most
// `weekly_per_region` in any 7 days (WeeklyQuotaExceed.ExportImage); the reference names both
// quotas without numbers.
struct ExportModelParams {
  sim::SimDuration setup = sim::SimDuration::minutes(2);
  std::int64_t throughput_bytes_per_s = 50LL * 1024 * 1024;
  double noise_cv = 0.2;
  std::int64_t concurrent_per_region = 2;
  std::int64_t weekly_per_region = 20;
};

struct ModelParams {
  SnapshotModelParams snapshot;
  ImageModelParams image;
  ApiModelParams api;
  InstanceModelParams instance;
  CopyModelParams copy;
  ExportModelParams exports;
};

}  // namespace ecsim::models
