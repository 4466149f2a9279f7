#include "analysis/erlang.h"

#include <gtest/gtest.h>

namespace ecsim::analysis {
namespace {

TEST(Erlang, OneServerWaitsWithProbabilityRho) {
  // M/M/1: P(wait) = rho and Wq = rho / (mu - lambda).
  EXPECT_NEAR(erlang_c(1, 0.5), 0.5, 1e-15);
  EXPECT_NEAR(mmc_mean_wait(1, 0.5, 1.0), 1.0, 1e-12);
}

TEST(Erlang, TwoServersMatchTheirClosedForm) {
  // M/M/2 with rho = a / 2: P(wait) = 2 rho^2 / (1 + rho); a = 1 gives 1/3.
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3.0, 1e-15);
  // Wq = C / (2 mu - lambda) = (1/3) / (2 - 1) with mu = 1.
  EXPECT_NEAR(mmc_mean_wait(2, 1.0, 1.0), 1.0 / 3.0, 1e-15);
}

TEST(Erlang, ErlangCIsAboveErlangB) {
  // Waiting systems keep the arrivals a loss system rejects: C(c, a) > B(c, a) for 0 < a < c.
  for (int c = 1; c <= 20; ++c) {
    for (double a : {0.1 * c, 0.5 * c, 0.9 * c}) EXPECT_GT(erlang_c(c, a), erlang_b(c, a)) << c << " " << a;
  }
}

TEST(Erlang, TruncatedChainAgreesWithTheClosedForms) {
  // M/M/10 at utilisation 0.8, truncated at 400 states.
  const Eigen::VectorXd pi = birth_death_stationary(10, 400, 8.0, 1.0);
  EXPECT_NEAR(pi.sum(), 1.0, 1e-12);
  EXPECT_NEAR(probability_all_busy(pi, 10), erlang_c(10, 8.0), 1e-9);
  EXPECT_NEAR(mean_queue_length(pi, 10) / 8.0, mmc_mean_wait(10, 8.0, 1.0), 1e-8);
}

TEST(Erlang, LossChainEndsInErlangB) {
  const Eigen::VectorXd pi = birth_death_stationary(6, 7, 4.0, 1.0);
  EXPECT_NEAR(pi(6), erlang_b(6, 4.0), 1e-12);
}

}  // namespace
}  // namespace ecsim::analysis
