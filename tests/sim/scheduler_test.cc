// The simulation loop (sim/scheduler.h): the clock, handlers, the observer, run limits, cancel and
// the run fingerprint.

#include "sim/scheduler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <ostream>
#include <utility>
#include <vector>

#include "sim/event.h"
#include "sim/fingerprint.h"
#include "sim/rng.h"
#include "sim/time.h"

namespace ecsim::sim {

// gtest printers for readable failure messages; defined in time_test.cc.
void PrintTo(SimDuration d, std::ostream* os);
void PrintTo(SimTime t, std::ostream* os);
void PrintTo(CalendarTime t, std::ostream* os);

namespace {

using ::testing::ElementsAre;

constexpr EventKind kPing = 0;
constexpr EventKind kPong = 1;

SimTime at_s(std::int64_t seconds) { return SimTime::zero() + SimDuration::seconds(seconds); }
Event ping(std::uint64_t tag) { return Event{.kind = kPing, .aux = 0, .target = tag, .arg = 0}; }

// What a handler saw: the clock and the event's tag.
struct Seen {
  SimTime now;
  std::uint64_t tag;
  friend bool operator==(const Seen&, const Seen&) = default;
  friend void PrintTo(const Seen& s, std::ostream* os) { *os << "{" << format_clock(s.now) << ", " << s.tag << "}"; }
};

// Records every event it handles, then runs an optional reaction (to schedule, cancel or stop).
class RecordingHandler final : public EventHandler {
 public:
  explicit RecordingHandler(Scheduler* scheduler) : scheduler_(scheduler) {}
  void on_event(const Event& event) override {
    seen.push_back({scheduler_->now(), event.target});
    if (react) react(event);
  }

  std::vector<Seen> seen;
  std::function<void(const Event&)> react;

 private:
  Scheduler* scheduler_;
};

std::vector<std::uint64_t> tags_of(const std::vector<Seen>& seen) {
  std::vector<std::uint64_t> tags;
  for (const Seen& s : seen) tags.push_back(s.tag);
  return tags;
}

class SchedulerTest : public ::testing::Test {
 protected:
  SchedulerTest() { scheduler_.set_handler(kPing, &handler_); }

  Scheduler scheduler_;
  RecordingHandler handler_{&scheduler_};
};

TEST_F(SchedulerTest, StartsAtTimeZeroWithNothingPending) {
  EXPECT_EQ(scheduler_.now(), SimTime::zero());
  EXPECT_EQ(scheduler_.pending(), 0u);
  EXPECT_EQ(scheduler_.events_processed(), 0u);
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_EQ(scheduler_.now(), SimTime::zero());
}

TEST_F(SchedulerTest, RunProcessesEveryEventInTimeOrderUntilExhausted) {
  scheduler_.schedule_at(at_s(3), ping(3));
  scheduler_.schedule_at(at_s(1), ping(1));
  scheduler_.schedule_at(at_s(2), ping(2));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_THAT(handler_.seen, ElementsAre(Seen{at_s(1), 1}, Seen{at_s(2), 2}, Seen{at_s(3), 3}));
  EXPECT_EQ(scheduler_.events_processed(), 3u);
  EXPECT_EQ(scheduler_.pending(), 0u);
}

TEST_F(SchedulerTest, RunWithoutAnEndLeavesTheClockAtTheLastEvent) {
  scheduler_.schedule_at(at_s(7), ping(7));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_EQ(scheduler_.now(), at_s(7));
}

TEST_F(SchedulerTest, RunUntilProcessesEventsAtOrBeforeTheEndAndStopsTheClockThere) {
  for (std::int64_t s : {1, 2, 3}) scheduler_.schedule_at(at_s(s), ping(static_cast<std::uint64_t>(s)));
  EXPECT_EQ(scheduler_.run_until(at_s(2)), RunStop::kReachedEnd);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(1u, 2u));  // the event at exactly the end runs
  EXPECT_EQ(scheduler_.now(), at_s(2));
  EXPECT_EQ(scheduler_.pending(), 1u);

