#include "analysis/event_trace.h"

#include <algorithm>
#include <map>

#include "analysis/json_writer.h"
#include "models/lifecycle.h"
#include "sim/assert.h"

namespace ecsim::analysis {
namespace {

using Kind = models::LifecycleEvent::Kind;
constexpr std::uint32_t kNoCall = 0xffffffffU;

const char* outcome_name(models::Outcome o) {
  switch (o) {
    case models::Outcome::kOk: return "ok";
    case models::Outcome::kError: return "error";
    case models::Outcome::kSkipped: return "skipped";
    case models::Outcome::kPending: return "pending";  // a run cut short by run.until
  }
  ECSIM_UNREACHABLE("unknown Outcome");
}

// One fault boundary: a lock placed or lifted, a slowdown starting or ending.
struct Boundary {
  sim::SimTime at;
  std::size_t order;  // file order of the fault, then start before end
  const char* kind;
  const char* resource_type;
  std::string resource;
  std::string region;
  const char* from;
  const char* to;
  std::optional<double> factor;
};

std::vector<Boundary> fault_boundaries(const models::FaultPlan& faults, const models::World& world) {
  std::vector<Boundary> out;
  std::size_t order = 0;
  for (const models::InstanceLock& l : faults.instance_locks) {
    const auto i = world.find_instance(l.instance_id);
    const std::string region = i ? world.instance(*i).region_id.str() : std::string();
    out.push_back({l.from, order++, "instance_locked", "instance", l.instance_id, region, "unlocked", "locked", {}});
    if (l.until != sim::SimTime::max())
      out.push_back({l.until, order++, "instance_unlocked", "instance", l.instance_id, region, "locked", "unlocked", {}});
  }
  for (const models::LinkSlowdown& s : faults.link_slowdowns) {
    const std::string link = s.a + "<->" + s.b;
    out.push_back({s.from, order++, "link_slowdown_started", "link", link, "", nullptr, nullptr, s.factor});
    if (s.until != sim::SimTime::max())
      out.push_back({s.until, order++, "link_slowdown_ended", "link", link, "", nullptr, nullptr, s.factor});
  }
  std::stable_sort(out.begin(), out.end(), [](const Boundary& a, const Boundary& b) {
    return a.at != b.at ? a.at < b.at : a.order < b.order;
  });
  return out;
}

// The values a call sent, ${NAME.Field} resolved against the log, plus the values it got back:
// what a call "names", to find the call that caused a lifecycle event at its instant.
bool call_names_resource(const models::Simulation& sim, std::uint32_t k, const std::string& id) {
  const models::CallRecord& r = sim.log().records()[k];
  for (const auto& [key, value] : r.response) {
    if (value == id) return true;
  }
  const auto& calls = sim.driver().calls();
  if (k >= calls.size()) return false;
  for (const auto& [key, value] : calls[k].request.params) {
    if (value == id) return true;
    // "${golden.ImageId}": the field of the named call's response.
    if (value.size() > 3 && value.starts_with("${") && value.back() == '}') {
      const std::string ref = value.substr(2, value.size() - 3);
      const std::size_t dot = ref.find('.');
      if (dot == std::string::npos) continue;
      const std::string name = ref.substr(0, dot), field = ref.substr(dot + 1);
      for (std::uint32_t j = 0; j < k; ++j) {
        const models::CallRecord& t = sim.log().records()[j];
        if (t.name && *t.name == name) {
          if (const std::string* v = t.response_field(field); v != nullptr && *v == id) return true;
        }
      }
    }
  }
  return false;
}

void write_common(JsonWriter& w, sim::SimTime at, std::string_view kind) {
  w.key("t_us").integer(at.since_start().ticks());
  w.key("t").string(sim::format_clock(at));
  w.key("kind").string(kind);
}

void write_status(JsonWriter& w, const char* key, std::uint8_t status, bool snapshot) {
  w.key(key);
  if (status == EventTraceRecorder::kNoStatus) {
    w.null();
  } else if (snapshot) {
    w.string(models::to_string(static_cast<models::SnapshotStatus>(status)));
  } else {
    w.string(models::to_string(static_cast<models::ImageStatus>(status)));
  }
}

void write_call(JsonWriter& w, const models::Simulation& sim, std::uint32_t k) {
  const models::CallRecord& r = sim.log().records()[k];
  const models::World& world = sim.world();
  w.begin_object();
  write_common(w, r.at, "call");
  std::optional<std::string> type, id, region;
  if (r.tracked) {
    if (r.tracked->kind == models::ResourceKind::kImage) {
      type = "image";
      id = world.image(r.tracked->index).image_id;
      region = world.image(r.tracked->index).region_id;
    } else if (r.tracked->kind == models::ResourceKind::kSnapshot) {
      type = "snapshot";
      id = world.snapshot(r.tracked->index).snapshot_id;
      region = world.snapshot(r.tracked->index).region_id;
    }
  }
  if (!region && !r.region_id.empty()) region = r.region_id;
  w.key("resource_type").string_or_null(type);
  w.key("resource").string_or_null(id);
  w.key("region").string_or_null(region);
  w.key("from").null();
  w.key("to").null();
  w.key("call").unsigned_integer(k);
  w.key("Action").string(r.action);
  w.key("name").string_or_null(r.name);
  w.key("outcome").string(outcome_name(r.outcome));
  w.key("code");
  if (r.code.empty()) w.null();
  else w.string(r.code);
  w.end_object();
}

}  // namespace

bool is_snapshot_event(models::LifecycleEvent::Kind kind) {
  switch (kind) {
    case Kind::kSnapshotStarted:
    case Kind::kSnapshotTransferStarted:
    case Kind::kSnapshotUsable:
    case Kind::kSnapshotAccomplished:
    case Kind::kSnapshotFailed:
    case Kind::kSnapshotDeleted:
      return true;
    default:
      return false;
  }
}

EventTraceRecorder::EventTraceRecorder(models::Simulation& sim, const models::FaultPlan& faults)
    : sim_(sim), faults_(faults) {
  const models::World& world = sim.world();
  // Resources that exist before the run start from their declared status.
  for (const models::Snapshot& s : world.snapshots()) snapshot_status_.push_back(static_cast<std::uint8_t>(s.status));
  for (const models::Image& i : world.images()) image_status_.push_back(static_cast<std::uint8_t>(i.status));
  sim.bus().subscribe(this);
}

std::uint8_t EventTraceRecorder::status_now(const models::LifecycleEvent& event) const {
  if (is_snapshot_event(event.kind)) return static_cast<std::uint8_t>(sim_.world().snapshot(event.index).status);
  return static_cast<std::uint8_t>(sim_.world().image(event.index).status);
}

void EventTraceRecorder::on_lifecycle(const models::LifecycleEvent& event) {
  // Calls are issued in index order at non-decreasing times, so the handled ones are a prefix:
  // a call has been handled when it has an outcome, or when its time is already past.
  const auto& records = sim_.log().records();
  while (calls_handled_ < records.size() &&
         (records[calls_handled_].outcome != models::Outcome::kPending || records[calls_handled_].at < event.at)) {
    ++calls_handled_;
  }
  std::vector<std::uint8_t>& last = is_snapshot_event(event.kind) ? snapshot_status_ : image_status_;
  if (last.size() <= event.index) last.resize(event.index + 1, kNoStatus);
  Entry e;
  e.at = event.at;
  e.kind = event.kind;
  e.index = event.index;
  e.from = last[event.index];
  e.to = status_now(event);
  // A copy target enters the world Waiting (CopyImage answers at once); its first event is the
  // start of its transfer.
  if (e.from == kNoStatus && !is_snapshot_event(event.kind) &&
      sim_.world().image(event.index).copied_from != models::kNoIndex) {
    e.from = static_cast<std::uint8_t>(models::ImageStatus::kWaiting);
  }
  e.calls_before = calls_handled_;
  last[event.index] = e.to;
  entries_.push_back(e);
}

std::string render_events_jsonl(const EventTraceRecorder& recorder) {
  const models::Simulation& sim = recorder.simulation();
  const models::World& world = sim.world();
  const auto& records = sim.log().records();

  // The call that created each snapshot: CreateSnapshot's answer, or the image it was taken for.
  // (World::find_snapshot sees live snapshots only; a deleted one still had a creator.)
  std::map<std::string, std::uint32_t, std::less<>> snapshot_by_id;
  for (std::uint32_t s = 0; s < world.snapshots().size(); ++s) snapshot_by_id.emplace(world.snapshot(s).snapshot_id, s);
  std::vector<std::uint32_t> snapshot_creator(world.snapshots().size(), kNoCall);
  for (const models::CallRecord& r : records) {
    if (const std::string* id = r.response_field("SnapshotId")) {
      if (auto it = snapshot_by_id.find(*id); it != snapshot_by_id.end()) snapshot_creator[it->second] = r.index;
    }
  }
  for (const models::Image& img : world.images()) {
    if (img.created_by_call == kNoCall) continue;
    for (const models::ImageDiskMapping& m : img.mappings) {
      if (m.snapshot != models::kNoIndex && snapshot_creator[m.snapshot] == kNoCall)
        snapshot_creator[m.snapshot] = img.created_by_call;
    }
  }

  const std::vector<Boundary> boundaries = fault_boundaries(recorder.faults(), world);
  std::size_t next_boundary = 0;
  std::uint32_t next_call = 0;
  std::string out;

  auto emit = [&out](JsonWriter& w) {
    out += w.str();
    out += '\n';
  };
  // At an instant, the calls come first (the workload's arrivals precede every engine event,
  // sim/scheduler.h), then the fault boundaries (scheduled before any other engine event), then
  // the other engine events. `inclusive`: also the boundaries at `upto` itself.
  auto flush_boundaries = [&](sim::SimTime upto, bool inclusive) {
    for (; next_boundary < boundaries.size() &&
           (boundaries[next_boundary].at < upto || (inclusive && boundaries[next_boundary].at == upto));
         ++next_boundary) {
      const Boundary& b = boundaries[next_boundary];
      JsonWriter w;
      w.begin_object();
      write_common(w, b.at, b.kind);
      w.key("resource_type").string(b.resource_type);
      w.key("resource").string(b.resource);
      w.key("region");
      if (b.region.empty()) w.null();
      else w.string(b.region);
      w.key("from");
      if (b.from) w.string(b.from);
      else w.null();
      w.key("to");
      if (b.to) w.string(b.to);
      else w.null();
      w.key("call").null();
      if (b.factor) w.key("factor").number(*b.factor);
      w.end_object();
      emit(w);
    }
  };
  auto flush_calls = [&](std::uint32_t upto) {
    for (; next_call < upto && next_call < records.size(); ++next_call) {
      flush_boundaries(records[next_call].at, false);
      JsonWriter w;
      write_call(w, sim, next_call);
      emit(w);
    }
  };

  for (const EventTraceRecorder::Entry& e : recorder.entries()) {
    // While calls of this instant are still unhandled, the event happened inside the next one
    // (CreateImage's image_creating): that call's line comes first.
    const bool inside_call = e.calls_before < records.size() && records[e.calls_before].at == e.at;
    flush_calls(e.calls_before + (inside_call ? 1 : 0));
    flush_boundaries(e.at, !inside_call);
    const bool snapshot = is_snapshot_event(e.kind);
    std::string id, region;
    std::uint32_t cause = kNoCall;
    if (snapshot) {
      const models::Snapshot& s = world.snapshot(e.index);
      id = s.snapshot_id;
      region = s.region_id;
      if (e.index < snapshot_creator.size()) cause = snapshot_creator[e.index];
    } else {
      const models::Image& img = world.image(e.index);
      id = img.image_id;
      region = img.region_id;
      cause = img.created_by_call;
    }
    // A call handled at this very instant that names the resource caused it (DeleteImage, ...).
    for (std::uint32_t k = e.calls_before + (inside_call ? 1 : 0); k > 0 && records[k - 1].at == e.at; --k) {
      if (call_names_resource(sim, k - 1, id)) {
        cause = k - 1;
        break;
      }
    }
    JsonWriter w;
    w.begin_object();
    write_common(w, e.at, models::to_string(e.kind));
    w.key("resource_type").string(snapshot ? "snapshot" : "image");
    w.key("resource").string(id);
    w.key("region").string(region);
    write_status(w, "from", e.from, snapshot);
    write_status(w, "to", e.to, snapshot);
    w.key("call");
    if (cause == kNoCall) w.null();
    else w.unsigned_integer(cause);
    w.end_object();
    emit(w);
  }
  flush_calls(static_cast<std::uint32_t>(records.size()));
  // Boundaries after the end of a run cut short by run.until did not happen.
  flush_boundaries(sim.scheduler().now(), true);
  return out;
}

}  // namespace ecsim::analysis
