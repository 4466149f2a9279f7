// The classic hold model (ns-3 utils/bench-scheduler.cc): N events pending; each step pops the
// earliest and schedules one new event at now + Exp(mean 1 s), so the set stays at size N.
//
//   BM_HoldModel           the real kernel: Scheduler::step() dispatching to an EventHandler that
//                          reschedules itself with schedule_after() (clock, handler table,
//                          fingerprint, observer check, slot pool: everything a model pays for).
//   BM_HoldRadixHeap       BasicEventQueue<RadixHeap> (= EventQueue) alone, without the scheduler.
//   BM_HoldQuaternaryHeap  BasicEventQueue<QuaternaryHeap> alone: the array heap kept to compare.
//   BM_HoldBaselinePQ      std::priority_queue of 16-byte {time, seq} PODs: the floor to beat.
//
// Increments are drawn once, outside the timed loop, into a ring buffer of ticks, so the
// figures measure the pending set and not std::log. items_per_second is events per second.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "sim/event.h"
#include "sim/event_queue.h"
#include "sim/pending_set.h"
#include "sim/rng.h"
#include "sim/scheduler.h"
#include "sim/time.h"

namespace {

using ecsim::sim::BasicEventQueue;
using ecsim::sim::Event;
using ecsim::sim::EventHandler;
using ecsim::sim::QuaternaryHeap;
using ecsim::sim::RadixHeap;
using ecsim::sim::Rng;
using ecsim::sim::Scheduler;
using ecsim::sim::SimDuration;
using ecsim::sim::SimTime;

constexpr std::uint64_t kSeed = 42;

// Exp(mean 1 s) increments in ticks, precomputed; next() walks the ring.
class Increments {
 public:
  static constexpr std::size_t kSize = std::size_t{1} << 16;

  explicit Increments(std::uint64_t seed) : ticks_(kSize) {
    Rng rng(seed);
    for (auto& t : ticks_) t = SimDuration::from_seconds_rounded(rng.exponential(1.0));
  }
  SimDuration next() { return ticks_[index_++ & (kSize - 1)]; }

 private:
  std::vector<SimDuration> ticks_;
  std::size_t index_ = 0;
};

constexpr ecsim::sim::EventKind kHoldKind = 0;

class HoldHandler final : public EventHandler {
 public:
  HoldHandler(Scheduler* scheduler, Increments* increments)
      : scheduler_(scheduler), increments_(increments) {}
  void on_event(const Event& event) override {
    scheduler_->schedule_after(increments_->next(), event);
  }

 private:
  Scheduler* scheduler_;
  Increments* increments_;
};

void BM_HoldModel(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Increments increments(kSeed);
  Scheduler scheduler;
  HoldHandler handler(&scheduler, &increments);
  scheduler.set_handler(kHoldKind, &handler);
  for (std::size_t i = 0; i < n; ++i) {
    scheduler.schedule_after(increments.next(), Event{.kind = kHoldKind, .target = i});
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(scheduler.step());
  }
  benchmark::DoNotOptimize(scheduler.fingerprint());
  state.SetItemsProcessed(state.iterations());
}

template <typename Pending>
void BM_HoldEventQueue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Increments increments(kSeed);
  BasicEventQueue<Pending> queue;
  for (std::size_t i = 0; i < n; ++i) {
    queue.push(SimTime::zero() + increments.next(), Event{.kind = kHoldKind, .target = i});
  }
  for (auto _ : state) {
    const auto e = queue.pop();
    benchmark::DoNotOptimize(queue.push(e.at + increments.next(), e.event));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_HoldRadixHeap(benchmark::State& state) { BM_HoldEventQueue<RadixHeap>(state); }
void BM_HoldQuaternaryHeap(benchmark::State& state) { BM_HoldEventQueue<QuaternaryHeap>(state); }

struct BaselineItem {
  std::int64_t time;
  std::uint64_t seq;
  friend bool operator>(const BaselineItem& a, const BaselineItem& b) {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  }
};
static_assert(sizeof(BaselineItem) == 16);

void BM_HoldBaselinePQ(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Increments increments(kSeed);
  std::priority_queue<BaselineItem, std::vector<BaselineItem>, std::greater<>> queue;
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) queue.push({increments.next().ticks(), seq++});
  for (auto _ : state) {
    const BaselineItem top = queue.top();
    queue.pop();
    queue.push({top.time + increments.next().ticks(), seq++});
  }
  benchmark::DoNotOptimize(queue.top());
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_HoldModel)->Arg(1000)->Arg(100000)->Arg(1000000);
BENCHMARK(BM_HoldRadixHeap)->Arg(1000)->Arg(100000)->Arg(1000000);
BENCHMARK(BM_HoldQuaternaryHeap)->Arg(1000)->Arg(100000)->Arg(1000000);
BENCHMARK(BM_HoldBaselinePQ)->Arg(1000)->Arg(100000)->Arg(1000000);

}  // namespace
