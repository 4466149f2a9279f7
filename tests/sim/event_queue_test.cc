// The future-event set (sim/event_queue.h), run against every pending-set implementation, as ns-3
// runs one case against each of its schedulers: the same ordering rule, the same cancel semantics.
// The last tests drive a long random script through the queue and through a sorted-vector oracle
// and compare every pop (LevelDB's skip list against std::set).

#include "sim/event_queue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/event.h"
#include "sim/pending_set.h"
#include "sim/rng.h"
#include "sim/time.h"

namespace ecsim::sim {

// gtest printers for readable failure messages; defined in time_test.cc.
void PrintTo(SimDuration d, std::ostream* os);
void PrintTo(SimTime t, std::ostream* os);
void PrintTo(CalendarTime t, std::ostream* os);

namespace {

using ::testing::ElementsAre;

SimTime at_s(std::int64_t seconds) { return SimTime::zero() + SimDuration::seconds(seconds); }
SimTime at_ticks(std::int64_t ticks) { return SimTime::from_ticks(ticks); }
Event tagged(std::uint64_t tag) { return Event{.kind = 1, .aux = 0, .target = tag, .arg = 0}; }

template <typename Queue>
class EventQueueTest : public ::testing::Test {
 protected:
  // Pops everything left and returns the tags, in pop order.
  std::vector<std::uint64_t> drain() {
    std::vector<std::uint64_t> tags;
    while (!queue_.empty()) tags.push_back(queue_.pop().event.target);
    return tags;
  }

  Queue queue_;
};

struct QueueName {
  template <typename Queue>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<Queue, BasicEventQueue<RadixHeap>>) return "RadixHeap";
    if constexpr (std::is_same_v<Queue, BasicEventQueue<QuaternaryHeap>>) return "QuaternaryHeap";
    return "Unknown";
  }
};

using QueueImplementations = ::testing::Types<BasicEventQueue<RadixHeap>, BasicEventQueue<QuaternaryHeap>>;
TYPED_TEST_SUITE(EventQueueTest, QueueImplementations, QueueName);

TYPED_TEST(EventQueueTest, StartsEmpty) {
  EXPECT_TRUE(this->queue_.empty());
  EXPECT_EQ(this->queue_.size(), 0u);
  EXPECT_EQ(this->queue_.scheduled_total(), 0u);
}

TYPED_TEST(EventQueueTest, PopsInTimeOrder) {
  this->queue_.push(at_s(30), tagged(30));
  this->queue_.push(at_s(10), tagged(10));
  this->queue_.push(at_s(20), tagged(20));
  this->queue_.push(at_ticks(1), tagged(0));
  EXPECT_EQ(this->queue_.next_time(), at_ticks(1));
  EXPECT_THAT(this->drain(), ElementsAre(0, 10, 20, 30));
}

TYPED_TEST(EventQueueTest, PopReturnsTimeSequenceAndPayload) {
  const Event event{.kind = 7, .aux = 8, .target = 9, .arg = 10};
  this->queue_.push(at_s(1), tagged(0));
  this->queue_.push(at_s(2), event);
  static_cast<void>(this->queue_.pop());
  const ScheduledEvent popped = this->queue_.pop();
  EXPECT_EQ(popped.at, at_s(2));
  EXPECT_EQ(popped.seq, 1u);
  EXPECT_EQ(popped.event.kind, 7u);
  EXPECT_EQ(popped.event.aux, 8u);
  EXPECT_EQ(popped.event.target, 9u);
  EXPECT_EQ(popped.event.arg, 10u);
}

// The tie rule: equal times pop in the order they were scheduled (seq), never by address or kind.
TYPED_TEST(EventQueueTest, EqualTimesPopInInsertionOrder) {
  constexpr std::uint64_t kA = 'A', kB = 'B', kC = 'C';
  this->queue_.push(at_s(5), tagged(kA));
  this->queue_.push(at_s(5), tagged(kB));
  this->queue_.push(at_s(5), tagged(kC));
  EXPECT_THAT(this->drain(), ElementsAre(kA, kB, kC));
}

