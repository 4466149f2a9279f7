#pragma once
// A capacity (bytes/s) shared max-min fairly by jobs that each have their own rate cap: the
// snapshot service of a region, where each job copies at most at its category's throughput and
// all jobs in transfer share the region's capacity (water-filling).
//
// Water-filling puts the jobs in two groups. A job whose cap is below the fair level runs at its
// cap ("capped"); every other job runs at the level L = (capacity - sum of capped caps) / #others
// ("levelled"). Instead of recomputing every job's rate on every change (O(n log n) per event,
// quadratic over a run that keeps n jobs in flight), the pool keeps:
//
//   - the virtual work V(t) = integral of L dt: a levelled job that joined the group at V0 with b0
//     bytes done has b0 + V(t) - V0 bytes done, so a level change touches no job;
//   - a capped job's bytes as b0 + cap * (t - t0), unchanged by level changes while it stays capped;
//   - four indexed heaps over flat arrays: the capped jobs by cap (largest first) and by finish
//     time, the levelled jobs by cap (smallest first) and by virtual finish V0 + target - b0.
//
// A change (a job joins or leaves, the capacity changes) moves only the jobs that cross the level,
// each in O(log n); the next completion is the earlier of the two finish heaps' tops. Nothing is
// allocated per event once the arrays have grown to the largest job id.
//
// Times are virtual ticks (µs); rates bytes per second; bytes as doubles (exact far beyond the
// sizes simulated: 2^53 bytes is 8 PiB).

#include <cstdint>
#include <optional>
#include <vector>

#include "models/job_slots.h"
#include "sim/time.h"

namespace ecsim::models {

class FairSharePool {
 public:
  using JobId = std::uint32_t;

  explicit FairSharePool(double capacity_bytes_per_s = 0) : capacity_(capacity_bytes_per_s) {}

  // REQUIRES: `job` is not in the pool; cap > 0; target >= 0 (bytes to copy until it is done).
  void add(JobId job, double cap, double target, sim::SimTime now);
  // Removes a job (done or cancelled). No effect when it is not in the pool.
  void remove(JobId job, sim::SimTime now);
  // A new capacity from now on (a slowdown begins or ends).
  void set_capacity(double capacity_bytes_per_s, sim::SimTime now);

  bool contains(JobId job) const { return slots_.find(job).has_value(); }
  std::size_t size() const { return capped_by_cap_.size() + levelled_by_cap_.size(); }
  // Bytes a job in the pool has copied by `now`. REQUIRES: contains(job), now >= the last change.
  double bytes_done(JobId job, sim::SimTime now) const;
  // The job's current rate in bytes/s. REQUIRES: contains(job).
  double rate(JobId job) const;

  // The tick at which the next job will be done, rounded up so it surely is; nullopt when no job
  // progresses (the pool is empty, or the capacity is zero).
  std::optional<sim::SimTime> next_completion(sim::SimTime now) const;
  // Removes and returns the jobs done by `now` (what is left would take less than one tick at the
  // job's rate, or less than half a byte), sorted by job id so ties never depend on heap order.
  std::vector<JobId> take_done(sim::SimTime now);

 private:
  enum class Group : std::uint8_t { kNone, kCapped, kLevelled };
  // A job's state, in its slot (job_slots.h): the pool's tables stay as large as the most jobs
  // ever in it at once, whatever the ids.
  using Slot = std::uint32_t;
  struct Job {
    JobId id = 0;
    Group group = Group::kNone;
    double cap = 0;
    double target = 0;
    double base_bytes = 0;  // bytes done when it joined its group
    double base = 0;        // capped: the tick it joined (as a double); levelled: V when it joined
  };

  // A binary min-heap of (key, job) over flat arrays, with each job's position (by slot) so any
  // job can be removed in O(log n). Ties by job id keep the order independent of insertion
  // history and of the slots jobs happen to get.
  class IndexedHeap {
   public:
    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    Slot top() const { return heap_.front().slot; }
    double top_key() const { return heap_.front().key; }
    void push(Slot slot, JobId job, double key);
    void erase(Slot slot);

   private:
    struct Entry {
      double key;
      JobId job;
      Slot slot;
      bool operator<(const Entry& o) const { return key != o.key ? key < o.key : job < o.job; }
    };
    void place(std::size_t i, const Entry& e);
    void sift_up(std::size_t i);
    void sift_down(std::size_t i);
    std::vector<Entry> heap_;
    std::vector<std::uint32_t> position_;  // by slot; kAbsent when not in this heap
  };
  static constexpr std::uint32_t kAbsent = 0xffffffffU;

  void advance(sim::SimTime now);  // V up to now
  void join(Slot slot, Group group, double bytes, sim::SimTime now);
  double leave(Slot slot, sim::SimTime now);  // returns the job's bytes done
  void relevel(sim::SimTime now);
  double level() const;  // L; meaningful when some job is levelled
  double bytes_done_in(Slot slot, sim::SimTime now) const;
  double rate_of(Slot slot) const;
  double remaining_ticks(Slot slot, sim::SimTime now) const;
  Slot slot_of(JobId job) const;

  double capacity_;
  JobSlots slots_;
  std::vector<Job> jobs_;  // by slot
  IndexedHeap capped_by_cap_;       // key: -cap, so the top is the largest cap
  IndexedHeap capped_by_finish_;    // key: finish tick
  IndexedHeap levelled_by_cap_;     // key: cap, so the top is the smallest cap
  IndexedHeap levelled_by_finish_;  // key: V0 + target - b0
  double capped_sum_ = 0;           // sum of the capped jobs' caps
  double virtual_work_ = 0;         // V
  sim::SimTime last_advance_ = sim::SimTime::zero();
};

}  // namespace ecsim::models
