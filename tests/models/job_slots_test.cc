// JobSlots: dense, reused slots for the jobs in flight, keyed by sparse ids (models/job_slots.h).

#include "models/job_slots.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "sim/rng.h"

namespace ecsim::models {
namespace {

TEST(JobSlots, FindsNothingWhenEmpty) {
  JobSlots slots;
  EXPECT_FALSE(slots.find(0));
  EXPECT_EQ(slots.size(), 0U);
  EXPECT_EQ(slots.slot_count(), 0U);
}

TEST(JobSlots, HandsOutSlotsFromZeroWhateverTheIds) {
  JobSlots slots;
  EXPECT_EQ(slots.acquire(4'000'000'000U), 0U);
  EXPECT_EQ(slots.acquire(7), 1U);
  EXPECT_EQ(slots.find(4'000'000'000U), 0U);
  EXPECT_EQ(slots.find(7), 1U);
  EXPECT_EQ(slots.id_of(0), 4'000'000'000U);
  EXPECT_FALSE(slots.find(8));
}

TEST(JobSlots, ReusesTheSlotOfAFinishedJob) {
  JobSlots slots;
  slots.acquire(10);
  slots.acquire(11);
  slots.release(10);
  EXPECT_FALSE(slots.find(10));
  EXPECT_EQ(slots.id_of(0), JobSlots::kNone);
  EXPECT_EQ(slots.acquire(12), 0U);
  EXPECT_EQ(slots.slot_count(), 2U);
}

TEST(JobSlots, SlotCountIsTheMostJobsEverInFlightAtOnce) {
  // A million jobs, at most 100 running at a time: the slot tables stay at 100.
  JobSlots slots;
  for (std::uint32_t id = 0; id < 1'000'000; ++id) {
    slots.acquire(id);
    if (id >= 99) slots.release(id - 99);
  }
  EXPECT_EQ(slots.slot_count(), 100U);
  EXPECT_EQ(slots.size(), 99U);
}

TEST(JobSlots, AgreesWithAMapOverRandomAcquiresAndReleases) {
  // Clustered ids make long probe runs, which is where backward-shift deletion can go wrong.
  sim::Rng rng(11);
  JobSlots slots;
  std::map<std::uint32_t, std::uint32_t> reference;  // id -> slot
  for (int step = 0; step < 200'000; ++step) {
    const auto id = static_cast<std::uint32_t>(rng.uniform_u64(step % 2 == 0 ? 64 : 5'000));
    if (reference.contains(id)) {
      ASSERT_EQ(slots.find(id), reference[id]) << "step " << step;
      slots.release(id);
      reference.erase(id);
    } else {
      reference[id] = slots.acquire(id);
    }
    if (step % 997 == 0) {
      std::set<std::uint32_t> used;
      for (const auto& [i, slot] : reference) {
        ASSERT_EQ(slots.find(i), slot) << "step " << step;
        ASSERT_EQ(slots.id_of(slot), i);
        ASSERT_TRUE(used.insert(slot).second) << "slot " << slot << " given twice";
      }
      ASSERT_EQ(slots.size(), reference.size());
    }
  }
}

}  // namespace
}  // namespace ecsim::models