TYPED_TEST(EventQueueTest, EqualTimesStayInInsertionOrderAcrossPops) {
  this->queue_.push(at_s(5), tagged(1));
  this->queue_.push(at_s(9), tagged(4));
  this->queue_.push(at_s(5), tagged(2));
  EXPECT_EQ(this->queue_.pop().event.target, 1u);
  this->queue_.push(at_s(5), tagged(3));  // the same time as the event just popped
  this->queue_.push(at_s(9), tagged(5));
  EXPECT_THAT(this->drain(), ElementsAre(2, 3, 4, 5));
}

TYPED_TEST(EventQueueTest, SizeCountsPendingEventsOnly) {
  const EventId a = this->queue_.push(at_s(1), tagged(1));
  this->queue_.push(at_s(2), tagged(2));
  EXPECT_EQ(this->queue_.size(), 2u);
  EXPECT_TRUE(this->queue_.cancel(a));
  EXPECT_EQ(this->queue_.size(), 1u);
  static_cast<void>(this->queue_.pop());
  EXPECT_EQ(this->queue_.size(), 0u);
  EXPECT_TRUE(this->queue_.empty());
  EXPECT_EQ(this->queue_.scheduled_total(), 2u);
}

TYPED_TEST(EventQueueTest, CancelRemovesTheEvent) {
  this->queue_.push(at_s(1), tagged(1));
  const EventId b = this->queue_.push(at_s(2), tagged(2));
  this->queue_.push(at_s(3), tagged(3));
  EXPECT_TRUE(this->queue_.is_pending(b));
  EXPECT_TRUE(this->queue_.cancel(b));
  EXPECT_FALSE(this->queue_.is_pending(b));
  EXPECT_THAT(this->drain(), ElementsAre(1, 3));
}

TYPED_TEST(EventQueueTest, CancellingTheEarliestEventMovesNextTime) {
  const EventId a = this->queue_.push(at_s(1), tagged(1));
  this->queue_.push(at_s(2), tagged(2));
  EXPECT_EQ(this->queue_.next_time(), at_s(1));
  EXPECT_TRUE(this->queue_.cancel(a));
  EXPECT_EQ(this->queue_.next_time(), at_s(2));
}

TYPED_TEST(EventQueueTest, CancellingEveryEventLeavesTheQueueEmpty) {
  const EventId a = this->queue_.push(at_s(1), tagged(1));
  const EventId b = this->queue_.push(at_s(1), tagged(2));
  EXPECT_TRUE(this->queue_.cancel(b));
  EXPECT_TRUE(this->queue_.cancel(a));
  EXPECT_TRUE(this->queue_.empty());
  this->queue_.push(at_s(3), tagged(3));
  EXPECT_THAT(this->drain(), ElementsAre(3));
}

TYPED_TEST(EventQueueTest, CancelOfAStaleHandleReturnsFalseAndDoesNothing) {
  const EventId ran = this->queue_.push(at_s(1), tagged(1));
  const EventId cancelled = this->queue_.push(at_s(2), tagged(2));
  this->queue_.push(at_s(3), tagged(3));
  EXPECT_EQ(this->queue_.pop().event.target, 1u);
  EXPECT_TRUE(this->queue_.cancel(cancelled));

  EXPECT_FALSE(this->queue_.cancel(ran));        // already ran
  EXPECT_FALSE(this->queue_.cancel(cancelled));  // already cancelled
  EXPECT_FALSE(this->queue_.cancel(EventId{}));  // "no event"
  EXPECT_FALSE(this->queue_.cancel(EventId{.slot = 1000, .generation = 1}));  // never issued
  EXPECT_EQ(this->queue_.size(), 1u);
  EXPECT_THAT(this->drain(), ElementsAre(3));
}

