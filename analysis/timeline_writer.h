#pragma once
// The run as a timeline in the Chrome trace-event JSON format (timeline.json): open it in
// https://ui.perfetto.dev or chrome://tracing.
//
// Layout: one process per region (named after it) and one more, "network", for the links; one
// thread (track) per resource that did something in the run:
//   disk      "snapshot s-..." while a snapshot of the disk is being taken
//   snapshot  "setup", then "transfer" (sharing the region's snapshot service)
//   image     "snapshots", "registration", "check" for CreateImage; "waiting", "transfer",
//             "build" for a CopyImage target; "export" while an ExportImage task runs
//   link      "copy m-..." while a copy's transfer crosses the link (the widest path of the
//             network, models/region_network.h)
// Slices are "X" (complete) events with ts and dur in microseconds of virtual time; "M"
// (metadata) events name the processes and threads and fix their order. A track never holds
// two overlapping slices (viewers draw overlap badly): where two intervals of one track overlap
// (two copies sharing a link), the overlap is one slice named after both, "2 copies: m-a, m-b",
// so the slices of a track always cover exactly the union of its intervals.
//
// The file is one JSON object, {"displayTimeUnit": "ms", "traceEvents": [...]}, with one event
// per line: metadata first (processes, then threads, in track order), then each track's slices
// in time order. Tracks are ordered by process (regions sorted, then network), then kind (disk,
// snapshot, image, link), then resource ID; pid and tid number them in that order from 1.
// Intervals still open when the run ends are closed at its end time.

#include <string>

#include "analysis/event_trace.h"

namespace ecsim::analysis {

inline constexpr const char* kTimelineFileName = "timeline.json";

// REQUIRES: the run has ended.
std::string render_timeline_json(const EventTraceRecorder& recorder);

}  // namespace ecsim::analysis
