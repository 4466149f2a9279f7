#pragma once
// Randomness that ecsim owns end to end.
//
//   Rng         xoshiro256** (Blackman & Vigna), seeded through SplitMix64; our own distributions,
//               so the same seed draws the same values with every standard library.
//   RngStreams  named streams derived from (root seed, stream name) with a stable hash (FNV-1a):
//               adding, removing or using another stream never changes what a stream draws.
//
// Never use std::*_distribution, std::random_device or std::hash for anything that reaches an
// output (tests/determinism/banned_apis_test.cc greps for them).
// Known limit: exponential/normal/lognormal call std::log/std::sqrt/std::exp; their bits are the
// same for the same build, not promised across libm implementations.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ecsim::sim {

// A probability as an exact integer ratio num/den, 0 <= num <= den, den > 0.
struct Ratio {
  std::uint64_t num = 0;
  std::uint64_t den = 1;
};

// SplitMix64 step: used for seeding and for deriving child seeds.
std::uint64_t splitmix64(std::uint64_t& state);

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next_u64();

  // Uniform integer in [0, bound). REQUIRES: bound > 0. Unbiased (Lemire's method with rejection).
  std::uint64_t uniform_u64(std::uint64_t bound);
  // Uniform integer in [lo, hi], both inclusive. REQUIRES: lo <= hi.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
  // Uniform double in [0, 1), 53 random bits.
  double uniform01();
  // Uniform double in [lo, hi).
  double uniform(double lo, double hi);
  // True with probability p.num / p.den, decided in integers. REQUIRES: p.den > 0, p.num <= p.den.
  bool chance(Ratio p);
  // Exponential with the given mean (>= 0), by inversion.
  double exponential(double mean);
  // Normal(mean, stddev) by Marsaglia's polar method (the second variate is discarded so that each
  // draw consumes a whole number of rejection rounds and nothing is carried between draws).
  double normal(double mean, double stddev);
  // exp(Normal(mu, sigma)).
  double lognormal(double mu, double sigma);
  // Log-normal with mean 1 and the given coefficient of variation: the usual multiplicative noise.
  double lognormal_unit_mean(double cv);

  // The engine's state, for tests and fingerprints.
  const std::uint64_t* state() const { return s_; }

 private:
  std::uint64_t s_[4];
};

// A piecewise-linear distribution through (value, cumulative probability) knots: the empirical
// distribution users give as a table. Sampling inverts the CDF with one uniform draw.
class PiecewiseLinear {
 public:
  // REQUIRES: at least 2 knots, values and probabilities non-decreasing, first p = 0, last p = 1.
  // Returns an empty optional-like invalid object when the knots are malformed; check valid().
  explicit PiecewiseLinear(std::vector<std::pair<double, double>> knots);
  bool valid() const { return valid_; }
  double sample(Rng& rng) const;
  double quantile(double p) const;
  double mean() const;

 private:
  std::vector<std::pair<double, double>> knots_;
  bool valid_ = false;
};

class RngStreams {
 public:
  explicit RngStreams(std::uint64_t root_seed) : root_seed_(root_seed) {}

  std::uint64_t root_seed() const { return root_seed_; }
  // The seed of a named stream: SplitMix64 of (root seed XOR FNV-1a(name)).
  std::uint64_t stream_seed(std::string_view name) const;
  // The stream with this name, created on first use. The reference stays valid for the lifetime
  // of this object. Look it up once and keep the reference on hot paths.
  Rng& stream(std::string_view name);

 private:
  std::uint64_t root_seed_;
  std::map<std::string, Rng, std::less<>> streams_;
};

}  // namespace ecsim::sim
