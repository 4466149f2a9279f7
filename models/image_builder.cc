#include "models/image_builder.h"

#include "models/event_kinds.h"
#include "sim/assert.h"

namespace ecsim::models {

ImageBuilder::ImageBuilder(World& world, sim::Scheduler& scheduler, sim::RngStreams& rngs,
                           const SnapshotService& snapshots, LifecycleBus& bus)
    : world_(world), scheduler_(scheduler), rngs_(rngs), snapshots_(snapshots), bus_(bus) {
  scheduler_.set_handler(event_kind::kImagePhaseDone, this);
}

sim::SimDuration ImageBuilder::noisy(sim::SimDuration mean, const char* what, const std::string& region) {
  const double f = rngs_.stream(std::string("image/") + region + "/" + what).lognormal_unit_mean(world_.params.image.noise_cv);
  return sim::SimDuration::from_seconds_rounded(mean.seconds_f() * f);
}

void ImageBuilder::begin(ImageIndex i) {
  Image& img = world_.image(i);
  ECSIM_ASSERT(img.status == ImageStatus::kCreating);
  img.phase = ImagePhase::kSnapshots;
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kImageCreating, i});
  if (img.snapshots_waiting == 0) start_registration(i);
}

void ImageBuilder::start_registration(ImageIndex i) {
  Image& img = world_.image(i);
  img.phase = ImagePhase::kRegistering;
  img.snapshots_ready_at = scheduler_.now();
  bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kImageSnapshotsReady, i});
  scheduler_.schedule_after(noisy(world_.params.image.registration, "registration", img.region_id),
                            sim::Event{event_kind::kImagePhaseDone, static_cast<std::uint32_t>(ImagePhase::kRegistering), i, 0});
}

void ImageBuilder::finish(ImageIndex i, ImageStatus status) {
  Image& img = world_.image(i);
  if (img.status != ImageStatus::kCreating) return;  // already failed, or deleted meanwhile
  img.phase = ImagePhase::kDone;
  world_.set_image_status(i, status, scheduler_.now());
  bus_.publish({scheduler_.now(),
                status == ImageStatus::kAvailable ? LifecycleEvent::Kind::kImageAvailable
                                                  : LifecycleEvent::Kind::kImageCreateFailed,
                i});
}

void ImageBuilder::on_event(const sim::Event& event) {
  ECSIM_ASSERT(event.kind == event_kind::kImagePhaseDone);
  const auto i = static_cast<ImageIndex>(event.target);
  Image& img = world_.image(i);
  if (img.status != ImageStatus::kCreating) return;
  const auto phase = static_cast<ImagePhase>(event.aux);
  if (phase == ImagePhase::kRegistering) {
    img.registered_at = scheduler_.now();
    if (!img.detection_strategy.empty()) {
      img.phase = ImagePhase::kChecking;
      bus_.publish({scheduler_.now(), LifecycleEvent::Kind::kImageRegistered, i});
      scheduler_.schedule_after(noisy(world_.params.image.check, "check", img.region_id),
                                sim::Event{event_kind::kImagePhaseDone, static_cast<std::uint32_t>(ImagePhase::kChecking), i, 0});
      return;
    }
  }
  finish(i, ImageStatus::kAvailable);
}

void ImageBuilder::on_lifecycle(const LifecycleEvent& event) {
  using K = LifecycleEvent::Kind;
  if (event.kind != K::kSnapshotUsable && event.kind != K::kSnapshotAccomplished && event.kind != K::kSnapshotFailed &&
      event.kind != K::kSnapshotDeleted)
    return;
  Snapshot& snap = world_.snapshot(event.index);
  if (snap.for_image == kNoIndex) return;
  const ImageIndex i = snap.for_image;
  Image& img = world_.image(i);
  if (img.status != ImageStatus::kCreating || img.phase != ImagePhase::kSnapshots) return;
  if (event.kind == K::kSnapshotFailed || event.kind == K::kSnapshotDeleted) {
    finish(i, ImageStatus::kCreateFailed);
    return;
  }
  if (snap.counted_for_image) return;  // instant access counted it already
  snap.counted_for_image = true;
  ECSIM_ASSERT(img.snapshots_waiting > 0);
  if (--img.snapshots_waiting == 0) start_registration(i);
}

int ImageBuilder::progress_percent(ImageIndex i) const {
  const Image& img = world_.image(i);
  if (img.status == ImageStatus::kAvailable || img.status == ImageStatus::kDeprecated) return 100;
  if (img.status != ImageStatus::kCreating) return 0;
  if (img.phase == ImagePhase::kRegistering) return 90;
  if (img.phase == ImagePhase::kChecking) return 95;
  int sum = 0, n = 0;
  for (const ImageDiskMapping& m : img.mappings) {
    if (m.snapshot == kNoIndex) continue;
    sum += world_.snapshot(m.snapshot).usable ? 100 : snapshots_.progress_percent(m.snapshot);
    ++n;
  }
  return n == 0 ? 0 : sum * 90 / (100 * n);
}

}  // namespace ecsim::models
