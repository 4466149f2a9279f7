#include "app/interrupt.h"

#include <signal.h>

#include <algorithm>
#include <csignal>

namespace ecsim::app {
namespace {

volatile std::sig_atomic_t received_signal = 0;

extern "C" void record_signal(int signal) { received_signal = signal; }

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  (void)sigaction(SIGINT, &action, nullptr);
  (void)sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return received_signal; }

const char* signal_name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "a signal";
  }
}

InterruptibleRun run_interruptibly(models::Simulation& sim, std::uint64_t events_max, std::uint64_t chunk_events) {
  InterruptibleRun out;
  std::uint64_t done = 0;
  for (;;) {
    if (const int s = interrupt_signal(); s != 0) {
      out.stop = sim::RunStop::kStopRequested;
      out.signal = s;
      return out;
    }
    const std::uint64_t chunk = std::min(chunk_events, events_max - done);
    const std::uint64_t before = sim.scheduler().events_processed();
    out.stop = sim.run(chunk);
    done += sim.scheduler().events_processed() - before;
    if (out.stop != sim::RunStop::kHitEventLimit || done >= events_max) return out;
  }
}

}  // namespace ecsim::app
