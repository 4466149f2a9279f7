#pragma once
// Virtual time. One tick is one microsecond; every duration and instant is an integer count of
// ticks in a strong type, so seconds and ticks can never be mixed up and no floating-point value
// ever decides the order of events.
//
//   SimDuration  a length of virtual time (may be negative only as an intermediate value)
//   SimTime      an instant, counted from the scenario's start (virtual time 0)
//   CalendarTime a wall-calendar instant (UTC, microseconds since 1970-01-01T00:00:00Z);
//                the scenario's `start:` maps SimTime 0 onto one of these.

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace ecsim::sim {

class SimDuration {
 public:
  static constexpr std::int64_t kTicksPerSecond = 1'000'000;

  constexpr SimDuration() = default;
  static constexpr SimDuration from_ticks(std::int64_t us) { return SimDuration(us); }
  static constexpr SimDuration microseconds(std::int64_t v) { return SimDuration(v); }
  static constexpr SimDuration milliseconds(std::int64_t v) { return SimDuration(v * 1000); }
  static constexpr SimDuration seconds(std::int64_t v) { return SimDuration(v * kTicksPerSecond); }
  static constexpr SimDuration minutes(std::int64_t v) { return seconds(v * 60); }
  static constexpr SimDuration hours(std::int64_t v) { return seconds(v * 3600); }
  static constexpr SimDuration days(std::int64_t v) { return seconds(v * 86400); }
  static constexpr SimDuration zero() { return SimDuration(0); }
  static constexpr SimDuration max() { return SimDuration(std::numeric_limits<std::int64_t>::max()); }
  // Rounds to the nearest tick; REQUIRES: seconds is finite and in range.
  static SimDuration from_seconds_rounded(double seconds);

  constexpr std::int64_t ticks() const { return us_; }
  constexpr double seconds_f() const { return static_cast<double>(us_) / kTicksPerSecond; }

  constexpr SimDuration operator+(SimDuration o) const { return SimDuration(us_ + o.us_); }
  constexpr SimDuration operator-(SimDuration o) const { return SimDuration(us_ - o.us_); }
  constexpr SimDuration operator*(std::int64_t k) const { return SimDuration(us_ * k); }
  constexpr SimDuration operator/(std::int64_t k) const { return SimDuration(us_ / k); }
  constexpr SimDuration& operator+=(SimDuration o) { us_ += o.us_; return *this; }
  constexpr SimDuration& operator-=(SimDuration o) { us_ -= o.us_; return *this; }
  constexpr auto operator<=>(const SimDuration&) const = default;

 private:
  constexpr explicit SimDuration(std::int64_t us) : us_(us) {}
  std::int64_t us_ = 0;
};

class SimTime {
 public:
  constexpr SimTime() = default;
  static constexpr SimTime from_ticks(std::int64_t us) { return SimTime(us); }
  static constexpr SimTime zero() { return SimTime(0); }
  static constexpr SimTime max() { return SimTime(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t ticks() const { return us_; }
  constexpr SimDuration since_start() const { return SimDuration::from_ticks(us_); }

  constexpr SimTime operator+(SimDuration d) const { return SimTime(us_ + d.ticks()); }
  constexpr SimTime operator-(SimDuration d) const { return SimTime(us_ - d.ticks()); }
  constexpr SimDuration operator-(SimTime o) const { return SimDuration::from_ticks(us_ - o.us_); }
  constexpr auto operator<=>(const SimTime&) const = default;

 private:
  constexpr explicit SimTime(std::int64_t us) : us_(us) {}
  std::int64_t us_ = 0;
};

// A calendar instant in UTC, microseconds since the Unix epoch.
struct CalendarTime {
  std::int64_t unix_us = 0;
  constexpr auto operator<=>(const CalendarTime&) const = default;
  constexpr CalendarTime operator+(SimDuration d) const { return {unix_us + d.ticks()}; }
  constexpr SimDuration operator-(CalendarTime o) const { return SimDuration::from_ticks(unix_us - o.unix_us); }
};

// Parses a duration: a non-negative decimal number followed by a unit `us`, `ms`, `s`, `m`, `h` or
// `d` ("250ms", "90s", "1.5h", "2d"), or several such components in strictly decreasing units
// ("1h30m", "1d2h3m4s", the spelling format_duration() writes); a bare number, alone, is seconds.
// Exact: "1.5h" is 5'400'000'000 ticks, with no floating point involved. Returns nullopt on
// anything else (including a sign, an exponent, a fraction finer than one tick, or overflow).
std::optional<SimDuration> parse_duration(std::string_view text);

// An exact spelling parse_duration() reads back: "0s", "250ms", "1m30s", "1h30m", "2d"; whole
// seconds as d/h/m/s components, anything finer as one "ms" or "us" count ("90250ms").
std::string format_duration(SimDuration d);

// Exact decimal seconds for output files: 12.5, 3600, 0.000001 (no exponent, trailing zeros trimmed).
std::string format_seconds(SimDuration d);

// A clock reading for narration: "00:12:04", "1d 02:00:00", with ".250" when not whole seconds.
std::string format_clock(SimTime t);

// Parses an RFC 3339 / ISO 8601 instant: "2026-01-01T00:00:00Z", "2026-01-01T08:00:00+08:00",
// "2026-01-01T00:00:00.5Z", or a bare date "2026-01-01" (midnight UTC).
std::optional<CalendarTime> parse_calendar_time(std::string_view text);

// "2026-01-01T00:00:00Z" (fractional seconds printed only when present).
std::string format_calendar_time(CalendarTime t);

}  // namespace ecsim::sim
