#include "app/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace ecsim::app {
namespace {
constexpr auto kRefresh = std::chrono::milliseconds(500);
// Events per chunk between two looks at the clock: small enough to keep the 0.5 s refresh on a
// slow run, large enough that reading the clock costs nothing.
constexpr std::uint64_t kChunkEvents = 16384;
}  // namespace

std::string format_rate(double per_second) {
  if (!(per_second > 0)) return "0";
  char buf[32];
  const char* suffix = "";
  double v = per_second;
  if (v >= 999.5e6) {
    v /= 1e9;
    suffix = "G";
  } else if (v >= 999.5e3) {
    v /= 1e6;
    suffix = "M";
  } else if (v >= 999.5) {
    v /= 1e3;
    suffix = "k";
  }
  if (*suffix == '\0') std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (v < 9.95) std::snprintf(buf, sizeof buf, "%.2f%s", v, suffix);
  else if (v < 99.5) std::snprintf(buf, sizeof buf, "%.1f%s", v, suffix);
  else std::snprintf(buf, sizeof buf, "%.0f%s", v, suffix);
  return buf;
}

std::string format_progress(const ProgressSample& s) {
  return "ecsim: virtual " + sim::format_clock(s.virtual_time) + " | " + format_rate(s.events_per_second) +
         " events/s | calls " + std::to_string(s.calls_done) + "/" + std::to_string(s.calls_total);
}

bool progress_wanted(std::FILE* stream, bool quiet, bool json) {
  if (quiet || json) return false;
  return isatty(fileno(stream)) == 1;
}

void ProgressLine::update(const models::Simulation& sim) {
  if (!enabled_) return;
  const Clock::time_point now = Clock::now();
  const std::uint64_t events = sim.scheduler().events_processed();
  if (!started_) {
    // The first look only starts the clock: a run shorter than the refresh never draws.
    started_ = true;
    last_draw_ = now;
    events_at_last_draw_ = events;
    return;
  }
  if (now - last_draw_ < kRefresh) return;
  // A streamed run has dropped the records before first_held(): those are done.
  const models::CallLog& log = sim.log();
  calls_done_ = std::max(calls_done_, static_cast<std::size_t>(log.first_held()));
  while (calls_done_ < log.size() && (log.at(static_cast<std::uint32_t>(calls_done_)).outcome != models::Outcome::kPending ||
                                      log.at(static_cast<std::uint32_t>(calls_done_)).at < sim.scheduler().now())) {
    ++calls_done_;
  }
  ProgressSample sample;
  sample.virtual_time = sim.scheduler().now();
  const double seconds = std::chrono::duration<double>(now - last_draw_).count();
  sample.events_per_second = seconds > 0 ? static_cast<double>(events - events_at_last_draw_) / seconds : 0;
  sample.calls_done = calls_done_;
  sample.calls_total = log.size();
  // \r to the start of the line, the text, then erase what a longer previous line left.
  std::fprintf(out_, "\r%s\x1b[K", format_progress(sample).c_str());
  std::fflush(out_);
  drawn_ = true;
  last_draw_ = now;
  events_at_last_draw_ = events;
}

void ProgressLine::finish() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

InterruptibleRun run_with_progress(models::Simulation& sim, ProgressLine& progress, std::uint64_t events_max) {
  if (!progress.enabled()) return run_interruptibly(sim, events_max);
  InterruptibleRun out;
  std::uint64_t done = 0;
  for (;;) {
    progress.update(sim);
    const std::uint64_t before = sim.scheduler().events_processed();
    out = run_interruptibly(sim, std::min(kChunkEvents, events_max - done));
    done += sim.scheduler().events_processed() - before;
    if (out.signal != 0 || out.stop != sim::RunStop::kHitEventLimit || done >= events_max) break;
  }
  progress.finish();
  return out;
}

}  // namespace ecsim::app
