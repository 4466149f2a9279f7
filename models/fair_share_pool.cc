#include "models/fair_share_pool.h"

#include <algorithm>
#include <cmath>

#include "sim/assert.h"

namespace ecsim::models {
namespace {

constexpr double kTicksPerSecond = static_cast<double>(sim::SimDuration::kTicksPerSecond);

double ticks_of(sim::SimTime t) { return static_cast<double>(t.ticks()); }

}  // namespace

// --- IndexedHeap ---

void FairSharePool::IndexedHeap::place(std::size_t i, const Entry& e) {
  heap_[i] = e;
  position_[e.slot] = static_cast<std::uint32_t>(i);
}

void FairSharePool::IndexedHeap::sift_up(std::size_t i) {
  const Entry e = heap_[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!(e < heap_[parent])) break;
    place(i, heap_[parent]);
    i = parent;
  }
  place(i, e);
}

void FairSharePool::IndexedHeap::sift_down(std::size_t i) {
  const Entry e = heap_[i];
  const std::size_t n = heap_.size();
  for (;;) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && heap_[child + 1] < heap_[child]) ++child;
    if (!(heap_[child] < e)) break;
    place(i, heap_[child]);
    i = child;
  }
  place(i, e);
}

void FairSharePool::IndexedHeap::push(Slot slot, JobId job, double key) {
  if (position_.size() <= slot) position_.resize(static_cast<std::size_t>(slot) + 1, kAbsent);
  ECSIM_ASSERT(position_[slot] == kAbsent);
  heap_.push_back(Entry{key, job, slot});
  position_[slot] = static_cast<std::uint32_t>(heap_.size() - 1);
  sift_up(heap_.size() - 1);
}

void FairSharePool::IndexedHeap::erase(Slot slot) {
  ECSIM_ASSERT(slot < position_.size() && position_[slot] != kAbsent);
  const std::size_t i = position_[slot];
  position_[slot] = kAbsent;
  const Entry last = heap_.back();
  heap_.pop_back();
  if (i == heap_.size()) return;  // it was the last entry
  place(i, last);
  if (i > 0 && last < heap_[(i - 1) / 2]) sift_up(i);
  else sift_down(i);
}

// --- FairSharePool ---

double FairSharePool::level() const {
  if (levelled_by_cap_.empty()) return 0;
  return std::max(0.0, (capacity_ - capped_sum_) / static_cast<double>(levelled_by_cap_.size()));
}

void FairSharePool::advance(sim::SimTime now) {
  ECSIM_ASSERT(now >= last_advance_);
  if (!levelled_by_cap_.empty()) virtual_work_ += level() * (ticks_of(now) - ticks_of(last_advance_)) / kTicksPerSecond;
  last_advance_ = now;
}

FairSharePool::Slot FairSharePool::slot_of(JobId job) const {
  const std::optional<Slot> slot = slots_.find(job);
  ECSIM_ASSERT_MSG(slot.has_value(), "FairSharePool: the job is not in the pool");
  return *slot;
}

double FairSharePool::bytes_done(JobId job, sim::SimTime now) const { return bytes_done_in(slot_of(job), now); }

double FairSharePool::bytes_done_in(Slot slot, sim::SimTime now) const {
  const Job& j = jobs_[slot];
  double done;
  if (j.group == Group::kCapped) {
    done = j.base_bytes + j.cap * (ticks_of(now) - j.base) / kTicksPerSecond;
  } else {
    const double v = virtual_work_ + level() * (ticks_of(now) - ticks_of(last_advance_)) / kTicksPerSecond;
    done = j.base_bytes + (v - j.base);
  }
  return std::min(done, j.target);
}

double FairSharePool::rate(JobId job) const { return rate_of(slot_of(job)); }

double FairSharePool::rate_of(Slot slot) const {
  return jobs_[slot].group == Group::kCapped ? jobs_[slot].cap : level();
}

void FairSharePool::join(Slot slot, Group group, double bytes, sim::SimTime now) {
  Job& j = jobs_[slot];
  j.group = group;
  j.base_bytes = bytes;
  if (group == Group::kCapped) {
    j.base = ticks_of(now);
    capped_by_cap_.push(slot, j.id, -j.cap);
    capped_by_finish_.push(slot, j.id, j.base + (j.target - bytes) / j.cap * kTicksPerSecond);
    capped_sum_ += j.cap;
  } else {
    j.base = virtual_work_;
    levelled_by_cap_.push(slot, j.id, j.cap);
    levelled_by_finish_.push(slot, j.id, virtual_work_ + (j.target - bytes));
  }
}