  EXPECT_EQ(scheduler_.run_until(at_s(2) + SimDuration::milliseconds(500)), RunStop::kReachedEnd);
  EXPECT_EQ(scheduler_.now(), at_s(2) + SimDuration::milliseconds(500));
  EXPECT_EQ(scheduler_.pending(), 1u);
}

TEST_F(SchedulerTest, RunUntilAdvancesTheClockToTheEndWhenTheQueueRunsEmpty) {
  scheduler_.schedule_at(at_s(1), ping(1));
  EXPECT_EQ(scheduler_.run_until(at_s(10)), RunStop::kExhausted);
  EXPECT_EQ(scheduler_.now(), at_s(10));
}

TEST_F(SchedulerTest, RunWithAnEndLeavesTheClockAtTheLastEventWhenNothingIsLeft) {
  scheduler_.schedule_at(at_s(1), ping(1));
  EXPECT_EQ(scheduler_.run({.end = at_s(10)}), RunStop::kExhausted);
  EXPECT_EQ(scheduler_.now(), at_s(1));
}

TEST_F(SchedulerTest, EventsScheduledBeforeAPeekedEventRunFirst) {
  scheduler_.schedule_at(at_s(100), ping(100));
  EXPECT_EQ(scheduler_.run_until(at_s(10)), RunStop::kReachedEnd);  // peeked at 100 s
  scheduler_.schedule_at(at_s(50), ping(50));
  scheduler_.schedule_at(at_s(10), ping(10));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(10u, 50u, 100u));
}

TEST_F(SchedulerTest, EventLimitStopsTheRunAndTheNextRunResumes) {
  for (std::uint64_t i = 0; i < 5; ++i) scheduler_.schedule_at(at_s(1), ping(i));
  EXPECT_EQ(scheduler_.run({.events_max = 2}), RunStop::kHitEventLimit);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(0u, 1u));
  EXPECT_EQ(scheduler_.run({.events_max = 2}), RunStop::kHitEventLimit);
  EXPECT_EQ(scheduler_.run({.events_max = 2}), RunStop::kExhausted);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(0u, 1u, 2u, 3u, 4u));
  EXPECT_EQ(scheduler_.events_processed(), 5u);
}

TEST_F(SchedulerTest, StepProcessesExactlyOneEvent) {
  scheduler_.schedule_at(at_s(1), ping(1));
  scheduler_.schedule_at(at_s(2), ping(2));
  EXPECT_TRUE(scheduler_.step());
  EXPECT_EQ(scheduler_.now(), at_s(1));
  EXPECT_EQ(scheduler_.pending(), 1u);
  EXPECT_TRUE(scheduler_.step());
  EXPECT_FALSE(scheduler_.step());
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(1u, 2u));
}

TEST_F(SchedulerTest, HandlersCanScheduleFurtherEvents) {
  handler_.react = [&](const Event& e) {
    if (e.target < 4) scheduler_.schedule_after(SimDuration::seconds(1), ping(e.target + 1));
  };
  scheduler_.schedule_at(at_s(0), ping(0));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_THAT(handler_.seen, ElementsAre(Seen{at_s(0), 0}, Seen{at_s(1), 1}, Seen{at_s(2), 2}, Seen{at_s(3), 3},
                                         Seen{at_s(4), 4}));
}

// The tie rule seen from a model: an event scheduled for "now" by a handler runs after every event
// already scheduled for the same time.
TEST_F(SchedulerTest, EventScheduledForNowRunsAfterThoseAlreadyDueNow) {
  handler_.react = [&](const Event& e) {
    if (e.target == 1) scheduler_.schedule_after(SimDuration::zero(), ping(4));
  };
  for (std::uint64_t i = 1; i <= 3; ++i) scheduler_.schedule_at(at_s(5), ping(i));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_THAT(handler_.seen, ElementsAre(Seen{at_s(5), 1}, Seen{at_s(5), 2}, Seen{at_s(5), 3}, Seen{at_s(5), 4}));
}

