#include "analysis/erlang.h"

#include "sim/assert.h"

namespace ecsim::analysis {

double erlang_b(int c, double a) {
  ECSIM_ASSERT(c >= 0);
  ECSIM_ASSERT(a >= 0);
  double b = 1.0;  // B(0, a)
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

double erlang_c(int c, double a) {
  ECSIM_ASSERT(c >= 1);
  ECSIM_ASSERT(a >= 0);
  ECSIM_ASSERT_MSG(a < c, "Erlang C needs a stable queue: offered load below the servers");
  const double b = erlang_b(c, a);
  return c * b / (c - a * (1 - b));
}

double mmc_mean_wait(int c, double arrival_rate, double mean_service) {
  const double a = arrival_rate * mean_service;
  return erlang_c(c, a) * mean_service / (c - a);
}

Eigen::VectorXd birth_death_stationary(int servers, int states, double arrival_rate, double service_rate) {
  ECSIM_ASSERT(servers >= 1);
  ECSIM_ASSERT(states >= 2);
  ECSIM_ASSERT(arrival_rate > 0);
  ECSIM_ASSERT(service_rate > 0);
  const int n = states;
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    if (i + 1 < n) q(i, i + 1) = arrival_rate;
    if (i > 0) q(i, i - 1) = (i < servers ? i : servers) * service_rate;
    q(i, i) = -q.row(i).sum();
  }
  // pi Q = 0 is Q^T pi^T = 0; its rows are dependent, so the last is replaced by sum(pi) = 1.
  Eigen::MatrixXd m = q.transpose();
  m.row(n - 1).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
  rhs(n - 1) = 1.0;
  return m.fullPivLu().solve(rhs);
}

double probability_all_busy(const Eigen::VectorXd& pi, int servers) {
  double p = 0;
  for (Eigen::Index n = servers; n < pi.size(); ++n) p += pi(n);
  return p;
}

double mean_queue_length(const Eigen::VectorXd& pi, int servers) {
  double lq = 0;
  for (Eigen::Index n = servers; n < pi.size(); ++n) lq += static_cast<double>(n - servers) * pi(n);
  return lq;
}

}  // namespace ecsim::analysis
