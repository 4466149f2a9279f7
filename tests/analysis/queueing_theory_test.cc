// Validation against queueing theory, where theory is exact whatever the service-time
// distribution (docs/analysis.md, "Theory checks"):
//
//   - Loss system (M/G/c/c): Poisson CreateImage calls, each starting one snapshot job, against a
//     hard unfinished_snapshots quota c. Calls that find c jobs in progress are rejected with
//     TooManySnapshot.Unfinished. Erlang's loss formula B(c, a), a = lambda E[S], is insensitive
//     to the service distribution, so it holds for ecsim's deterministic snapshot times.
//   - The same system's occupancy distribution equals the stationary distribution of the
//     birth-death CTMC (births lambda below c, deaths n mu), solved numerically with Eigen.
//   - Processor sharing (M/G/1-PS): jobs whose caps exceed the region's capacity share it
//     equally; the mean transfer time is E[S] / (1 - rho), also insensitive.
//   - Little's law L = lambda W holds on every run (an identity when the system starts and ends
//     empty).
//   - Waiting system (M/M/c, Erlang C): Poisson CopyImage calls into a region with c copy slots,
//     exponential image sizes, a per-task rate that keeps copies independent and no build time.
//     P(wait > 0) = C(c, a) and the mean queue wait Wq = C(c, a) E[S] / (c - a), cross-checked
//     against the M/M/c birth-death chain solved with Eigen.
//
// Each check runs K replications with fixed seeds and asserts that the analytic value lies in the
// replications' 95% confidence interval (Student t), and that the interval is narrow enough for
// the check to mean something.

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <vector>

#include "analysis/erlang.h"
#include "analysis/replication_stats.h"
#include "queue_scenarios.h"

