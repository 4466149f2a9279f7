#include "models/size.h"

namespace ecsim::models {

std::optional<std::int64_t> parse_size_bytes(std::string_view text) {
  std::size_t i = 0;
  std::int64_t whole = 0;
  std::size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (__builtin_mul_overflow(whole, 10, &whole) || __builtin_add_overflow(whole, text[i] - '0', &whole))
      return std::nullopt;
    ++i;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  std::int64_t frac = 0, scale = 1;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (n >= 9) return std::nullopt;
      frac = frac * 10 + (text[i] - '0');
      scale *= 10;
      ++i;
      ++n;
    }
    if (n == 0) return std::nullopt;
  }
  std::string_view unit = text.substr(i);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  std::int64_t mult;
  if (unit.empty() || unit == "GiB") mult = kGiB;
  else if (unit == "B") mult = 1;
  else if (unit == "KiB") mult = 1024;
  else if (unit == "MiB") mult = kMiB;
  else if (unit == "TiB") mult = kTiB;
  else return std::nullopt;
  std::int64_t bytes;
  if (__builtin_mul_overflow(whole, mult, &bytes)) return std::nullopt;
  std::int64_t frac_bytes;
  if (__builtin_mul_overflow(frac, mult, &frac_bytes)) return std::nullopt;
  if (frac_bytes % scale != 0) return std::nullopt;
  if (__builtin_add_overflow(bytes, frac_bytes / scale, &bytes)) return std::nullopt;
  return bytes;
}

std::string format_size(std::int64_t bytes) {
  struct Unit {
    std::int64_t size;
    const char* name;
  };
  for (const Unit u : {Unit{kTiB, "TiB"}, Unit{kGiB, "GiB"}, Unit{kMiB, "MiB"}}) {
    if (bytes < u.size) continue;
    const std::int64_t whole = bytes / u.size;
    const std::int64_t rem = bytes % u.size;
    if (rem == 0) return std::to_string(whole) + u.name;
    // Exact to three decimals?
    if ((rem * 1000) % u.size == 0) {
      std::string f = std::to_string(rem * 1000 / u.size);
      while (f.size() < 3) f = "0" + f;
      while (f.back() == '0') f.pop_back();
      return std::to_string(whole) + "." + f + u.name;
    }
  }
  return std::to_string(bytes) + "B";
}

}  // namespace ecsim::models
