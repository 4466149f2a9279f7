#pragma once
// The hash of World's open-addressing indexes (IdIndex, NameIndex, the Symbol table): FNV-1a over
// the bytes, then MurmurHash3's finalizer, because FNV-1a's low bits (the slot bits) mix poorly for
// IDs that differ only in their last characters. Our own, so a table's layout is the same with
// every standard library; none of them is ever iterated, so it cannot reach an output anyway.

#include <cstdint>
#include <string_view>

namespace ecsim::models {

inline constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;

// Continues an FNV-1a hash `h` over `bytes`.
inline std::uint64_t fnv1a_append(std::uint64_t h, std::string_view bytes) {
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// Spreads every input bit over all the output bits.
inline std::uint64_t mix_bits(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline std::uint64_t string_hash(std::string_view s) { return mix_bits(fnv1a_append(kFnvOffsetBasis, s)); }

}  // namespace ecsim::models