namespace ecsim::analysis {
namespace {

using test_support::metric;
using test_support::QueueScenario;
using test_support::run_queue;
using test_support::CopyQueueScenario;

models::ScenarioSpec parse(const QueueScenario& q) {
  models::ParsedScenario parsed = models::parse_scenario_text(test_support::queue_scenario_yaml(q), "queue.yaml");
  EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors.front().to_string());
  return parsed.spec;
}

constexpr int kReplications = 5;

// c = 4 slots, E[S] = 100 s (10 s setup + 90 GiB at 1 GiB/s), lambda = 0.03/s: a = 3.
QueueScenario loss_system(std::uint64_t arrival_seed) {
  QueueScenario q;
  q.arrivals = 1200;
  q.arrival_rate_per_s = 0.03;
  q.arrival_seed = arrival_seed;
  q.unfinished_quota = 4;
  return q;
}

TEST(QueueingTheory, BirthDeathSolveMatchesErlangB) {
  // The Eigen solve and the closed form agree: pi_c (time-stationary) = B(c, a) by PASTA.
  const Eigen::VectorXd pi = birth_death_stationary(4, 5, 0.03, 0.01);
  EXPECT_NEAR(pi.sum(), 1.0, 1e-12);
  EXPECT_NEAR(pi(4), erlang_b(4, 3.0), 1e-12);
  EXPECT_NEAR(erlang_b(1, 1.0), 0.5, 1e-15);
}

TEST(QueueingTheory, LossSystemBlockingMatchesErlangB) {
  std::vector<double> blocking;
  std::vector<std::vector<double>> level_fraction(5);
  std::vector<double> occupancy;
  for (int k = 0; k < kReplications; ++k) {
    const auto spec = parse(loss_system(100 + static_cast<std::uint64_t>(k)));
    const auto run = run_queue(spec, 1);
    ASSERT_EQ(run.calls, 1200);
    blocking.push_back(static_cast<double>(run.rejected_unfinished) / static_cast<double>(run.calls));
    double total = 0;
    for (const auto& [level, ticks] : run.ticks_at_level) total += static_cast<double>(ticks);
    for (int n = 0; n <= 4; ++n) {
      auto it = run.ticks_at_level.find(n);
      level_fraction[static_cast<std::size_t>(n)].push_back(
          it == run.ticks_at_level.end() ? 0.0 : static_cast<double>(it->second) / total);
    }
    EXPECT_EQ(run.ticks_at_level.rbegin()->first, 4) << "the hard quota caps the occupancy at c";
    occupancy.push_back(metric(run.metrics, "region.cn-hangzhou.snapshots_in_progress.time_avg"));
  }
  const double expected = erlang_b(4, 3.0);  // 0.2061...
  const MeanCi ci = mean_ci95(blocking);
  EXPECT_LE(ci.low(), expected) << "mean " << ci.mean << " +- " << ci.half_width;
  EXPECT_GE(ci.high(), expected) << "mean " << ci.mean << " +- " << ci.half_width;
  EXPECT_LT(ci.half_width, 0.04);

  // Occupancy distribution vs the CTMC's stationary distribution (Eigen).
  const Eigen::VectorXd pi = birth_death_stationary(4, 5, 0.03, 0.01);
  double mean_occupancy = 0;
  for (int n = 0; n <= 4; ++n) {
    mean_occupancy += n * pi(n);
    const MeanCi level = mean_ci95(level_fraction[static_cast<std::size_t>(n)]);
    // Five levels checked at once: twice the 95% half-width (about 99.9% each for normal means).
    EXPECT_NEAR(level.mean, pi(n), 2 * level.half_width) << "level " << n;
    EXPECT_LT(level.half_width, 0.05);
  }
  // Carried load = a (1 - B).
  EXPECT_NEAR(mean_occupancy, 3.0 * (1 - expected), 1e-9);
  const MeanCi occ = mean_ci95(occupancy);
  EXPECT_LE(occ.low(), mean_occupancy) << "mean " << occ.mean << " +- " << occ.half_width;
  EXPECT_GE(occ.high(), mean_occupancy) << "mean " << occ.mean << " +- " << occ.half_width;
}

TEST(QueueingTheory, ProcessorSharingMeanResponseIsInsensitive) {
  // One region capacity of 1 GiB/s shared equally by jobs capped at 8 GiB/s: M/G/1-PS with
  // transfer sizes 10, 30, 50 GiB (E[S] = 30 s) and lambda = 0.02/s: rho = 0.6,
  // E[T] = E[S] / (1 - rho) = 75 s. Setup is 0, so transfers arrive as the calls do.
  std::vector<double> mean_transfer;
  for (int k = 0; k < kReplications; ++k) {
    QueueScenario q;
    q.arrivals = 1200;
    q.arrival_rate_per_s = 0.02;
    q.arrival_seed = 200 + static_cast<std::uint64_t>(k);
    q.capacity = "1GiB/s";
    q.throughput = "8GiB/s";
    q.setup = "0s";
    q.used_gib = {10, 30, 50};
    const auto run = run_queue(parse(q), 1);
    ASSERT_EQ(metric(run.metrics, "snapshot.accomplished"), 1200);
    mean_transfer.push_back(metric(run.metrics, "snapshot.transfer_s.mean"));
  }
  const MeanCi ci = mean_ci95(mean_transfer);
  EXPECT_LE(ci.low(), 75.0) << "mean " << ci.mean << " +- " << ci.half_width;
  EXPECT_GE(ci.high(), 75.0) << "mean " << ci.mean << " +- " << ci.half_width;
  EXPECT_LT(ci.half_width, 15.0);
}

TEST(QueueingTheory, LittlesLawHoldsOnEveryRun) {
  for (int k = 0; k < 3; ++k) {
    QueueScenario q = loss_system(300 + static_cast<std::uint64_t>(k));
    q.arrivals = 400;
    q.capacity = k == 2 ? "1GiB/s" : "1000GiB/s";  // with and without sharing
    const auto run = run_queue(parse(q), 1);
    const double l = metric(run.metrics, "littles_law.L");
    const double lw = metric(run.metrics, "littles_law.lambda_W");
    ASSERT_GT(l, 0.1);
    EXPECT_NEAR(l, lw, 1e-9 * l) << "run " << k;
  }
}

TEST(QueueingTheory, MmcChainSolveMatchesErlangC) {
  // M/M/5 with a = 3.5, truncated at 200 states (the tail beyond is below 0.7^195).
  const Eigen::VectorXd pi = birth_death_stationary(5, 200, 0.035, 0.01);
  EXPECT_NEAR(pi.sum(), 1.0, 1e-12);
  EXPECT_NEAR(probability_all_busy(pi, 5), erlang_c(5, 3.5), 1e-9);
  EXPECT_NEAR(mean_queue_length(pi, 5) / 0.035, mmc_mean_wait(5, 0.035, 100.0), 1e-7);
}

// The copy queue's replications: P(wait > 0) and mean wait per replication.
struct CopyQueueSamples {
  std::vector<double> waited_fraction, mean_wait_s;
};

// Replications k = 0..n-1 with arrival seeds 500 + k; `task_bandwidth` is the per-task rate
// (empty: none).
CopyQueueSamples run_copy_queue(int replications, int arrivals, const std::string& task_bandwidth) {
  CopyQueueScenario q;
  q.arrivals = arrivals;
  q.arrival_seed = 500;
  q.task_bandwidth = task_bandwidth;
  models::ParsedScenario parsed = models::parse_scenario_text(test_support::copy_queue_yaml(q), "copy_queue.yaml");
  EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors.front().to_string());
  EXPECT_EQ(parsed.spec.params.copy.build, sim::SimDuration::zero());
  CopyQueueSamples out;
  for (int k = 0; k < replications; ++k) {
    q.arrival_seed = 500 + static_cast<std::uint64_t>(k);
    const auto run = run_queue(test_support::with_copy_queue_draws(parsed.spec, q), 1);
    EXPECT_EQ(metric(run.metrics, "image.copy_queue_s.count"), arrivals);
    out.waited_fraction.push_back(metric(run.metrics, "image.copy_queued") / arrivals);
    out.mean_wait_s.push_back(metric(run.metrics, "image.copy_queue_s.mean"));
  }
  return out;
}

