#pragma once
// The progress line of `ecsim run` on a terminal:
//
//   ecsim: virtual 1d 02:00:00 | 1.2M events/s | calls 12034/50000
//
// redrawn in place (carriage return, then erase to the end of the line) about every 0.5 s of
// wall time, and erased when the run ends, so nothing of it stays in the terminal or in a log.
// It is shown only when stderr is a terminal and neither --quiet nor --json is given.
//
// Wall-clock time is read here and only here (app/ is the one place allowed a host clock;
// tests/determinism/banned_apis_test.cc keeps it out of sim/, models/ and analysis/). The run
// itself is unchanged: it advances in chunks of events between two looks at the clock, and the
// kernel stops between events, never inside one.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "app/interrupt.h"
#include "models/simulation.h"
#include "sim/time.h"

namespace ecsim::app {

struct ProgressSample {
  sim::SimTime virtual_time;
  double events_per_second = 0;  // wall-clock rate since the previous sample
  std::uint64_t calls_done = 0;  // calls with an outcome
  std::uint64_t calls_total = 0;
};

// "ecsim: virtual 1d 02:00:00 | 1.2M events/s | calls 12034/50000" (no line ending).
std::string format_progress(const ProgressSample& sample);

// "950", "12.3k", "1.2M": a rate in three significant figures at most.
std::string format_rate(double per_second);

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;

  // Draws on `out` when `enabled`; otherwise every call is a no-op.
  ProgressLine(std::FILE* out, bool enabled) : out_(out), enabled_(enabled) {}

  bool enabled() const { return enabled_; }
  // Redraws the line when at least the refresh interval has passed since the last draw.
  void update(const models::Simulation& sim);
  // Erases the line (when one was drawn).
  void finish();

 private:
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  bool started_ = false;
  Clock::time_point last_draw_{};
  std::uint64_t events_at_last_draw_ = 0;
  std::size_t calls_done_ = 0;  // a prefix of the call log holds every handled call
};

// Whether the progress line should be shown for this stream and these flags.
bool progress_wanted(std::FILE* stream, bool quiet, bool json);

// run_interruptibly(), with the progress line redrawn between chunks of events. Same trajectory.
InterruptibleRun run_with_progress(models::Simulation& sim, ProgressLine& progress,
                                   std::uint64_t events_max = 500'000'000);

}  // namespace ecsim::app
