#pragma once
// Erlang's formulas for c parallel servers fed by Poisson arrivals, and the birth-death CTMC they
// come from, solved numerically (Eigen) as a cross-check. Used by the theory tests
// (tests/analysis/queueing_theory_test.cc) and for capacity planning (docs/analysis.md):
//
//   Erlang B, M/G/c/c (loss): the probability that an arrival finds all c servers busy and is
//     rejected, B(c, a), a = lambda E[S] the offered load. Insensitive to the service-time
//     distribution.
//   Erlang C, M/M/c (waiting, FIFO, unlimited queue): the probability that an arrival waits,
//     C(c, a) = c B(c, a) / (c - a (1 - B(c, a))), and the mean wait in queue
//     Wq = C(c, a) E[S] / (c - a). REQUIRES a < c (a stable queue). Exact for exponential
//     service times only (for M/G/c it is an approximation).
//
// All functions are pure; nothing here touches a simulation.

#include <Eigen/Dense>

namespace ecsim::analysis {

// Erlang B by the stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
// REQUIRES: c >= 0, a >= 0.
double erlang_b(int c, double a);

// Erlang C: the probability that an arrival waits. REQUIRES: c >= 1, 0 <= a < c.
double erlang_c(int c, double a);

// M/M/c mean wait in queue (before service starts), in the unit of mean_service.
// REQUIRES: c >= 1, arrival_rate * mean_service < c.
double mmc_mean_wait(int c, double arrival_rate, double mean_service);

// Stationary distribution of the birth-death chain on 0..states-1 with births `arrival_rate`
// (in every state but the last) and deaths min(n, servers) * service_rate, by solving
// pi Q = 0, sum(pi) = 1 (one balance equation replaced by the normalisation; full-pivot LU).
// With servers = states - 1 it is the M/M/c/c loss system (pi_c = Erlang B); with states far
// above c (and a < c) it is M/M/c truncated where the tail is negligible.
// REQUIRES: servers >= 1, states >= 2, rates > 0.
Eigen::VectorXd birth_death_stationary(int servers, int states, double arrival_rate, double service_rate);

// From an M/M/c stationary distribution pi (states 0..K): P(N >= c), which is P(wait > 0) for
// a Poisson arrival (PASTA), and the mean queue length sum (n - c) pi_n; Wq = Lq / lambda.
double probability_all_busy(const Eigen::VectorXd& pi, int servers);
double mean_queue_length(const Eigen::VectorXd& pi, int servers);

}  // namespace ecsim::analysis