TEST_F(SchedulerTest, EachKindGoesToItsOwnHandler) {
  RecordingHandler pong_handler(&scheduler_);
  scheduler_.set_handler(kPong, &pong_handler);
  scheduler_.schedule_at(at_s(1), ping(1));
  scheduler_.schedule_at(at_s(2), Event{.kind = kPong, .aux = 0, .target = 2, .arg = 0});
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(1u));
  EXPECT_THAT(tags_of(pong_handler.seen), ElementsAre(2u));
}

TEST_F(SchedulerTest, ObserverSeesEveryEventInOrderBeforeItsHandler) {
  struct Observed {
    SimTime at;
    std::uint64_t seq;
    std::uint64_t tag;
    std::size_t handled_before;  // how many events the handler had seen at that moment
    SimTime now;
  };
  class Recorder final : public EventObserver {
   public:
    Recorder(const Scheduler* scheduler, const RecordingHandler* handler) : scheduler_(scheduler), handler_(handler) {}
    void on_event(SimTime at, std::uint64_t seq, const Event& event) override {
      seen.push_back({at, seq, event.target, handler_->seen.size(), scheduler_->now()});
    }
    std::vector<Observed> seen;

   private:
    const Scheduler* scheduler_;
    const RecordingHandler* handler_;
  };
  Recorder observer(&scheduler_, &handler_);
  scheduler_.set_observer(&observer);
  scheduler_.schedule_at(at_s(2), ping(20));  // seq 0
  scheduler_.schedule_at(at_s(1), ping(10));  // seq 1
  scheduler_.schedule_at(at_s(2), ping(21));  // seq 2
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);

  ASSERT_EQ(observer.seen.size(), 3u);
  const std::uint64_t want_seq[] = {1, 0, 2};
  const std::uint64_t want_tag[] = {10, 20, 21};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(observer.seen[i].seq, want_seq[i]);
    EXPECT_EQ(observer.seen[i].tag, want_tag[i]);
    EXPECT_EQ(observer.seen[i].handled_before, i);          // before the handler ran
    EXPECT_EQ(observer.seen[i].now, observer.seen[i].at);  // after the clock moved
  }
  scheduler_.set_observer(nullptr);
  scheduler_.schedule_at(at_s(3), ping(30));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_EQ(observer.seen.size(), 3u);
}

TEST_F(SchedulerTest, RequestStopReturnsAfterTheCurrentEvent) {
  handler_.react = [&](const Event& e) {
    if (e.target == 2) scheduler_.request_stop();
  };
  for (std::uint64_t i = 1; i <= 4; ++i) scheduler_.schedule_at(at_s(static_cast<std::int64_t>(i)), ping(i));
  EXPECT_EQ(scheduler_.run(), RunStop::kStopRequested);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(1u, 2u));
  EXPECT_EQ(scheduler_.now(), at_s(2));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);  // the request does not outlive its run
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(1u, 2u, 3u, 4u));
}

TEST_F(SchedulerTest, CancelledEventNeverRuns) {
  scheduler_.schedule_at(at_s(1), ping(1));
  const EventId id = scheduler_.schedule_at(at_s(2), ping(2));
  scheduler_.schedule_at(at_s(3), ping(3));
  EXPECT_TRUE(scheduler_.is_pending(id));
  EXPECT_TRUE(scheduler_.cancel(id));
  EXPECT_FALSE(scheduler_.is_pending(id));
  EXPECT_EQ(scheduler_.pending(), 2u);
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(1u, 3u));
}

TEST_F(SchedulerTest, CancelOfAnEventThatRanReturnsFalse) {
  const EventId id = scheduler_.schedule_at(at_s(1), ping(1));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_FALSE(scheduler_.is_pending(id));
  EXPECT_FALSE(scheduler_.cancel(id));
}

