#include "models/id_generator.h"

#include <algorithm>
#include <array>
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

std::uint64_t IdGenerator::draw(std::uint64_t kind_hash, std::uint64_t n) const {
  std::uint64_t state = seed_ ^ kind_hash ^ (n * 0x9e3779b97f4a7c15ULL);
  sim::splitmix64(state);
  return sim::splitmix64(state);
}

std::string IdGenerator::next_resource_id(std::string_view prefix, std::string_view region_id) {
  // The kind's key in a buffer kept for it: no allocation once it has grown to the longest key.
  key_.assign(prefix);
  key_ += region_id;
  const std::string_view kind = key_;
  auto it = kinds_.find(kind);
  if (it == kinds_.end()) {
    Kind k;
    k.hash = sim::fnv1a64(kind);
    k.head = std::string(prefix) + region_code(region_id);
    it = kinds_.emplace(std::string(kind), std::move(k)).first;
  }
  Kind& k = it->second;
  const std::uint64_t n = k.next++;
  // 18 characters from two 64-bit draws (9 base-36 digits each), after the head.
  std::string id(k.head.size() + 18, '\0');
  char* out = id.data() + k.head.size();
  std::copy(k.head.begin(), k.head.end(), id.data());
  for (int half = 0; half < 2; ++half) {
    std::uint64_t v = draw(k.hash, 2 * n + static_cast<std::uint64_t>(half));
    for (int i = 0; i < 9; ++i) {
      *out++ = kAlphabet[v % 36];
      v /= 36;
    }
  }
  return id;
}

std::string IdGenerator::next_request_id() {
  static const std::uint64_t kRequestKind = sim::fnv1a64("request");
  const std::uint64_t n = requests_++;
  const std::uint64_t a = draw(kRequestKind, 2 * n);
  const std::uint64_t b = draw(kRequestKind, 2 * n + 1);
  // "%08X-%04X-%04X-%04X-%012X" of a's high 32 bits, a's two low 16-bit halves, b's high 16 bits
  // and b's low 48 bits, written out by hand (snprintf was a visible part of every call).
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string id(36, '-');
  const auto put = [&](std::size_t at, std::uint64_t value, int digits) {
    for (int d = digits - 1; d >= 0; --d) {
      id[at + static_cast<std::size_t>(d)] = kHex[value & 0xf];
      value >>= 4;
    }
  };
  put(0, a >> 32, 8);
  put(9, (a >> 16) & 0xffff, 4);
  put(14, a & 0xffff, 4);
  put(19, b >> 48, 4);
  put(24, b & 0xffffffffffffULL, 12);
  return id;
}

}  // namespace ecsim::models