TYPED_TEST(EventQueueTest, CancellingThenPoppingReturnsTheRestInOrder) {
  std::vector<EventId> ids;
  for (std::uint64_t i = 0; i < 10; ++i) ids.push_back(this->queue_.push(at_s(static_cast<std::int64_t>(i % 3)), tagged(i)));
  for (std::uint64_t i : {0u, 4u, 5u, 9u}) EXPECT_TRUE(this->queue_.cancel(ids[i]));
  // Times: 0s: 0 3 6 9, 1s: 1 4 7, 2s: 2 5 8; minus the cancelled 0 4 5 9.
  EXPECT_THAT(this->drain(), ElementsAre(3, 6, 1, 7, 2, 8));
}

// Slots are reused; the generation in the handle keeps an old handle from reaching the new event.
TYPED_TEST(EventQueueTest, SlotReuseDoesNotResurrectACancelledHandle) {
  const EventId old_id = this->queue_.push(at_s(1), tagged(1));
  EXPECT_TRUE(this->queue_.cancel(old_id));
  const EventId new_id = this->queue_.push(at_s(1), tagged(2));
  EXPECT_EQ(new_id.slot, old_id.slot);  // the slot was reused ...
  EXPECT_NE(new_id, old_id);            // ... under a new generation
  EXPECT_FALSE(this->queue_.is_pending(old_id));
  EXPECT_FALSE(this->queue_.cancel(old_id));
  EXPECT_TRUE(this->queue_.is_pending(new_id));
  EXPECT_THAT(this->drain(), ElementsAre(2));
}

TYPED_TEST(EventQueueTest, SlotReuseDoesNotResurrectAHandleOfAnEventThatRan) {
  const EventId old_id = this->queue_.push(at_s(1), tagged(1));
  static_cast<void>(this->queue_.pop());
  const EventId new_id = this->queue_.push(at_s(2), tagged(2));
  EXPECT_EQ(new_id.slot, old_id.slot);
  EXPECT_FALSE(this->queue_.cancel(old_id));
  EXPECT_TRUE(this->queue_.is_pending(new_id));
  EXPECT_THAT(this->drain(), ElementsAre(2));
}

// run_until() peeks past its horizon; the events then scheduled before the peeked time (but not
// before the last popped one) must still come first. In a radix heap this is the rebase path.
TYPED_TEST(EventQueueTest, PushBelowAPeekedTimeStillPopsInOrder) {
  for (std::int64_t s : {100, 200, 300, 5000}) this->queue_.push(at_s(s), tagged(static_cast<std::uint64_t>(s)));
  EXPECT_EQ(this->queue_.pop().event.target, 100u);
  EXPECT_EQ(this->queue_.next_time(), at_s(200));  // the peek past a horizon of, say, 150 s
  this->queue_.push(at_s(150), tagged(150));
  this->queue_.push(at_s(100), tagged(101));  // equal to the last popped time
  this->queue_.push(at_s(200), tagged(201));  // ties with the peeked event, after it
  EXPECT_EQ(this->queue_.next_time(), at_s(100));
  EXPECT_THAT(this->drain(), ElementsAre(101, 150, 200, 201, 300, 5000));
}

// Peeks interleaved with pushes that land before, at and after the peeked event (in a radix heap:
// in an earlier bucket, in the peeked bucket, and later).
TYPED_TEST(EventQueueTest, PeeksInterleavedWithEarlierPushesSeeTheEarliestEvent) {
  this->queue_.push(at_ticks(0x380), tagged(1));
  this->queue_.push(at_ticks(0x3f0), tagged(2));
  EXPECT_EQ(this->queue_.next_time(), at_ticks(0x380));
  this->queue_.push(at_ticks(0x310), tagged(3));  // earlier, close by
  EXPECT_EQ(this->queue_.next_time(), at_ticks(0x310));
  this->queue_.push(at_ticks(0x310), tagged(4));  // a tie: stays behind
  this->queue_.push(at_ticks(0x9000), tagged(5));  // later
  EXPECT_EQ(this->queue_.next_time(), at_ticks(0x310));
  this->queue_.push(at_ticks(0x250), tagged(6));  // earlier, further away
  EXPECT_EQ(this->queue_.next_time(), at_ticks(0x250));
  EXPECT_THAT(this->drain(), ElementsAre(6, 3, 4, 1, 2, 5));
}

