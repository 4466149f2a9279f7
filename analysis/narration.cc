#include "analysis/narration.h"

#include <algorithm>
#include <cstdio>

#include "models/image_family.h"

namespace ecsim::analysis {
namespace {

using K = models::LifecycleEvent::Kind;

// The request parameters worth naming in a call line, in this order.
constexpr std::string_view kNamedParams[] = {
    "InstanceId", "DiskId",      "SnapshotId", "ImageId",   "ImageName", "DestinationRegionId", "DestinationImageName",
    "ImageFamily", "Status",     "BootMode",   "OSSBucket", "OSSPrefix", "ImageFormat",         "AddAccount.1",
    "RemoveAccount.1", "Force",  "InstantAccess"};

}  // namespace

std::string format_bytes(std::int64_t bytes) {
  constexpr std::int64_t MiB = 1024LL * 1024, GiB = 1024 * MiB;
  if (bytes < GiB) return std::to_string((bytes + MiB / 2) / MiB) + " MiB";
  if (bytes % GiB == 0) return std::to_string(bytes / GiB) + " GiB";
  const std::int64_t tenths = (bytes * 10 + GiB / 2) / GiB;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " GiB";
}

std::string narration_clock(sim::SimTime t) {
  const std::int64_t whole = t.ticks() - t.ticks() % sim::SimDuration::kTicksPerSecond;
  return sim::format_clock(sim::SimTime::zero() + sim::SimDuration::from_ticks(whole));
}

std::string Narrator::image_label(models::ImageIndex i) const {
  const models::Image& img = sim_.world().image(i);
  return "image " + img.image_id + (img.name.empty() ? "" : " (" + img.name + ")");
}

void Narrator::on_lifecycle(const models::LifecycleEvent& e) {
  const models::World& w = sim_.world();
  std::string text;
  auto snapshot_label = [&](models::SnapshotIndex s) {
    const models::Snapshot& snap = w.snapshot(s);
    std::string t = "snapshot " + snap.snapshot_id;
    if (!snap.source_disk_id.empty()) t += " of " + snap.source_disk_id;
    return t;
  };
  // The images still being built from a snapshot, with their progress now.
  auto images_waiting_on = [&](models::SnapshotIndex s) {
    std::string t;
    for (const models::ImageIndex i : w.images_using(s)) {
      if (w.image(i).status != models::ImageStatus::kCreating) continue;
      t += " — image " + w.image(i).image_id + " now " + std::to_string(sim_.image_builder().progress_percent(i)) + "%";
    }
    return t;
  };
  switch (e.kind) {
    case K::kSnapshotStarted: {
      const models::Snapshot& s = w.snapshot(e.index);
      text = snapshot_label(e.index) + " started: " + format_bytes(s.bytes_to_copy) + " to copy" +
             (s.instant_access ? ", instant access" : "");
      break;
    }
    case K::kSnapshotTransferStarted:
      text = snapshot_label(e.index) + " set up — copying its data, sharing the region's snapshot capacity";
      break;
    case K::kSnapshotUsable:
      text = snapshot_label(e.index) + " usable already (instant access), still copying" + images_waiting_on(e.index);
      break;
    case K::kSnapshotAccomplished: {
      const models::Snapshot& s = w.snapshot(e.index);
      const std::int64_t used = s.source_disk != models::kNoIndex ? w.disk(s.source_disk).used_bytes : s.source_disk_size_bytes;
      text = snapshot_label(e.index) + " (" + format_bytes(used) + " used) accomplished" + images_waiting_on(e.index);
      break;
    }
    case K::kSnapshotFailed:
      text = snapshot_label(e.index) + " failed — the images waiting for it fail too";
      break;
    case K::kSnapshotDeleted:
      text = snapshot_label(e.index) + " deleted";
      break;
    case K::kImageCreating:
      text = image_label(e.index) + " Creating: waiting for " + std::to_string(static_cast<int>(w.image(e.index).snapshots_waiting)) + " snapshot(s)";
      break;
    case K::kImageSnapshotsReady:
      text = image_label(e.index) + ": every snapshot ready — registering the image";
      break;
    case K::kImageRegistered:
      text = image_label(e.index) + " registered — the image check (DetectionStrategy) runs";
      break;
    case K::kImageAvailable: {
      const models::Image& img = w.image(e.index);
      const std::int64_t secs = (e.at - img.created_at).ticks() / sim::SimDuration::kTicksPerSecond;
      text = image_label(e.index) + " Available after " + sim::format_duration(sim::SimDuration::seconds(secs));
      if (img.copied_from != models::kNoIndex) {
        const models::Image& src = w.image(img.copied_from);
        text += " (a copy of " + src.image_id + " from " + src.region_id + ")";
      }
      break;
    }
    case K::kImageCreateFailed:
      text = image_label(e.index) + " CreateFailed";
      break;
    case K::kImageDeleted:
      text = image_label(e.index) + " Deleted";
      break;
    case K::kImageCopyStarted: {
      const models::Image& img = w.image(e.index);
      const models::Image& src = w.image(img.copied_from);
      text = "copy " + img.image_id + " of " + src.image_id + " got a copy slot in " + img.region_id + " — transferring " +
             format_bytes(sim_.world().image_data_bytes(img.copied_from)) + " from " + src.region_id;
      break;
    }
    case K::kImageCopyTransferred:
      text = "copy " + w.image(e.index).image_id + ": data arrived in " + w.image(e.index).region_id + " — building the image";
      break;
    case K::kImageDeprecated:
    case K::kImageRestored: {
      const models::Image& img = w.image(e.index);
      text = image_label(e.index) + (e.kind == K::kImageDeprecated ? " Deprecated" : " Available again (restored)");
      if (!img.family.empty()) {
        const auto latest = models::latest_image_in_family(w, img.region_id, img.family);
        text += "; family " + img.family + (latest ? " now resolves to " + w.image(*latest).image_id : " has no Available image");
      }
      break;
    }
    case K::kImageExportStarted:
    case K::kImageExportFinished: {
      const auto& tasks = sim_.export_service().tasks();
      const models::ExportService::Task* task = nullptr;
      for (const auto& t : tasks) {
        // Started: the newest task of the image; finished: the one that ends now.
        if (t.image != e.index) continue;
        if (e.kind == K::kImageExportStarted ? t.started_at == e.at : (t.done && t.done_at == e.at)) task = &t;
      }
      const std::string url = task != nullptr ? task->object_url : "OSS";
      if (e.kind == K::kImageExportStarted) {
        text = "export " + (task != nullptr ? task->task_id + " " : std::string()) + "of " + w.image(e.index).image_id + " to " +
               url + " started (" + format_bytes(sim_.world().image_data_bytes(e.index)) +
               ") — DeleteImage answers ImageIsExporting until it ends";
      } else {
        text = "export " + (task != nullptr ? task->task_id + " " : std::string()) + "of " + w.image(e.index).image_id +
               " finished: " + url;
      }
      break;
    }
  }
  const bool about_image = e.kind != K::kSnapshotStarted && e.kind != K::kSnapshotTransferStarted &&
                           e.kind != K::kSnapshotUsable && e.kind != K::kSnapshotAccomplished &&
                           e.kind != K::kSnapshotFailed && e.kind != K::kSnapshotDeleted;
  auto at = changes_.end();
  if (!about_image) {
    // The ImageBuilder hears a snapshot's news first and publishes what it does about it (every
    // snapshot ready, CreateFailed) from inside the same publish, so those lines arrived before
    // their cause: put the cause back in front of them.
    const auto users = w.images_using(e.index);
    auto uses = [&](std::uint32_t image) { return std::find(users.begin(), users.end(), image) != users.end(); };
    while (at != changes_.begin() && std::prev(at)->line.at == e.at && std::prev(at)->image && uses(std::prev(at)->index)) --at;
  }
  changes_.insert(at, Change{{e.at, std::move(text)}, about_image, e.index});
}

std::string Narrator::resolve(const std::string& value) const {
  // ${NAME.Field} as the driver resolved it: the named call's response field.
  std::string out = value;
  std::size_t pos = 0;
  while ((pos = out.find("${", pos)) != std::string::npos) {
    const std::size_t end = out.find('}', pos);
    if (end == std::string::npos) break;
    const std::string ref = out.substr(pos + 2, end - pos - 2);
    const std::size_t dot = ref.find('.');
    const std::string name = ref.substr(0, dot), field = dot == std::string::npos ? "" : ref.substr(dot + 1);
    const std::string* v = nullptr;
    for (const models::CallRecord& r : sim_.log().records()) {
      if (r.name && *r.name == name) v = r.response_field(field);
    }
    if (v == nullptr) {
      pos = end + 1;
      continue;
    }
    out.replace(pos, end - pos + 1, *v);
    pos += v->size();
  }
  return out;
}

std::string Narrator::call_text(std::size_t i) const {
  const models::WorkloadCallSpec& call = sim_.driver().calls()[i];
  const models::CallRecord& r = sim_.log().records()[i];
  std::string t = "call ";
  if (r.name) t += "\"" + *r.name + "\": ";
  t += r.action;
  for (std::string_view key : kNamedParams) {
    if (auto it = call.request.params.find(key); it != call.request.params.end() && !it->second.empty())
      t += " " + std::string(key) + "=" + resolve(it->second);
  }
  switch (r.outcome) {
    case models::Outcome::kSkipped:
      return t + " -> skipped (" + r.skip_reason + ")";
    case models::Outcome::kError:
      return t + " -> " + std::to_string(r.http_status) + " " + r.code + ": " + r.message;
    case models::Outcome::kPending:
      return t + " -> no answer before the run ended";
    case models::Outcome::kOk:
      break;
  }
  t += " -> ok";
  const auto field = [&](const char* k) { return r.response_field(k); };
  if (r.action == "DescribeImages" || r.action == "DescribeSnapshots") {
    const std::string* total = field("TotalCount");
    t += ": " + (total != nullptr ? *total : std::string("0")) + " found";
    const std::string kind = r.action == "DescribeImages" ? "Images." : "Snapshots.";
    const std::string id = r.action == "DescribeImages" ? "ImageId" : "SnapshotId";
    for (int n = 1; n <= 5; ++n) {
      const std::string p = kind + std::to_string(n) + ".";
      const std::string* v = field((p + id).c_str());
      if (v == nullptr) break;
      const std::string* st = field((p + "Status").c_str());
      const std::string* pr = field((p + "Progress").c_str());
      t += (n == 1 ? " (" : ", ") + *v + " " + (st ? *st : "") + " " + (pr ? *pr : "");
      if (n == 5 || field((kind + std::to_string(n + 1) + "." + id).c_str()) == nullptr) t += ")";
    }
    return t;
  }
  if (r.action == "DescribeImageFromFamily") {
    const std::string* v = field("Image.ImageId");
    return t + (v != nullptr ? ": the family's latest Available image is " + *v : ": the family has no Available image");
  }
  for (const char* k : {"ImageId", "SnapshotId", "TaskId"}) {
    if (const std::string* v = field(k)) t += ": " + std::string(k) + " " + *v;
  }
  if (r.tracked && r.status && r.status_at && *r.status_at == r.at) t += " (now " + *r.status + ")";
  else if (r.tracked && r.tracked->kind == models::ResourceKind::kImage) t += " (being built)";
  else if (r.tracked && r.tracked->kind == models::ResourceKind::kSnapshot) t += " (progressing)";
  return t;
}

std::vector<Narrator::Line> Narrator::lines() const {
  struct Keyed {
    Line line;
    int order;         // 0: a call, 1: a state change (calls first at the same instant)
    std::size_t seq;   // issue order, or the order the change happened
  };
  std::vector<Keyed> all;
  const auto& records = sim_.log().records();
  for (std::size_t i = 0; i < records.size(); ++i) all.push_back({{records[i].at, call_text(i)}, 0, i});
  for (std::size_t k = 0; k < changes_.size(); ++k) all.push_back({changes_[k].line, 1, k});
  std::stable_sort(all.begin(), all.end(), [](const Keyed& a, const Keyed& b) {
    if (a.line.at != b.line.at) return a.line.at < b.line.at;
    if (a.order != b.order) return a.order < b.order;
    return a.seq < b.seq;
  });
  std::vector<Line> out;
  out.reserve(all.size());
  for (Keyed& k : all) out.push_back(std::move(k.line));
  return out;
}

std::string Narrator::render() const {
  std::string out;
  for (const Line& l : lines()) out += narration_clock(l.at) + "  " + l.text + "\n";
  return out;
}

}  // namespace ecsim::analysis