TEST_F(SchedulerTest, HandlerCanCancelALaterEvent) {
  EventId timeout;
  handler_.react = [&](const Event& e) {
    if (e.target == 1) {
      EXPECT_TRUE(scheduler_.cancel(timeout));
    }
  };
  scheduler_.schedule_at(at_s(1), ping(1));
  timeout = scheduler_.schedule_at(at_s(1), ping(2));  // same time, after the canceller
  scheduler_.schedule_at(at_s(9), ping(3));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(1u, 3u));
}

TEST(SchedulerRunStop, HasReadableNames) {
  EXPECT_STREQ(to_string(RunStop::kExhausted), "exhausted");
  EXPECT_STREQ(to_string(RunStop::kReachedEnd), "reached end");
  EXPECT_STREQ(to_string(RunStop::kHitEventLimit), "hit event limit");
  EXPECT_STREQ(to_string(RunStop::kStopRequested), "stop requested");
}

// --- fingerprint -----------------------------------------------------------------------------------

// A small fixed trajectory: a chain of 21 events whose times and payloads all vary. The event with
// target `tweak_target` schedules its successor `tweak_delay_us` later than usual.
std::uint64_t fingerprint_of_chain(std::uint64_t tweak_target = ~0ULL, std::int64_t tweak_delay_us = 0) {
  Scheduler scheduler;
  class Chain final : public EventHandler {
   public:
    Chain(Scheduler* s, std::uint64_t tweak_target, std::int64_t tweak_delay_us)
        : s_(s), tweak_target_(tweak_target), tweak_delay_us_(tweak_delay_us) {}
    void on_event(const Event& e) override {
      if (e.target >= 20) return;
      SimDuration delay = SimDuration::milliseconds(static_cast<std::int64_t>(100 + 37 * e.target));
      if (e.target == tweak_target_) delay += SimDuration::microseconds(tweak_delay_us_);
      s_->schedule_after(delay, Event{.kind = e.kind, .aux = static_cast<std::uint32_t>(e.target % 3),
                                      .target = e.target + 1, .arg = e.arg * 31 + 7});
    }

   private:
    Scheduler* s_;
    std::uint64_t tweak_target_;
    std::int64_t tweak_delay_us_;
  };
  Chain chain(&scheduler, tweak_target, tweak_delay_us);
  scheduler.set_handler(kPing, &chain);
  scheduler.schedule_at(at_s(1), Event{.kind = kPing, .aux = 0, .target = 0, .arg = 1});
  EXPECT_EQ(scheduler.run(), RunStop::kExhausted);
  EXPECT_EQ(scheduler.events_processed(), 21u);
  return scheduler.fingerprint();
}

TEST(SchedulerFingerprint, IsIdenticalForIdenticalRuns) {
  EXPECT_EQ(fingerprint_of_chain(), fingerprint_of_chain());
}

TEST(SchedulerFingerprint, DiffersWhenOneEventTimeDiffersByOneTick) {
  EXPECT_NE(fingerprint_of_chain(/*tweak_target=*/19, /*tweak_delay_us=*/1), fingerprint_of_chain());
  EXPECT_NE(fingerprint_of_chain(/*tweak_target=*/5, /*tweak_delay_us=*/1), fingerprint_of_chain());
}

TEST(SchedulerFingerprint, DiffersWhenOneEventPayloadDiffers) {
  auto run_with_last_arg = [](std::uint64_t arg) {
    Scheduler scheduler;
    RecordingHandler handler(&scheduler);
    scheduler.set_handler(kPing, &handler);
    scheduler.schedule_at(at_s(1), Event{.kind = kPing, .aux = 1, .target = 2, .arg = 3});
    scheduler.schedule_at(at_s(2), Event{.kind = kPing, .aux = 1, .target = 2, .arg = arg});
    EXPECT_EQ(scheduler.run(), RunStop::kExhausted);
    return scheduler.fingerprint();
  };
  EXPECT_NE(run_with_last_arg(3), run_with_last_arg(4));
  EXPECT_NE(run_with_last_arg(3), run_with_last_arg(3ULL << 63));
}