// The queue itself allows any time >= 0 (the Scheduler is what forbids the past): an event pushed
// below the last popped time still pops next, and equal times stay FIFO around it.
TYPED_TEST(EventQueueTest, PushBelowTheLastPoppedTimeStillPopsInOrder) {
  for (std::int64_t t : {1000, 1000, 1001, 1300, 70000, 70000}) {
    this->queue_.push(at_ticks(t), tagged(static_cast<std::uint64_t>(t)));
  }
  EXPECT_EQ(this->queue_.pop().event.target, 1000u);
  EXPECT_EQ(this->queue_.pop().event.target, 1000u);
  EXPECT_EQ(this->queue_.pop().event.target, 1001u);
  this->queue_.push(at_ticks(5), tagged(5));
  this->queue_.push(at_ticks(1300), tagged(1301));
  this->queue_.push(at_ticks(5), tagged(6));
  EXPECT_THAT(this->drain(), ElementsAre(5, 6, 1300, 1301, 70000, 70000));
}

TYPED_TEST(EventQueueTest, HandlesTimesAcrossTheWholeRange) {
  const std::int64_t max = SimTime::max().ticks();
  for (std::int64_t t : {max, max - 1, std::int64_t{1} << 62, std::int64_t{1} << 32, std::int64_t{255},
                         std::int64_t{256}, std::int64_t{0}, max}) {
    this->queue_.push(at_ticks(t), tagged(static_cast<std::uint64_t>(t)));
  }
  const auto m = static_cast<std::uint64_t>(max);
  EXPECT_THAT(this->drain(), ElementsAre(0, 255, 256, std::uint64_t{1} << 32, std::uint64_t{1} << 62, m - 1, m, m));
}

// --- the model-based test -----------------------------------------------------------------------

// The trivially correct queue: a vector kept sorted by (at, seq), cancelled entries erased.
class OracleQueue {
 public:
  struct Entry {
    std::int64_t at;
    std::uint64_t seq;
    std::uint64_t tag;
  };

  void push(std::int64_t at, std::uint64_t seq, std::uint64_t tag) {
    const Entry e{at, seq, tag};
    entries_.insert(std::upper_bound(entries_.begin(), entries_.end(), e, before), e);
  }
  bool cancel(std::uint64_t seq) {
    const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.seq == seq; });
    if (it == entries_.end()) return false;
    entries_.erase(it);
    return true;
  }
  Entry pop() {
    const Entry e = entries_.front();
    entries_.erase(entries_.begin());
    return e;
  }
  const Entry& front() const { return entries_.front(); }
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

 private:
  static bool before(const Entry& a, const Entry& b) { return a.at != b.at ? a.at < b.at : a.seq < b.seq; }
  std::vector<Entry> entries_;
};

