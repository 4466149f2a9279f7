#include "models/id_generator.h"

#include <array>
#include <cstdio>
#include <utility>

#include "sim/fingerprint.h"
#include "sim/rng.h"

namespace ecsim::models {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 21> kRegionCodes{{
    {"cn-hangzhou", "bp"},   {"cn-shanghai", "uf"},     {"cn-beijing", "2z"},     {"cn-shenzhen", "wz"},
    {"cn-qingdao", "m5"},    {"cn-zhangjiakou", "8v"},  {"cn-huhehaote", "hp"},   {"cn-wulanchabu", "0j"},
    {"cn-chengdu", "2v"},    {"cn-hongkong", "j6"},     {"cn-guangzhou", "7x"},   {"ap-southeast-1", "t4"},
    {"ap-southeast-3", "8p"}, {"ap-southeast-5", "k1"}, {"ap-northeast-1", "6w"}, {"ap-south-1", "a2"},
    {"us-west-1", "rj"},     {"us-east-1", "0x"},       {"eu-central-1", "gw"},   {"eu-west-1", "d7"},
    {"me-east-1", "eb"},
}};

constexpr std::string_view kAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

}  // namespace

std::string IdGenerator::region_code(std::string_view region_id) {
  for (const auto& [region, code] : kRegionCodes) {
    if (region == region_id) return std::string(code);
  }
  const std::uint64_t h = sim::fnv1a64(region_id);
  return {kAlphabet[h % 36], kAlphabet[(h / 36) % 36]};
}

std::uint64_t IdGenerator::draw(std::string_view kind, std::uint64_t n) const {
  std::uint64_t state = seed_ ^ sim::fnv1a64(kind) ^ (n * 0x9e3779b97f4a7c15ULL);
  sim::splitmix64(state);
  return sim::splitmix64(state);
}

std::string IdGenerator::next_resource_id(std::string_view prefix, std::string_view region_id) {
  std::string kind(prefix);
  kind += region_id;
  auto it = counters_.find(kind);
  if (it == counters_.end()) it = counters_.emplace(kind, 0).first;
  const std::uint64_t n = it->second++;
  std::string id(prefix);
  id += region_code(region_id);
  // 18 characters from two 64-bit draws (9 base-36 digits each).
  for (int half = 0; half < 2; ++half) {
    std::uint64_t v = draw(kind, 2 * n + static_cast<std::uint64_t>(half));
    for (int i = 0; i < 9; ++i) {
      id += kAlphabet[v % 36];
      v /= 36;
    }
  }
  return id;
}

std::string IdGenerator::next_request_id() {
  const std::uint64_t n = requests_++;
  const std::uint64_t a = draw("request", 2 * n);
  const std::uint64_t b = draw("request", 2 * n + 1);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llX-%04llX-%04llX-%04llX-%012llX", static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xffff), static_cast<unsigned long long>(a & 0xffff),
                static_cast<unsigned long long>(b >> 48), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

}  // namespace ecsim::models