TEST(SchedulerFingerprint, DependsOnTheOrderOfEvents) {
  auto run_in_order = [](std::uint64_t first, std::uint64_t second) {
    Scheduler scheduler;
    RecordingHandler handler(&scheduler);
    scheduler.set_handler(kPing, &handler);
    scheduler.schedule_at(at_s(1), ping(first));
    scheduler.schedule_at(at_s(1), ping(second));
    EXPECT_EQ(scheduler.run(), RunStop::kExhausted);
    return scheduler.fingerprint();
  };
  EXPECT_NE(run_in_order(1, 2), run_in_order(2, 1));
}

// The definition: FNV-1a (sim/fingerprint.h) over each processed event's time, kind, aux, target
// and arg, in processing order, each as 8 little-endian bytes. Payloads of every width, since the
// scheduler folds zero high bytes rather than hashing them one by one.
TEST(SchedulerFingerprint, IsFnv1aOfEveryProcessedEventInOrder) {
  Scheduler scheduler;
  RecordingHandler handler(&scheduler);
  scheduler.set_handler(kPing, &handler);
  scheduler.set_handler(kPong, &handler);
  Rng rng(99);
  auto random_width = [&rng] {
    const std::uint64_t bytes = rng.uniform_u64(9);  // 0 to 8 significant bytes
    return bytes == 0 ? 0 : rng.next_u64() >> (64 - 8 * bytes);
  };
  std::vector<std::pair<SimTime, Event>> scheduled;
  for (int i = 0; i < 2000; ++i) {
    const SimTime at = SimTime::from_ticks(static_cast<std::int64_t>(random_width() >> 1));
    const Event e{.kind = static_cast<EventKind>(rng.uniform_u64(2)),
                  .aux = static_cast<std::uint32_t>(random_width()),
                  .target = random_width(),
                  .arg = random_width()};
    scheduler.schedule_at(at, e);
    scheduled.emplace_back(at, e);
  }
  EXPECT_EQ(scheduler.run(), RunStop::kExhausted);

  std::stable_sort(scheduled.begin(), scheduled.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });  // (at, seq)
  Fingerprint expected;
  for (const auto& [at, e] : scheduled) {
    expected.add_u64(static_cast<std::uint64_t>(at.ticks()));
    expected.add_u64(e.kind);
    expected.add_u64(e.aux);
    expected.add_u64(e.target);
    expected.add_u64(e.arg);
  }
  EXPECT_EQ(scheduler.fingerprint(), expected.value());
}

// Pinned: a change here changes every recorded fingerprint (tests/golden), so it must be deliberate.
// The value is FNV-1a over the 21 events' (time, kind, aux, target, arg) as little-endian 64-bit
// words, checked against an independent implementation.
TEST(SchedulerFingerprint, OfAFixedRunIsPinned) {
  EXPECT_EQ(fingerprint_of_chain(), 0xde836e233bcdcf60ULL);
  EXPECT_EQ(Scheduler().fingerprint(), 0xcbf29ce484222325ULL);  // nothing processed
}

// --- death tests ------------------------------------------------------------------------------------

TEST(SchedulerDeathTest, SchedulingInThePastIsAnInternalError) {
  Scheduler scheduler;
  RecordingHandler handler(&scheduler);
  scheduler.set_handler(kPing, &handler);
  scheduler.schedule_at(at_s(10), ping(1));
  ASSERT_EQ(scheduler.run(), RunStop::kExhausted);
  EXPECT_EXIT(scheduler.schedule_at(at_s(5), ping(2)), ::testing::ExitedWithCode(1), "internal error");
}

TEST(SchedulerDeathTest, NegativeDelayIsAnInternalError) {
  Scheduler scheduler;
  EXPECT_EXIT(scheduler.schedule_after(SimDuration::seconds(-1), ping(1)), ::testing::ExitedWithCode(1),
              "internal error");
}