// One random script: pushes (many ties, some far ahead, a few below the last popped time when
// `push_into_past` is set), cancels of live and stale handles, peeks and pops, with the mix of
// pushes and pops drifting so the queue grows, drains to empty and grows again.
template <typename Queue>
void run_script_against_oracle(std::uint64_t seed, int steps, bool push_into_past) {
  Rng rng(seed);
  Queue queue;
  OracleQueue oracle;
  struct Handle {
    EventId id;
    std::uint64_t seq;
  };
  std::vector<Handle> handles;  // every handle ever issued, live or stale
  std::int64_t last_popped = 0;
  std::uint64_t next_seq = 0;

  for (int step = 0; step < steps; ++step) {
    const int phase = (step / 5000) % 3;  // 0: grow, 1: balanced, 2: drain
    const std::uint64_t push_weight = phase == 0 ? 60 : phase == 1 ? 45 : 25;
    const std::uint64_t roll = rng.uniform_u64(100);
    if (roll < push_weight) {
      std::int64_t at = last_popped;
      switch (rng.uniform_u64(6)) {
        case 0: break;                                                        // a tie with now
        case 1: at += rng.uniform_int(0, 3); break;                           // near ties
        case 2: at += rng.uniform_int(0, 1'000'000); break;                   // within a second
        case 3: at += rng.uniform_int(0, 86'400'000'000); break;              // within a day
        case 4: at += rng.uniform_int(0, std::int64_t{1} << 45); break;       // far ahead
        case 5: at += 256 * rng.uniform_int(0, 8); break;                     // byte-boundary ties
      }
      if (push_into_past && rng.chance(Ratio{1, 50})) at = rng.uniform_int(0, last_popped);
      const std::uint64_t tag = rng.next_u64();
      const EventId id = queue.push(SimTime::from_ticks(at), tagged(tag));
      oracle.push(at, next_seq, tag);
      handles.push_back({id, next_seq});
      ++next_seq;
    } else if (roll < push_weight + 10) {
      if (handles.empty()) continue;
      // Recent handles are mostly live, old ones mostly stale: pick from both ends.
      const std::size_t n = handles.size();
      const std::size_t index = rng.chance(Ratio{1, 2}) ? n - 1 - rng.uniform_u64(std::min<std::size_t>(n, 16))
                                                        : rng.uniform_u64(n);
      const Handle& h = handles[index];
      const bool expected = oracle.cancel(h.seq);
      ASSERT_EQ(queue.is_pending(h.id), expected) << "step " << step;
      ASSERT_EQ(queue.cancel(h.id), expected) << "step " << step;
      ASSERT_FALSE(queue.is_pending(h.id)) << "step " << step;
    } else if (roll < push_weight + 15) {
      ASSERT_EQ(queue.empty(), oracle.empty()) << "step " << step;
      if (!oracle.empty()) {
        ASSERT_EQ(queue.next_time().ticks(), oracle.front().at) << "step " << step;
      }
    } else {
      ASSERT_EQ(queue.empty(), oracle.empty()) << "step " << step;
      if (oracle.empty()) continue;
      const OracleQueue::Entry want = oracle.pop();
      const ScheduledEvent got = queue.pop();
      ASSERT_EQ(got.at.ticks(), want.at) << "step " << step;
      ASSERT_EQ(got.seq, want.seq) << "step " << step;
      ASSERT_EQ(got.event.target, want.tag) << "step " << step;
      last_popped = want.at;
    }
    ASSERT_EQ(queue.size(), oracle.size()) << "step " << step;
  }
  while (!oracle.empty()) {
    const OracleQueue::Entry want = oracle.pop();
    const ScheduledEvent got = queue.pop();
    ASSERT_EQ(got.seq, want.seq);
    ASSERT_EQ(got.event.target, want.tag);
  }
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.scheduled_total(), next_seq);
}

TYPED_TEST(EventQueueTest, MatchesASortedVectorOracleOnARandomScript) {
  run_script_against_oracle<TypeParam>(/*seed=*/20261123, /*steps=*/200'000, /*push_into_past=*/false);
}

TYPED_TEST(EventQueueTest, MatchesTheOracleWhenEventsArePushedBelowTheLastPoppedTime) {
  run_script_against_oracle<TypeParam>(/*seed=*/42, /*steps=*/100'000, /*push_into_past=*/true);
}

// --- death tests ------------------------------------------------------------------------------------

TEST(EventQueueDeathTest, PopOnAnEmptyQueueIsAnInternalError) {
  EventQueue queue;
  EXPECT_EXIT(static_cast<void>(queue.pop()), ::testing::ExitedWithCode(1), "internal error");
}

TEST(EventQueueDeathTest, NegativeTimeIsAnInternalError) {
  EventQueue queue;
  EXPECT_EXIT(queue.push(SimTime::from_ticks(-1), tagged(0)), ::testing::ExitedWithCode(1), "internal error");
}

}  // namespace
}  // namespace ecsim::sim
