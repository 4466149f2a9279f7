#pragma once
// Data sizes in bytes, and the scenario spelling of them: "40GiB", "500MiB", "2TiB", "1.5GiB";
// a bare number is GiB, as in the API. Parsing is exact (no floating point).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ecsim::models {

inline constexpr std::int64_t kMiB = 1024LL * 1024;
inline constexpr std::int64_t kGiB = 1024LL * kMiB;
inline constexpr std::int64_t kTiB = 1024LL * kGiB;

// Returns the number of bytes, or nullopt for anything that is not a non-negative decimal number
// with an optional unit B, KiB, MiB, GiB or TiB (or that overflows, or is a fraction of a byte).
std::optional<std::int64_t> parse_size_bytes(std::string_view text);

// "40GiB", "512MiB", "1.5GiB" (up to 3 decimals, exact values only), or "123B".
std::string format_size(std::int64_t bytes);

// Whole GiB, rounded up (the API reports sizes in GiB).
constexpr std::int64_t gib_ceil(std::int64_t bytes) { return (bytes + kGiB - 1) / kGiB; }

}  // namespace ecsim::models