TEST(SchedulerDeathTest, EventWithoutAHandlerIsAnInternalError) {
  Scheduler scheduler;
  scheduler.schedule_at(at_s(1), Event{.kind = 5, .aux = 0, .target = 0, .arg = 0});
  EXPECT_EXIT(scheduler.run(), ::testing::ExitedWithCode(1), "internal error.*no handler");
}

TEST(SchedulerDeathTest, RunUntilBeforeNowIsAnInternalError) {
  Scheduler scheduler;
  ASSERT_EQ(scheduler.run_until(at_s(10)), RunStop::kExhausted);
  EXPECT_EXIT(static_cast<void>(scheduler.run_until(at_s(5))), ::testing::ExitedWithCode(1), "internal error");
}

// --- the arrival lane (ArrivalSource) ---

// Arrivals from a list, taken one at a time.
class ListArrivals final : public ArrivalSource {
 public:
  explicit ListArrivals(std::vector<std::pair<SimTime, std::uint64_t>> items) : items_(std::move(items)) {}
  SimTime next_arrival_time() override { return next_ < items_.size() ? items_[next_].first : SimTime::max(); }
  Event take_arrival() override { return ping(items_[next_++].second); }
  std::size_t taken() const { return next_; }

 private:
  std::vector<std::pair<SimTime, std::uint64_t>> items_;
  std::size_t next_ = 0;
};

TEST_F(SchedulerTest, ArrivalsMergeWithPendingEventsInTimeOrder) {
  ListArrivals arrivals({{at_s(1), 101}, {at_s(3), 103}});
  scheduler_.set_arrivals(&arrivals);
  scheduler_.schedule_at(at_s(2), ping(2));
  scheduler_.schedule_at(at_s(4), ping(4));
  EXPECT_EQ(scheduler_.run(), RunStop::kExhausted);
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(101, 2, 103, 4));
}

TEST_F(SchedulerTest, AnArrivalComesBeforeEveryPendingEventOfTheSameInstant) {
  ListArrivals arrivals({{at_s(5), 100}, {at_s(5), 101}});
  scheduler_.set_arrivals(&arrivals);
  scheduler_.schedule_at(at_s(5), ping(1));
  // An event an arrival schedules for its own instant comes after the remaining arrivals too.
  handler_.react = [&](const Event& e) {
    if (e.target == 100) scheduler_.schedule_at(at_s(5), ping(2));
  };
  scheduler_.run();
  EXPECT_THAT(tags_of(handler_.seen), ElementsAre(100, 101, 1, 2));
}

TEST_F(SchedulerTest, ArrivalsAreTakenOnlyWhenTheClockReachesThem) {
  ListArrivals arrivals({{at_s(1), 1}, {at_s(10), 10}});
  scheduler_.set_arrivals(&arrivals);
  EXPECT_EQ(scheduler_.run_until(at_s(5)), RunStop::kReachedEnd);
  EXPECT_EQ(arrivals.taken(), 1U);
  EXPECT_EQ(scheduler_.now(), at_s(5));
  EXPECT_TRUE(scheduler_.step());
  EXPECT_EQ(scheduler_.now(), at_s(10));
  EXPECT_FALSE(scheduler_.step());
}

TEST_F(SchedulerTest, TheFingerprintOfArrivalsEqualsThatOfTheSameEventsScheduledUpFront) {
  Scheduler upfront;
  RecordingHandler other(&upfront);
  upfront.set_handler(kPing, &other);
  for (std::uint64_t t = 1; t <= 5; ++t) upfront.schedule_at(at_s(static_cast<std::int64_t>(t)), ping(t));
  upfront.run();
  ListArrivals arrivals({{at_s(1), 1}, {at_s(2), 2}, {at_s(3), 3}, {at_s(4), 4}, {at_s(5), 5}});
  scheduler_.set_arrivals(&arrivals);
  scheduler_.run();
  EXPECT_EQ(scheduler_.fingerprint(), upfront.fingerprint());
  EXPECT_EQ(handler_.seen, other.seen);
}

}  // namespace
}  // namespace ecsim::sim
