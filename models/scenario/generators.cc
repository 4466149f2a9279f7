#include "models/scenario/generators.h"

#include <algorithm>
#include <string>

#include "sim/rng.h"

namespace ecsim::models {
namespace {

void substitute_number(std::string& value, std::int64_t n) {
  const std::string number = std::to_string(n);
  std::size_t pos = 0;
  while ((pos = value.find("{n}", pos)) != std::string::npos) {
    value.replace(pos, 3, number);
    pos += number.size();
  }
}

}  // namespace

std::vector<WorkloadCallSpec> expand_generator(const GeneratorSpec& g, std::uint64_t seed) {
  sim::RngStreams rngs(seed);
  const std::string prefix = "generators/" + std::to_string(g.ordinal) + "/";
  const std::int64_t count_max = std::min(g.count.value_or(kGeneratedCallsMax), kGeneratedCallsMax);
  const sim::SimTime until = g.until.value_or(sim::SimTime::max());

  std::vector<sim::SimTime> times;
  sim::SimTime t = g.from;
  for (std::int64_t k = 0; k < count_max; ++k) {
    if (g.shape == GeneratorSpec::Shape::kPoisson) {
      const double mean_s = g.rate_per.seconds_f() / static_cast<double>(g.rate_num);
      const double gap_s = rngs.stream(prefix + "arrivals").exponential(mean_s);
      t = t + sim::SimDuration::from_seconds_rounded(gap_s);
    } else if (k > 0) {
      t = t + (g.shape == GeneratorSpec::Shape::kSchedule ? g.every : g.spacing);
    }
    if (t >= until) break;
    times.push_back(t);
  }

  std::vector<WorkloadCallSpec> calls;
  calls.reserve(times.size());
  for (std::size_t k = 0; k < times.size(); ++k) {
    const auto n = static_cast<std::int64_t>(k + 1);
    WorkloadCallSpec call = g.call;
    call.at = times[k];
    if (g.name) call.name = *g.name + "-" + std::to_string(n);
    for (const GeneratorSpec::Vary& v : g.vary) {
      sim::Rng& rng = rngs.stream(prefix + "vary/" + v.param);
      if (!v.values.empty()) {
        call.request.params[v.param] = v.values[rng.uniform_u64(v.values.size())];
      } else {
        call.request.params[v.param] = std::to_string(rng.uniform_int(v.lo, v.hi));
      }
    }
    for (auto& [key, value] : call.request.params) substitute_number(value, n);
    calls.push_back(std::move(call));
  }
  return calls;
}

std::vector<WorkloadCallSpec> issue_order(const ScenarioSpec& spec, std::uint64_t seed) {
  std::vector<WorkloadCallSpec> calls = spec.workload;
  for (const GeneratorSpec& g : spec.generators) {
    for (WorkloadCallSpec& c : expand_generator(g, seed)) calls.push_back(std::move(c));
  }
  std::stable_sort(calls.begin(), calls.end(),
                   [](const WorkloadCallSpec& a, const WorkloadCallSpec& b) { return a.at < b.at; });
  return calls;
}

}  // namespace ecsim::models