TEST(QueueingTheory, CopyQueueDrawsRewriteTheParsedScenarioExactly) {
  // with_copy_queue_draws (used to skip re-parsing) gives what parsing the scenario would.
  CopyQueueScenario a, b;
  a.arrivals = b.arrivals = 50;
  a.arrival_seed = 1;
  b.arrival_seed = 2;
  const auto parse_q = [](const CopyQueueScenario& q) {
    return models::parse_scenario_text(test_support::copy_queue_yaml(q), "copy_queue.yaml").spec;
  };
  const models::ScenarioSpec direct = parse_q(b);
  const models::ScenarioSpec rewritten = test_support::with_copy_queue_draws(parse_q(a), b);
  ASSERT_EQ(direct.workload.size(), rewritten.workload.size());
  for (std::size_t i = 0; i < direct.workload.size(); ++i) {
    EXPECT_EQ(direct.workload[i].at, rewritten.workload[i].at) << i;
    EXPECT_EQ(direct.snapshots[i].snapshot.source_disk_size_bytes, rewritten.snapshots[i].snapshot.source_disk_size_bytes) << i;
  }
  EXPECT_NE(direct.workload[0].at, parse_q(a).workload[0].at);
}

TEST(QueueingTheory, CopyQueueWaitMatchesErlangC) {
  // c = 5 slots, E[S] = 100 s (exponential), lambda = 0.035/s: a = 3.5, utilisation 0.7.
  // C(5, 3.5) = 0.378, Wq = 25.2 s.
  // Copies independent of each other: 5 x 100 MiB/s fits the 1000 MiB/s link.
  const CopyQueueSamples s = run_copy_queue(30, 1500, "100MiB/s");
  const double p_wait = erlang_c(5, 3.5);
  const double wq = mmc_mean_wait(5, 0.035, 100.0);
  const MeanCi p = mean_ci95(s.waited_fraction);
  EXPECT_LE(p.low(), p_wait) << "mean " << p.mean << " +- " << p.half_width;
  EXPECT_GE(p.high(), p_wait) << "mean " << p.mean << " +- " << p.half_width;
  EXPECT_LT(p.half_width, 0.03);
  const MeanCi w = mean_ci95(s.mean_wait_s);
  EXPECT_LE(w.low(), wq) << "mean " << w.mean << " +- " << w.half_width;
  EXPECT_GE(w.high(), wq) << "mean " << w.mean << " +- " << w.half_width;
  EXPECT_LT(w.half_width, 0.15 * wq);
}

TEST(QueueingTheory, UncappedCopiesSharingTheLinkWaitFarLessThanErlangC) {
  // The same queue without a task cap: the 5 copies share the 1000 MiB/s link, each faster when
  // alone, so the queue is no longer M/M/c and its wait falls far below Erlang C's. The check
  // above would fail without the cap: it has power.
  const CopyQueueSamples s = run_copy_queue(5, 1500, "");
  EXPECT_LT(mean_ci95(s.mean_wait_s).high(), 0.5 * mmc_mean_wait(5, 0.035, 100.0));
}

}  // namespace
}  // namespace ecsim::analysis
