// Virtual time: exact parsing and formatting of durations, clock readings and calendar instants,
// and the arithmetic of the strong types (sim/time.h).

#include "sim/time.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "sim/rng.h"

namespace ecsim::sim {

// gtest printers for readable failure messages (declared in the other tests that print times).
void PrintTo(SimDuration d, std::ostream* os) { *os << format_duration(d) << " (" << d.ticks() << " ticks)"; }
void PrintTo(SimTime t, std::ostream* os) { *os << format_clock(t) << " (" << t.ticks() << " ticks)"; }
void PrintTo(CalendarTime t, std::ostream* os) { *os << format_calendar_time(t) << " (" << t.unix_us << " us)"; }

namespace {

constexpr std::int64_t kUnixSecondsAt2026 = 1'767'225'600;  // 2026-01-01T00:00:00Z

CalendarTime unix_seconds(std::int64_t s) { return CalendarTime{s * SimDuration::kTicksPerSecond}; }

// --- parse_duration -------------------------------------------------------------------------------

TEST(TimeParseDuration, ReadsEachUnit) {
  EXPECT_EQ(parse_duration("1us"), SimDuration::microseconds(1));
  EXPECT_EQ(parse_duration("250ms"), SimDuration::milliseconds(250));
  EXPECT_EQ(parse_duration("90s"), SimDuration::seconds(90));
  EXPECT_EQ(parse_duration("30m"), SimDuration::minutes(30));
  EXPECT_EQ(parse_duration("1.5h"), SimDuration::minutes(90));
  EXPECT_EQ(parse_duration("2d"), SimDuration::days(2));
}

TEST(TimeParseDuration, BareNumberIsSeconds) {
  EXPECT_EQ(parse_duration("45"), SimDuration::seconds(45));
  EXPECT_EQ(parse_duration("1.5"), SimDuration::milliseconds(1500));
  EXPECT_EQ(parse_duration("0"), SimDuration::zero());
}

TEST(TimeParseDuration, FractionsAreExact) {
  EXPECT_EQ(parse_duration("0.5s"), SimDuration::milliseconds(500));
  EXPECT_EQ(parse_duration("1.5h")->ticks(), 5'400'000'000);
  EXPECT_EQ(parse_duration("0.000001s"), SimDuration::microseconds(1));
  EXPECT_EQ(parse_duration("0.001ms"), SimDuration::microseconds(1));
  EXPECT_EQ(parse_duration("0.1d"), SimDuration::hours(2) + SimDuration::minutes(24));
}

TEST(TimeParseDuration, TrailingZerosInTheFractionDoNotMatter) {
  EXPECT_EQ(parse_duration("0.500000000000d"), SimDuration::hours(12));
  EXPECT_EQ(parse_duration("1.0000000000000000000000s"), SimDuration::seconds(1));
}

TEST(TimeParseDuration, ReadsComponentsInDecreasingUnits) {
  EXPECT_EQ(parse_duration("1m30s"), SimDuration::seconds(90));
  EXPECT_EQ(parse_duration("1h30m"), SimDuration::minutes(90));
  EXPECT_EQ(parse_duration("1d2h3m4s"),
            SimDuration::days(1) + SimDuration::hours(2) + SimDuration::minutes(3) + SimDuration::seconds(4));
  EXPECT_EQ(parse_duration("1s250ms"), SimDuration::milliseconds(1250));
  EXPECT_EQ(parse_duration("1ms1us"), SimDuration::microseconds(1001));
}

TEST(TimeParseDuration, RejectsMalformedText) {
  for (const char* text : {"", "s", "abc", "-5s", "+5s", "5x", "5S", "1.", ".5s", "1e3s", "1 s", " 1s", "1s ",
                           "1..5s", "1.5.5s", "ms", "1sm"}) {
    EXPECT_EQ(parse_duration(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(TimeParseDuration, RejectsComponentsOutOfOrderRepeatedOrUnitless) {
  for (const char* text : {"30m1h", "1s1s", "1m30", "1h1h", "5ms1s"}) {
    EXPECT_EQ(parse_duration(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(TimeParseDuration, RejectsFractionsFinerThanATick) {
  EXPECT_EQ(parse_duration("0.0000001s"), std::nullopt);
  EXPECT_EQ(parse_duration("1.5us"), std::nullopt);
  EXPECT_EQ(parse_duration("0.0001ms"), std::nullopt);
}

TEST(TimeParseDuration, RejectsOverflow) {
  EXPECT_EQ(parse_duration("99999999999999999999d"), std::nullopt);
  EXPECT_EQ(parse_duration("99999999999999999999"), std::nullopt);
  // INT64_MAX microseconds is 106751991 days 4:00:54.775807.
  EXPECT_EQ(parse_duration("106751992d"), std::nullopt);
  EXPECT_EQ(parse_duration("106751991d"), SimDuration::days(106'751'991));
  EXPECT_EQ(parse_duration("106751991d4h"), SimDuration::days(106'751'991) + SimDuration::hours(4));
  EXPECT_EQ(parse_duration("106751991d5h"), std::nullopt);  // each part fits, the sum does not
  EXPECT_EQ(parse_duration("9223372036854775807us"), SimDuration::max());
  EXPECT_EQ(parse_duration("9223372036854775808us"), std::nullopt);
}

// --- format_duration --------------------------------------------------------------------------

TEST(TimeFormatDuration, WritesTheShortestComponents) {
  EXPECT_EQ(format_duration(SimDuration::zero()), "0s");
  EXPECT_EQ(format_duration(SimDuration::seconds(90)), "1m30s");
  EXPECT_EQ(format_duration(SimDuration::minutes(90)), "1h30m");
  EXPECT_EQ(format_duration(SimDuration::days(2)), "2d");
  EXPECT_EQ(format_duration(SimDuration::days(1) + SimDuration::seconds(1)), "1d1s");
}

TEST(TimeFormatDuration, WritesSubSecondDurationsAsOneCount) {
  EXPECT_EQ(format_duration(SimDuration::milliseconds(250)), "250ms");
  EXPECT_EQ(format_duration(SimDuration::microseconds(1)), "1us");
  EXPECT_EQ(format_duration(SimDuration::milliseconds(90'250)), "90250ms");
  EXPECT_EQ(format_duration(SimDuration::microseconds(1'000'001)), "1000001us");
}

TEST(TimeFormatDuration, RoundTripsThroughParseDuration) {
  for (const SimDuration d : {SimDuration::zero(), SimDuration::microseconds(1), SimDuration::milliseconds(250),
                              SimDuration::seconds(59), SimDuration::seconds(90), SimDuration::hours(25),
                              SimDuration::days(365) + SimDuration::microseconds(7), SimDuration::max()}) {
    EXPECT_EQ(parse_duration(format_duration(d)), d) << format_duration(d);
  }
}

TEST(TimeFormatDuration, RandomDurationsRoundTripThroughParseDuration) {
  Rng rng(7);
  for (int i = 0; i < 20'000; ++i) {
    // Mix magnitudes and granularities: whole days down to single microseconds.
    static constexpr std::int64_t kGrains[] = {1, 1000, SimDuration::kTicksPerSecond,
                                               60 * SimDuration::kTicksPerSecond};
    const std::int64_t grain = kGrains[rng.uniform_u64(4)];
    const std::int64_t count = rng.uniform_int(0, std::int64_t{1} << rng.uniform_int(0, 36));
    const SimDuration d = SimDuration::from_ticks(grain * count);
    ASSERT_EQ(parse_duration(format_duration(d)), d) << format_duration(d);
  }
}

// --- format_seconds and format_clock -----------------------------------------------------------------

TEST(TimeFormatSeconds, WritesExactDecimals) {
  EXPECT_EQ(format_seconds(SimDuration::milliseconds(12'500)), "12.5");
  EXPECT_EQ(format_seconds(SimDuration::hours(1)), "3600");
  EXPECT_EQ(format_seconds(SimDuration::microseconds(1)), "0.000001");
  EXPECT_EQ(format_seconds(SimDuration::zero()), "0");
  EXPECT_EQ(format_seconds(SimDuration::microseconds(1'234'560)), "1.23456");
  EXPECT_EQ(format_seconds(SimDuration::milliseconds(-1500)), "-1.5");
}

TEST(TimeFormatClock, WritesHoursMinutesSeconds) {
  EXPECT_EQ(format_clock(SimTime::zero()), "00:00:00");
  EXPECT_EQ(format_clock(SimTime::zero() + SimDuration::minutes(12) + SimDuration::seconds(4)), "00:12:04");
  EXPECT_EQ(format_clock(SimTime::zero() + SimDuration::hours(23) + SimDuration::seconds(59)), "23:00:59");
}

TEST(TimeFormatClock, PrefixesWholeDays) {
  EXPECT_EQ(format_clock(SimTime::zero() + SimDuration::days(1) + SimDuration::hours(2)), "1d 02:00:00");
}

TEST(TimeFormatClock, AddsMillisecondsWhenNotWholeSeconds) {
  EXPECT_EQ(format_clock(SimTime::zero() + SimDuration::milliseconds(1250)), "00:00:01.250");
  EXPECT_EQ(format_clock(SimTime::zero() + SimDuration::days(3) + SimDuration::milliseconds(7)), "3d 00:00:00.007");
}

// --- calendar time -----------------------------------------------------------------------------------

TEST(ParseCalendarTime, ReadsUtcInstants) {
  EXPECT_EQ(parse_calendar_time("2026-01-01T00:00:00Z"), unix_seconds(kUnixSecondsAt2026));
  EXPECT_EQ(parse_calendar_time("1970-01-01T00:00:00Z"), CalendarTime{0});
  EXPECT_EQ(parse_calendar_time("2026-01-01T01:02:03Z"), unix_seconds(kUnixSecondsAt2026 + 3723));
}

TEST(ParseCalendarTime, AppliesUtcOffsets) {
  EXPECT_EQ(parse_calendar_time("2026-01-01T08:00:00+08:00"), unix_seconds(kUnixSecondsAt2026));
  EXPECT_EQ(parse_calendar_time("2025-12-31T19:00:00-05:00"), unix_seconds(kUnixSecondsAt2026));
  EXPECT_EQ(parse_calendar_time("2026-01-01T05:45:00+05:45"), unix_seconds(kUnixSecondsAt2026));
}

TEST(ParseCalendarTime, ReadsFractionalSecondsDownToOneTick) {
  EXPECT_EQ(parse_calendar_time("2026-01-01T00:00:00.5Z")->unix_us, kUnixSecondsAt2026 * 1'000'000 + 500'000);
  EXPECT_EQ(parse_calendar_time("2026-01-01T00:00:00.123456Z")->unix_us, kUnixSecondsAt2026 * 1'000'000 + 123'456);
  EXPECT_EQ(parse_calendar_time("2026-01-01T00:00:00.1234567Z"), std::nullopt);
}

TEST(ParseCalendarTime, BareDateIsMidnightUtc) {
  EXPECT_EQ(parse_calendar_time("2026-01-01"), unix_seconds(kUnixSecondsAt2026));
}

TEST(ParseCalendarTime, AcceptsLeapDaysOnlyInLeapYears) {
  EXPECT_NE(parse_calendar_time("2024-02-29T00:00:00Z"), std::nullopt);
  EXPECT_NE(parse_calendar_time("2000-02-29"), std::nullopt);
  EXPECT_EQ(parse_calendar_time("2023-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_calendar_time("1900-02-29"), std::nullopt);
  EXPECT_EQ(*parse_calendar_time("2024-03-01") - *parse_calendar_time("2024-02-28"), SimDuration::days(2));
}

TEST(ParseCalendarTime, RejectsMalformedText) {
  for (const char* text :
       {"", "2026", "2026-1-1", "2026-13-01", "2026-00-10", "2026-01-32", "2026-04-31", "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "2026-01-01T00:00:00", "2026-01-01T00:00Z",
        "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+8:00", "2026-01-01T00:00:00+08", "2026-01-01T00:00:00ZZ",
        "2026-01-01X00:00:00Z", "2026/01/01"}) {
    EXPECT_EQ(parse_calendar_time(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(FormatCalendarTime, WritesUtcWithFractionOnlyWhenPresent) {
  EXPECT_EQ(format_calendar_time(unix_seconds(kUnixSecondsAt2026)), "2026-01-01T00:00:00Z");
  EXPECT_EQ(format_calendar_time(CalendarTime{kUnixSecondsAt2026 * 1'000'000 + 500'000}),
            "2026-01-01T00:00:00.5Z");
  EXPECT_EQ(format_calendar_time(CalendarTime{-500'000}), "1969-12-31T23:59:59.5Z");
  EXPECT_EQ(format_calendar_time(*parse_calendar_time("2026-01-01T08:00:00+08:00")), "2026-01-01T00:00:00Z");
}

TEST(FormatCalendarTime, RoundTripsThroughParseCalendarTime) {
  for (const char* text : {"2026-01-01T00:00:00Z", "2024-02-29T23:59:59.999999Z", "1969-12-31T23:59:59.5Z",
                           "2000-01-01T12:34:56.78Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    EXPECT_EQ(format_calendar_time(*parse_calendar_time(text)), text);
  }
  Rng rng(11);
  for (int i = 0; i < 20'000; ++i) {
    // Any microsecond from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z.
    const CalendarTime t{rng.uniform_int(-62'135'596'800'000'000, 253'402'300'799'999'999)};
    ASSERT_EQ(parse_calendar_time(format_calendar_time(t)), t) << format_calendar_time(t);
  }
}

// --- arithmetic -----------------------------------------------------------------------------------

TEST(TimeSimDuration, UnitConstructorsAgreeOnTicks) {
  EXPECT_EQ(SimDuration::seconds(1).ticks(), SimDuration::kTicksPerSecond);
  EXPECT_EQ(SimDuration::milliseconds(1000), SimDuration::seconds(1));
  EXPECT_EQ(SimDuration::microseconds(1000), SimDuration::milliseconds(1));
  EXPECT_EQ(SimDuration::minutes(1), SimDuration::seconds(60));
  EXPECT_EQ(SimDuration::hours(1), SimDuration::minutes(60));
  EXPECT_EQ(SimDuration::days(1), SimDuration::hours(24));
  EXPECT_EQ(SimDuration::from_ticks(7).ticks(), 7);
}

TEST(TimeSimDuration, ArithmeticIsExactIntegerArithmetic) {
  SimDuration d = SimDuration::seconds(3);
  d += SimDuration::milliseconds(500);
  EXPECT_EQ(d, SimDuration::milliseconds(3500));
  d -= SimDuration::seconds(1);
  EXPECT_EQ(d, SimDuration::milliseconds(2500));
  EXPECT_EQ(d * 4, SimDuration::seconds(10));
  EXPECT_EQ(d / 2, SimDuration::milliseconds(1250));
  EXPECT_EQ(SimDuration::microseconds(3) / 2, SimDuration::microseconds(1));  // truncates
  EXPECT_EQ(SimDuration::seconds(1) - SimDuration::seconds(2), SimDuration::seconds(-1));
  EXPECT_LT(SimDuration::seconds(-1), SimDuration::zero());
  EXPECT_DOUBLE_EQ(SimDuration::milliseconds(1500).seconds_f(), 1.5);
}

TEST(TimeSimDuration, FromSecondsRoundsToTheNearestTick) {
  EXPECT_EQ(SimDuration::from_seconds_rounded(1.5), SimDuration::milliseconds(1500));
  EXPECT_EQ(SimDuration::from_seconds_rounded(0.0000014), SimDuration::microseconds(1));
  EXPECT_EQ(SimDuration::from_seconds_rounded(0.0000016), SimDuration::microseconds(2));
  EXPECT_EQ(SimDuration::from_seconds_rounded(-2.0), SimDuration::seconds(-2));
}

TEST(SimTime, AddsAndSubtractsDurations) {
  const SimTime t = SimTime::zero() + SimDuration::seconds(10);
  EXPECT_EQ(t.ticks(), 10 * SimDuration::kTicksPerSecond);
  EXPECT_EQ(t - SimDuration::seconds(4), SimTime::from_ticks(6 * SimDuration::kTicksPerSecond));
  EXPECT_EQ(t - SimTime::zero(), SimDuration::seconds(10));
  EXPECT_EQ(t.since_start(), SimDuration::seconds(10));
  EXPECT_LT(SimTime::zero(), t);
  EXPECT_LT(t, SimTime::max());
}

TEST(CalendarTime, OffsetsByDurations) {
  const CalendarTime start = unix_seconds(kUnixSecondsAt2026);
  EXPECT_EQ(format_calendar_time(start + SimDuration::hours(36)), "2026-01-02T12:00:00Z");
  EXPECT_EQ((start + SimDuration::seconds(5)) - start, SimDuration::seconds(5));
}

}  // namespace
}  // namespace ecsim::sim

// Regression (found by tests/fuzz/parsers_fuzzer): an offset moved the instant to year -1, which
// formatted as a string parse_calendar_time could not read back.
TEST(CalendarTime, InstantsOutsideYearsZeroToNineThousandNineHundredNinetyNineAreRejected) {
  EXPECT_FALSE(ecsim::sim::parse_calendar_time("0000-01-01T00:00:00+01:00").has_value());
  EXPECT_FALSE(ecsim::sim::parse_calendar_time("9999-12-31T23:00:00-01:00").has_value());
  EXPECT_TRUE(ecsim::sim::parse_calendar_time("0000-01-01T00:00:00Z").has_value());
  EXPECT_TRUE(ecsim::sim::parse_calendar_time("9999-12-31T23:59:59Z").has_value());
}
