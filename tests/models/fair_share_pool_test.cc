// FairSharePool: max-min fair sharing of a capacity among capped jobs, kept incrementally. The
// reference is the textbook water-filling (sort by cap, give each the lesser of its cap and an
// equal share of what is left), recomputed from scratch.

#include "models/fair_share_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <vector>

#include "sim/rng.h"

namespace ecsim::models {
namespace {

sim::SimTime at_s(double seconds) { return sim::SimTime::zero() + sim::SimDuration::from_seconds_rounded(seconds); }

std::map<FairSharePool::JobId, double> water_fill(const std::map<FairSharePool::JobId, double>& caps, double capacity) {
  std::vector<std::pair<double, FairSharePool::JobId>> order;
  for (const auto& [job, cap] : caps) order.emplace_back(cap, job);
  std::sort(order.begin(), order.end());
  std::map<FairSharePool::JobId, double> rates;
  double left = capacity;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const double r = std::min(order[k].first, left / static_cast<double>(order.size() - k));
    rates[order[k].second] = r;
    left -= r;
  }
  return rates;
}

TEST(FairSharePool, ALoneJobRunsAtItsCapWhenTheCapacityAllows) {
  FairSharePool pool(100);
  pool.add(1, 30, 300, at_s(0));
  EXPECT_DOUBLE_EQ(pool.rate(1), 30);
  EXPECT_EQ(pool.next_completion(at_s(0)), at_s(10));
}

TEST(FairSharePool, ALoneJobRunsAtTheCapacityWhenItsCapIsHigher) {
  FairSharePool pool(100);
  pool.add(1, 500, 300, at_s(0));
  EXPECT_DOUBLE_EQ(pool.rate(1), 100);
  EXPECT_EQ(pool.next_completion(at_s(0)), at_s(3));
}

TEST(FairSharePool, SmallCapsKeepTheirCapAndTheRestShareWhatIsLeft) {
  FairSharePool pool(15);
  pool.add(1, 1, 1000, at_s(0));
  pool.add(2, 2, 1000, at_s(0));
  pool.add(3, 10, 1000, at_s(0));
  pool.add(4, 10, 1000, at_s(0));
  EXPECT_DOUBLE_EQ(pool.rate(1), 1);
  EXPECT_DOUBLE_EQ(pool.rate(2), 2);
  EXPECT_DOUBLE_EQ(pool.rate(3), 6);
  EXPECT_DOUBLE_EQ(pool.rate(4), 6);
}

TEST(FairSharePool, ALeavingJobGivesItsShareToTheOthersFromThatInstant) {
  FairSharePool pool(100);
  pool.add(1, 1000, 1000, at_s(0));
  pool.add(2, 1000, 1000, at_s(0));
  // 50 bytes/s each for 4 s: 200 bytes done; then job 2 leaves and job 1 runs at 100 bytes/s.
  pool.remove(2, at_s(4));
  EXPECT_DOUBLE_EQ(pool.bytes_done(1, at_s(4)), 200);
  EXPECT_EQ(pool.next_completion(at_s(4)), at_s(12));
}

TEST(FairSharePool, TakeDoneReturnsEveryJobDoneAtThatTickInIdOrder) {
  FairSharePool pool(100);
  pool.add(7, 50, 500, at_s(0));
  pool.add(3, 50, 500, at_s(0));
  ASSERT_EQ(pool.next_completion(at_s(0)), at_s(10));
  EXPECT_TRUE(pool.take_done(at_s(9)).empty());
  EXPECT_EQ(pool.take_done(at_s(10)), (std::vector<FairSharePool::JobId>{3, 7}));
  EXPECT_EQ(pool.size(), 0U);
  EXPECT_FALSE(pool.next_completion(at_s(10)).has_value());
}

TEST(FairSharePool, JobIdsAreNotIndexes) {
  // Snapshot indexes run into the millions; the pool's tables grow with the jobs in it, not with
  // the largest id (an id near 2^32 once meant a 160 GB table).
  FairSharePool pool(100);
  pool.add(4'000'000'000U, 50, 500, at_s(0));
  pool.add(3, 50, 500, at_s(0));
  EXPECT_TRUE(pool.contains(4'000'000'000U));
  EXPECT_DOUBLE_EQ(pool.rate(4'000'000'000U), 50);
  EXPECT_EQ(pool.take_done(at_s(10)), (std::vector<FairSharePool::JobId>{3, 4'000'000'000U}));
  EXPECT_FALSE(pool.contains(4'000'000'000U));
  EXPECT_FALSE(pool.contains(3));
}

TEST(FairSharePool, AFinishedJobsIdCanJoinAgain) {
  FairSharePool pool(100);
  pool.add(1, 100, 100, at_s(0));
  ASSERT_EQ(pool.take_done(at_s(1)), std::vector<FairSharePool::JobId>{1});
  pool.add(1, 100, 300, at_s(1));
  EXPECT_DOUBLE_EQ(pool.bytes_done(1, at_s(2)), 100);
  EXPECT_EQ(pool.next_completion(at_s(2)), at_s(4));
}

TEST(FairSharePool, AnEmptyJobIsDoneAtOnce) {
  FairSharePool pool(100);
  pool.add(1, 50, 0, at_s(5));
  EXPECT_EQ(pool.take_done(at_s(5)), std::vector<FairSharePool::JobId>{1});
}

TEST(FairSharePool, NoJobProgressesAtZeroCapacity) {
  FairSharePool pool(100);
  pool.add(1, 50, 500, at_s(0));
  pool.set_capacity(0, at_s(2));
  EXPECT_FALSE(pool.next_completion(at_s(2)).has_value());
  EXPECT_DOUBLE_EQ(pool.bytes_done(1, at_s(100)), 100);
  pool.set_capacity(100, at_s(100));
  EXPECT_EQ(pool.next_completion(at_s(100)), at_s(108));
}

// Random joins, leaves and capacity changes: after each, every job's rate equals water-filling
// from scratch, and the bytes done grow exactly by rate x time between changes.
TEST(FairSharePool, MatchesWaterFillingFromScratchAfterEveryChange) {
  sim::Rng rng(2024);
  FairSharePool pool(1000);
  double capacity = 1000;
  std::map<FairSharePool::JobId, double> caps;
  std::map<FairSharePool::JobId, double> expected_bytes;
  std::map<FairSharePool::JobId, double> rates;
  sim::SimTime now = at_s(0);
  FairSharePool::JobId next_id = 0;
  for (int step = 0; step < 3000; ++step) {
    const sim::SimTime later = now + sim::SimDuration::from_ticks(rng.uniform_int(0, 2'000'000));
    const double dt = static_cast<double>((later - now).ticks()) / 1e6;
    for (auto& [job, bytes] : expected_bytes) bytes += rates[job] * dt;
    now = later;
    const std::int64_t what = rng.uniform_int(0, 9);
    if (what <= 4 || caps.empty()) {
      const double cap = static_cast<double>(rng.uniform_int(1, 600));
      pool.add(next_id, cap, 1e12, now);
      caps[next_id] = cap;
      expected_bytes[next_id] = 0;
      ++next_id;
    } else if (what <= 8) {
      auto it = caps.begin();
      std::advance(it, rng.uniform_int(0, static_cast<std::int64_t>(caps.size()) - 1));
      pool.remove(it->first, now);
      expected_bytes.erase(it->first);
      caps.erase(it);
    } else {
      capacity = static_cast<double>(rng.uniform_int(0, 4000));
      pool.set_capacity(capacity, now);
    }
    rates = water_fill(caps, capacity);
    ASSERT_EQ(pool.size(), caps.size());
    for (const auto& [job, rate] : rates) {
      ASSERT_NEAR(pool.rate(job), rate, 1e-9 * std::max(1.0, rate)) << "job " << job << " at step " << step;
      ASSERT_NEAR(pool.bytes_done(job, now), expected_bytes[job], 1e-6 * std::max(1.0, expected_bytes[job]))
          << "job " << job << " at step " << step;
    }
  }
}

}  // namespace
}  // namespace ecsim::models
