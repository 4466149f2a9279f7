#include "sim/time.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/assert.h"

namespace ecsim::sim {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Multiplies with overflow detection.
bool mul_ok(std::int64_t a, std::int64_t b, std::int64_t* out) { return !__builtin_mul_overflow(a, b, out); }
bool add_ok(std::int64_t a, std::int64_t b, std::int64_t* out) { return !__builtin_add_overflow(a, b, out); }

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t y;
  unsigned m, d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n digits at text[pos..] into *out.
bool read_digits(std::string_view text, std::size_t pos, std::size_t n, unsigned* out) {
  if (pos + n > text.size()) return false;
  unsigned v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(text[pos + i])) return false;
    v = v * 10 + static_cast<unsigned>(text[pos + i] - '0');
  }
  *out = v;
  return true;
}

std::string two(std::int64_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>(v));
  return buf;
}

// Fractional microseconds as ".25" etc. (trailing zeros trimmed); empty when zero.
std::string fraction(std::int64_t us) {
  if (us == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(us));
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  return s;
}

}  // namespace

SimDuration SimDuration::from_seconds_rounded(double seconds) {
  const double ticks = std::nearbyint(seconds * static_cast<double>(kTicksPerSecond));
  ECSIM_ASSERT(std::isfinite(ticks));
  ECSIM_ASSERT(std::fabs(ticks) < 9.0e18);
  return SimDuration(static_cast<std::int64_t>(ticks));
}

std::optional<SimDuration> parse_duration(std::string_view text) {
  // One or more components "<digits>[.<digits>]<unit>", units strictly decreasing ("1h30m",
  // "1d2h", "90s"); a bare number, alone, is seconds. Each component is converted exactly.
  if (text.empty()) return std::nullopt;
  std::size_t i = 0;
  std::int64_t total = 0;
  std::int64_t previous_unit = std::numeric_limits<std::int64_t>::max();
  while (i < text.size()) {
    std::int64_t whole = 0;
    std::size_t whole_digits = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (!mul_ok(whole, 10, &whole) || !add_ok(whole, text[i] - '0', &whole)) return std::nullopt;
      ++i;
      ++whole_digits;
    }
    if (whole_digits == 0) return std::nullopt;
    std::string_view frac_text;
    if (i < text.size() && text[i] == '.') {
      const std::size_t begin = ++i;
      while (i < text.size() && is_digit(text[i])) ++i;
      frac_text = text.substr(begin, i - begin);
      if (frac_text.empty()) return std::nullopt;
      // Trailing zeros do not change the value ("0.500000000000d" is half a day).
      while (!frac_text.empty() && frac_text.back() == '0') frac_text.remove_suffix(1);
      // 18 significant digits fit an int64; no unit has a tick count that makes more exact.
      if (frac_text.size() > 18) return std::nullopt;
    }
    const std::size_t unit_begin = i;
    while (i < text.size() && text[i] >= 'a' && text[i] <= 'z') ++i;
    const std::string_view unit = text.substr(unit_begin, i - unit_begin);
    std::int64_t per_unit = 0;
    if (unit.empty()) {
      // A bare number is seconds, and only as the whole text ("90", not "1m30").
      if (unit_begin != text.size() || total != 0 || previous_unit != std::numeric_limits<std::int64_t>::max())
        return std::nullopt;
      per_unit = SimDuration::kTicksPerSecond;
    } else if (unit == "us") per_unit = 1;
    else if (unit == "ms") per_unit = 1000;
    else if (unit == "s") per_unit = SimDuration::kTicksPerSecond;
    else if (unit == "m") per_unit = 60 * SimDuration::kTicksPerSecond;
    else if (unit == "h") per_unit = 3600 * SimDuration::kTicksPerSecond;
    else if (unit == "d") per_unit = 86400 * SimDuration::kTicksPerSecond;
    else return std::nullopt;
    if (per_unit >= previous_unit) return std::nullopt;  // "30m1h", "1s1s"
    previous_unit = per_unit;

    std::int64_t ticks = 0;
    if (!mul_ok(whole, per_unit, &ticks)) return std::nullopt;
    if (!frac_text.empty()) {
      __extension__ using u128 = unsigned __int128;
      u128 frac = 0;
      u128 frac_scale = 1;
      for (char c : frac_text) {
        frac = frac * 10 + static_cast<unsigned>(c - '0');
        frac_scale *= 10;
      }
      const u128 frac_ticks = frac * static_cast<u128>(per_unit);  // < 10^18 * 8.64e10: no overflow
      if (frac_ticks % frac_scale != 0) return std::nullopt;   // not a whole number of ticks
      // frac < frac_scale, so the quotient is below per_unit and fits an int64.
      if (!add_ok(ticks, static_cast<std::int64_t>(frac_ticks / frac_scale), &ticks)) return std::nullopt;
    }
    if (!add_ok(total, ticks, &total)) return std::nullopt;
  }
  return SimDuration::from_ticks(total);
}

