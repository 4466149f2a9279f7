#pragma once
// SIGINT / SIGTERM during `ecsim run`: the signal handler only records which signal arrived (a
// volatile sig_atomic_t); the run loop polls it between chunks of events, so the kernel stops
// between two events, never inside one. An interrupted run writes no output file (a run that did
// not finish has pending calls, and the output writers require none) and reports the virtual time
// it reached. Files written before the signal are whole: each is written atomically
// (analysis/atomic_file.h) and a signal that arrives while they are written is acted on after.
//
// Exit status of an interrupted run: 128 + the signal number, as a shell reports a process
// killed by it (130 for SIGINT, 143 for SIGTERM).

#include <cstdint>

#include "models/simulation.h"
#include "sim/scheduler.h"

namespace ecsim::app {

// Installs the handlers for SIGINT and SIGTERM (sigaction, no SA_RESTART needed: nothing blocks).
void install_interrupt_handlers();

// The signal received since install_interrupt_handlers(), or 0.
int interrupt_signal();

// "SIGINT", "SIGTERM".
const char* signal_name(int signal);

struct InterruptibleRun {
  sim::RunStop stop = sim::RunStop::kExhausted;
  int signal = 0;  // non-zero when interrupted; stop is then kStopRequested
};

// Runs `sim` like sim.run(events_max) but in chunks of `chunk_events`, checking for a signal
// before each chunk. Chunking does not change the trajectory: the kernel stops between events.
InterruptibleRun run_interruptibly(models::Simulation& sim, std::uint64_t events_max = 500'000'000,
                                   std::uint64_t chunk_events = 1024);

}  // namespace ecsim::app
