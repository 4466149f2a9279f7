#include "sim/rng.h"

#include <algorithm>
#include <cmath>

#include "sim/assert.h"
#include "sim/fingerprint.h"

namespace ecsim::sim {
namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t sm = seed;
  for (auto& word : s_) word = splitmix64(sm);
}

std::uint64_t Rng::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t Rng::uniform_u64(std::uint64_t bound) {
  ECSIM_ASSERT(bound > 0);
  // Lemire, "Fast Random Integer Generation in an Interval" (2019).
  __extension__ using u128 = unsigned __int128;
  std::uint64_t x = next_u64();
  u128 m = static_cast<u128>(x) * bound;
  auto low = static_cast<std::uint64_t>(m);
  if (low < bound) {
    const std::uint64_t threshold = -bound % bound;
    while (low < threshold) {
      x = next_u64();
      m = static_cast<u128>(x) * bound;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

std::int64_t Rng::uniform_int(std::int64_t lo, std::int64_t hi) {
  ECSIM_ASSERT(lo <= hi);
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == ~0ULL) return static_cast<std::int64_t>(next_u64());
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + uniform_u64(span + 1));
}

double Rng::uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

bool Rng::chance(Ratio p) {
  ECSIM_ASSERT(p.den > 0);
  ECSIM_ASSERT(p.num <= p.den);
  if (p.num == 0) return false;
  if (p.num == p.den) return true;
  return uniform_u64(p.den) < p.num;
}

double Rng::exponential(double mean) {
  ECSIM_ASSERT(mean >= 0);
  // 1 - u is in (0, 1], so the logarithm is finite.
  return -mean * std::log(1.0 - uniform01());
}

double Rng::normal(double mean, double stddev) {
  for (int round = 0; round < 1000; ++round) {
    const double u = 2.0 * uniform01() - 1.0;
    const double v = 2.0 * uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return mean + stddev * u * std::sqrt(-2.0 * std::log(s) / s);
  }
  ECSIM_UNREACHABLE("polar method rejected 1000 rounds in a row");
}

double Rng::lognormal(double mu, double sigma) { return std::exp(normal(mu, sigma)); }

double Rng::lognormal_unit_mean(double cv) {
  ECSIM_ASSERT(cv >= 0);
  if (cv == 0) return 1.0;
  const double sigma2 = std::log1p(cv * cv);
  return lognormal(-0.5 * sigma2, std::sqrt(sigma2));
}

PiecewiseLinear::PiecewiseLinear(std::vector<std::pair<double, double>> knots) : knots_(std::move(knots)) {
  valid_ = knots_.size() >= 2 && knots_.front().second == 0.0 && knots_.back().second == 1.0 &&
           std::isfinite(knots_.front().first);
  for (std::size_t i = 1; valid_ && i < knots_.size(); ++i) {
    valid_ = knots_[i].first >= knots_[i - 1].first && knots_[i].second >= knots_[i - 1].second &&
             std::isfinite(knots_[i].first);
  }
}

double PiecewiseLinear::quantile(double p) const {
  ECSIM_ASSERT(valid_);
  // First knot whose cumulative probability exceeds p; interpolate inside its segment.
  auto it = std::upper_bound(knots_.begin(), knots_.end(), p,
                             [](double value, const std::pair<double, double>& k) { return value < k.second; });
  if (it == knots_.begin()) return knots_.front().first;
  if (it == knots_.end()) return knots_.back().first;
  const auto& [x1, p1] = *it;
  const auto& [x0, p0] = *(it - 1);
  if (p1 == p0) return x1;
  return x0 + (x1 - x0) * (p - p0) / (p1 - p0);
}

double PiecewiseLinear::sample(Rng& rng) const { return quantile(rng.uniform01()); }

double PiecewiseLinear::mean() const {
  ECSIM_ASSERT(valid_);
  double m = 0;
  for (std::size_t i = 1; i < knots_.size(); ++i) {
    m += (knots_[i].second - knots_[i - 1].second) * 0.5 * (knots_[i].first + knots_[i - 1].first);
  }
  return m;
}

std::uint64_t RngStreams::stream_seed(std::string_view name) const {
  std::uint64_t state = root_seed_ ^ fnv1a64(name);
  return splitmix64(state);
}

Rng& RngStreams::stream(std::string_view name) {
  auto it = streams_.find(name);
  if (it == streams_.end()) it = streams_.emplace(std::string(name), Rng(stream_seed(name))).first;
  return it->second;
}

}  // namespace ecsim::sim