std::string format_duration(SimDuration d) {
  std::int64_t t = d.ticks();
  if (t == 0) return "0s";
  std::string out;
  if (t < 0) {
    out = "-";
    t = -t;
  }
  const std::int64_t s = SimDuration::kTicksPerSecond;
  if (t % s != 0) {
    // Sub-second: print whole as milliseconds or microseconds, the shortest exact.
    if (t % 1000 == 0) return out + std::to_string(t / 1000) + "ms";
    return out + std::to_string(t) + "us";
  }
  std::int64_t secs = t / s;
  const std::int64_t days = secs / 86400;
  secs %= 86400;
  const std::int64_t hours = secs / 3600;
  secs %= 3600;
  const std::int64_t mins = secs / 60;
  secs %= 60;
  if (days) out += std::to_string(days) + "d";
  if (hours) out += std::to_string(hours) + "h";
  if (mins) out += std::to_string(mins) + "m";
  if (secs) out += std::to_string(secs) + "s";
  return out;
}

std::string format_seconds(SimDuration d) {
  std::int64_t t = d.ticks();
  std::string sign;
  if (t < 0) {
    sign = "-";
    t = -t;
  }
  return sign + std::to_string(t / SimDuration::kTicksPerSecond) + fraction(t % SimDuration::kTicksPerSecond);
}

std::string format_clock(SimTime t) {
  std::int64_t us = t.ticks();
  std::string sign;
  if (us < 0) {
    sign = "-";
    us = -us;
  }
  std::int64_t secs = us / SimDuration::kTicksPerSecond;
  const std::int64_t frac_us = us % SimDuration::kTicksPerSecond;
  const std::int64_t days = secs / 86400;
  secs %= 86400;
  std::string out = sign;
  if (days) out += std::to_string(days) + "d ";
  out += two(secs / 3600) + ":" + two(secs / 60 % 60) + ":" + two(secs % 60);
  if (frac_us) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(frac_us / 1000));
    out += buf;
  }
  return out;
}

std::optional<CalendarTime> parse_calendar_time(std::string_view text) {
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!read_digits(text, 0, 4, &y) || text.size() < 10 || text[4] != '-' || !read_digits(text, 5, 2, &mo) ||
      text[7] != '-' || !read_digits(text, 8, 2, &d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
  std::int64_t frac_us = 0;
  std::int64_t offset_s = 0;
  if (text.size() > 10) {
    if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
    if (!read_digits(text, 11, 2, &h) || text.size() < 19 || text[13] != ':' || !read_digits(text, 14, 2, &mi) ||
        text[16] != ':' || !read_digits(text, 17, 2, &s))
      return std::nullopt;
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;
    std::size_t i = 19;
    if (i < text.size() && text[i] == '.') {
      ++i;
      std::int64_t scale = 100000;
      std::size_t n = 0;
      while (i < text.size() && is_digit(text[i])) {
        if (n >= 6) return std::nullopt;
        frac_us += (text[i] - '0') * scale;
        scale /= 10;
        ++i;
        ++n;
      }
      if (n == 0) return std::nullopt;
    }
    if (i >= text.size()) return std::nullopt;  // a time of day needs a zone
    if (text[i] == 'Z' || text[i] == 'z') {
      if (i + 1 != text.size()) return std::nullopt;
    } else if (text[i] == '+' || text[i] == '-') {
      unsigned oh = 0, om = 0;
      if (text.size() != i + 6 || !read_digits(text, i + 1, 2, &oh) || text[i + 3] != ':' ||
          !read_digits(text, i + 4, 2, &om) || oh > 23 || om > 59)
        return std::nullopt;
      // Signed arithmetic: the hours and minutes were read as unsigned.
      offset_s = static_cast<std::int64_t>(oh * 3600 + om * 60) * (text[i] == '+' ? 1 : -1);
    } else {
      return std::nullopt;
    }
  }
  const std::int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset_s;
  // An offset can move the instant out of years 0000-9999 (e.g. "0000-01-01T00:00:00+01:00");
  // such an instant has no four-digit UTC spelling, so it is rejected (found by the fuzzer).
  if (secs < days_from_civil(0, 1, 1) * 86400 || secs >= days_from_civil(10000, 1, 1) * 86400) return std::nullopt;
  return CalendarTime{secs * SimDuration::kTicksPerSecond + frac_us};
}

std::string format_calendar_time(CalendarTime t) {
  std::int64_t secs = t.unix_us / SimDuration::kTicksPerSecond;
  std::int64_t frac_us = t.unix_us % SimDuration::kTicksPerSecond;
  if (frac_us < 0) {
    frac_us += SimDuration::kTicksPerSecond;
    secs -= 1;
  }
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    days -= 1;
  }
  const Civil c = civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT", static_cast<long long>(c.y), c.m, c.d);
  return std::string(buf) + two(rem / 3600) + ":" + two(rem / 60 % 60) + ":" + two(rem % 60) + fraction(frac_us) +
         "Z";
}

}  // namespace ecsim::sim
