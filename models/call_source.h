#pragma once
// Where the workload's calls come from, one at a time and in issue order: the scenario's own
// calls (held in memory, already expanded and sorted), or a JSON-lines trace read as the run goes
// (scenario/trace_reader.h), so a trace of millions of calls is never held whole.

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "models/scenario/scenario_spec.h"

namespace ecsim::models {

class CallSource {
 public:
  virtual ~CallSource() = default;
  // The next call, or nullopt when there is none left. Calls come in nondecreasing `at`.
  virtual std::optional<WorkloadCallSpec> next() = 0;
};

// Calls already in memory, in issue order.
class VectorCallSource final : public CallSource {
 public:
  explicit VectorCallSource(std::vector<WorkloadCallSpec> calls) : calls_(std::move(calls)) {}
  std::optional<WorkloadCallSpec> next() override {
    if (next_ == calls_.size()) return std::nullopt;
    return std::move(calls_[next_++]);
  }

 private:
  std::vector<WorkloadCallSpec> calls_;
  std::size_t next_ = 0;
};

// Two sources merged by time, ties to the first: a scenario's own calls with a trace's.
class MergedCallSource final : public CallSource {
 public:
  MergedCallSource(std::unique_ptr<CallSource> first, std::unique_ptr<CallSource> second)
      : first_(std::move(first)), second_(std::move(second)) {}
  std::optional<WorkloadCallSpec> next() override {
    if (!a_ && first_) a_ = first_->next();
    if (!b_ && second_) b_ = second_->next();
    if (!a_ && !b_) return std::nullopt;
    std::optional<WorkloadCallSpec>& pick = !b_ || (a_ && a_->at <= b_->at) ? a_ : b_;
    std::optional<WorkloadCallSpec> out = std::move(pick);
    pick.reset();
    return out;
  }

 private:
  std::unique_ptr<CallSource> first_, second_;
  std::optional<WorkloadCallSpec> a_, b_;
};

}  // namespace ecsim::models
