#pragma once
// A stable 64-bit hash (FNV-1a), the same on every platform and build. Used to derive random
// stream seeds from names and to fingerprint whole runs. Never std::hash, which is unspecified.

#include <cstdint>
#include <string_view>

namespace ecsim::sim {

class Fingerprint {
 public:
  static constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
  static constexpr std::uint64_t kPrime = 0x100000001b3ULL;

  constexpr void add_bytes(std::string_view bytes) {
    for (unsigned char c : bytes) {
      h_ ^= c;
      h_ *= kPrime;
    }
  }
  constexpr void add_u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h_ ^= (v >> (8 * i)) & 0xffU;
      h_ *= kPrime;
    }
  }
  constexpr std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = kOffsetBasis;
};

constexpr std::uint64_t fnv1a64(std::string_view bytes) {
  Fingerprint f;
  f.add_bytes(bytes);
  return f.value();
}

}  // namespace ecsim::sim