double FairSharePool::leave(Slot slot, sim::SimTime now) {
  const double bytes = bytes_done_in(slot, now);
  Job& j = jobs_[slot];
  if (j.group == Group::kCapped) {
    capped_by_cap_.erase(slot);
    capped_by_finish_.erase(slot);
    // An empty group sums to exactly zero: no rounding residue survives it.
    capped_sum_ = capped_by_cap_.empty() ? 0.0 : capped_sum_ - j.cap;
  } else {
    levelled_by_cap_.erase(slot);
    levelled_by_finish_.erase(slot);
  }
  j.group = Group::kNone;
  return bytes;
}

void FairSharePool::relevel(sim::SimTime now) {
  // Each pass moves one job across the level: a levelled job whose cap is below the level becomes
  // capped (which raises the level), a capped job whose cap is above it becomes levelled (which
  // lowers it). Both tests are strict, so no job can move back and forth: at most one move per job.
  for (std::size_t moves = 0;; ++moves) {
    ECSIM_ASSERT_MSG(moves <= 2 * jobs_.size() + 2, "water-filling did not settle");
    if (!levelled_by_cap_.empty()) {
      const Slot j = levelled_by_cap_.top();
      if (jobs_[j].cap < level()) {
        join(j, Group::kCapped, leave(j, now), now);
        continue;
      }
    }
    if (!capped_by_cap_.empty()) {
      const Slot j = capped_by_cap_.top();
      const bool over = levelled_by_cap_.empty() ? capped_sum_ > capacity_ : jobs_[j].cap > level();
      if (over) {
        join(j, Group::kLevelled, leave(j, now), now);
        continue;
      }
    }
    return;
  }
}

void FairSharePool::add(JobId job, double cap, double target, sim::SimTime now) {
  ECSIM_ASSERT(cap > 0 && target >= 0);
  const Slot slot = slots_.acquire(job);
  if (jobs_.size() <= slot) jobs_.resize(static_cast<std::size_t>(slot) + 1);
  ECSIM_ASSERT(jobs_[slot].group == Group::kNone);
  advance(now);
  jobs_[slot].id = job;
  jobs_[slot].cap = cap;
  jobs_[slot].target = target;
  join(slot, Group::kLevelled, 0.0, now);
  relevel(now);
}

void FairSharePool::remove(JobId job, sim::SimTime now) {
  const std::optional<Slot> slot = slots_.find(job);
  if (!slot) return;
  advance(now);
  leave(*slot, now);
  slots_.release(job);
  relevel(now);
}

void FairSharePool::set_capacity(double capacity_bytes_per_s, sim::SimTime now) {
  advance(now);
  capacity_ = capacity_bytes_per_s;
  relevel(now);
}

double FairSharePool::remaining_ticks(Slot slot, sim::SimTime now) const {
  const double r = rate_of(slot);
  if (r <= 0) return -1;
  return std::max(0.0, jobs_[slot].target - bytes_done_in(slot, now)) / r * kTicksPerSecond;
}

std::optional<sim::SimTime> FairSharePool::next_completion(sim::SimTime now) const {
  double soonest = -1;
  for (const IndexedHeap* h : {&capped_by_finish_, &levelled_by_finish_}) {
    if (h->empty()) continue;
    const double t = remaining_ticks(h->top(), now);
    if (t >= 0 && (soonest < 0 || t < soonest)) soonest = t;
  }
  if (soonest < 0) return std::nullopt;
  return now + sim::SimDuration::from_ticks(static_cast<std::int64_t>(std::ceil(soonest)));
}

std::vector<FairSharePool::JobId> FairSharePool::take_done(sim::SimTime now) {
  advance(now);
  std::vector<JobId> done;
  // The earliest finisher of each group is at its finish heap's top, so the done jobs are found by
  // popping tops until one is not done.
  auto is_done = [&](Slot slot) {
    const double slack = rate_of(slot) / kTicksPerSecond + 0.5;
    return bytes_done_in(slot, now) + slack >= jobs_[slot].target;
  };
  for (IndexedHeap* h : {&capped_by_finish_, &levelled_by_finish_}) {
    while (!h->empty() && is_done(h->top())) {
      const Slot slot = h->top();
      leave(slot, now);
      done.push_back(jobs_[slot].id);
      slots_.release(jobs_[slot].id);
    }
  }
  if (!done.empty()) relevel(now);
  std::sort(done.begin(), done.end());
  return done;
}

}  // namespace ecsim::models
