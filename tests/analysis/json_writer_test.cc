#include "analysis/json_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace ecsim::analysis {
namespace {

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string json_number(double v) {
  std::string out;
  append_json_number(out, v);
  return out;
}

TEST(JsonWriter, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(json_string(R"(say "hi" \ bye)"), R"("say \"hi\" \\ bye")");
}

TEST(JsonWriter, EscapesControlCharactersAsShortFormsOrU00XX) {
  EXPECT_EQ(json_string("a\nb\tc\rd\be\ff"), R"("a\nb\tc\rd\be\ff")");
  EXPECT_EQ(json_string(std::string("\x01\x1f", 2)), R"("\u0001\u001f")");
  EXPECT_EQ(json_string(std::string("nul\0end", 7)), R"("nul\u0000end")");
}

TEST(JsonWriter, PassesValidUtf8Through) {
  EXPECT_EQ(json_string("杭州 é ✓ 😀"), "\"杭州 é ✓ 😀\"");
  EXPECT_EQ(json_string("/"), "\"/\"");  // '/' needs no escape
}

TEST(JsonWriter, ReplacesInvalidUtf8BytesSoOutputStaysValidJson) {
  // A lone continuation byte, a truncated sequence, an overlong '/', a UTF-16 surrogate.
  const std::string bad = std::string("a\x80") + "b\xE6\x9D" + "c\xC0\xAF" + "d\xED\xA0\x80";
  const std::string text = json_string(bad);
  EXPECT_EQ(text, R"("a\ufffdb\ufffd\ufffdc\ufffd\ufffdd\ufffd\ufffd\ufffd")");
  EXPECT_TRUE(nlohmann::json::accept(text));
}

TEST(JsonWriter, EveryByteStringRoundTripsThroughAJsonReader) {
  std::string all;
  for (int c = 1; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  all += "€";
  const auto parsed = nlohmann::json::parse(json_string(all));
  EXPECT_EQ(parsed.get<std::string>(), all);
}

TEST(JsonWriter, NumbersUseTheShortestRoundTripSpelling) {
  EXPECT_EQ(json_number(1.0), "1");
  EXPECT_EQ(json_number(0.5), "0.5");
  EXPECT_EQ(json_number(1e-7), "1e-7");
  EXPECT_EQ(json_number(12.5), "12.5");
  EXPECT_EQ(json_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(json_number(1e22), "1e22");
  EXPECT_EQ(json_number(-2.5e-300), "-2.5e-300");
  EXPECT_EQ(json_number(-0.0), "-0");
  for (double v : {1e-7, 0.1 + 0.2, 1e22, 5e-324, 1.7976931348623157e308}) {
    EXPECT_EQ(nlohmann::json::parse(json_number(v)).get<double>(), v) << json_number(v);
  }
}

TEST(JsonWriter, NonFiniteNumbersAreWrittenAsNull) {
  EXPECT_EQ(json_number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(json_number(-std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(json_number(std::numeric_limits<double>::quiet_NaN()), "null");
}

TEST(JsonWriter, IntegersCoverTheirFullRange) {
  JsonWriter w;
  w.begin_array()
      .integer(std::numeric_limits<std::int64_t>::min())
      .integer(0)
      .unsigned_integer(std::numeric_limits<std::uint64_t>::max())
      .end_array();
  EXPECT_EQ(w.str(), "[-9223372036854775808,0,18446744073709551615]");
}

TEST(JsonWriter, SecondsAreExactDecimalNumbers) {
  JsonWriter w;
  w.begin_array()
      .seconds(sim::SimDuration::milliseconds(12'500))
      .seconds(sim::SimDuration::hours(1))
      .seconds(sim::SimDuration::microseconds(1))
      .seconds(sim::SimTime::zero() + sim::SimDuration::microseconds(90'250'001))
      .seconds(sim::SimDuration::zero())
      .end_array();
  EXPECT_EQ(w.str(), "[12.5,3600,0.000001,90.250001,0]");
}

TEST(JsonWriter, OptionalValuesAreNullWhenAbsent) {
  JsonWriter w;
  w.begin_array()
      .string_or_null(std::nullopt)
      .string_or_null(std::string("x"))
      .seconds_or_null(std::optional<sim::SimDuration>())
      .seconds_or_null(std::optional<sim::SimTime>(sim::SimTime::zero()))
      .end_array();
  EXPECT_EQ(w.str(), R"([null,"x",null,0])");
}

TEST(JsonWriter, KeysComeOutInTheOrderWritten) {
  JsonWriter w;
  w.begin_object().key("z").integer(1).key("a").integer(2).key("m").integer(3).end_object();
  EXPECT_EQ(w.str(), R"({"z":1,"a":2,"m":3})");
}

TEST(JsonWriter, CompactStyleHasNoWhitespace) {
  JsonWriter w(JsonStyle::kCompact);
  w.begin_object()
      .key("a")
      .begin_array()
      .integer(1)
      .boolean(true)
      .null()
      .end_array()
      .key("b")
      .begin_object()
      .key("c")
      .string("d e")
      .end_object()
      .key("e")
      .begin_object()
      .end_object()
      .key("f")
      .begin_array()
      .end_array()
      .end_object();
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(w.str(), R"({"a":[1,true,null],"b":{"c":"d e"},"e":{},"f":[]})");
}

TEST(JsonWriter, PrettyStyleIndentsByTwoSpacesLikeNlohmannDump2) {
  JsonWriter w(JsonStyle::kPretty);
  w.begin_object()
      .key("a")
      .begin_array()
      .integer(1)
      .boolean(false)
      .end_array()
      .key("b")
      .begin_object()
      .key("c")
      .string("d")
      .end_object()
      .key("e")
      .begin_object()
      .end_object()
      .key("f")
      .begin_array()
      .end_array()
      .end_object();
  const std::string expected =
      "{\n"
      "  \"a\": [\n"
      "    1,\n"
      "    false\n"
      "  ],\n"
      "  \"b\": {\n"
      "    \"c\": \"d\"\n"
      "  },\n"
      "  \"e\": {},\n"
      "  \"f\": []\n"
      "}";
  EXPECT_EQ(w.str(), expected);
  EXPECT_EQ(nlohmann::ordered_json::parse(w.str()).dump(2), expected);
}

TEST(JsonWriter, TakeReturnsTheDocument) {
  JsonWriter w;
  w.string("only");
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(w.take(), "\"only\"");
}

TEST(JsonWriterDeathTest, ValueWithoutKeyInObjectIsAnInternalError) {
  EXPECT_EXIT(
      {
        JsonWriter w;
        w.begin_object().integer(1);
      },
      ::testing::ExitedWithCode(1), "internal error");
}

TEST(JsonWriterDeathTest, MismatchedEndIsAnInternalError) {
  EXPECT_EXIT(
      {
        JsonWriter w;
        w.begin_object().end_array();
      },
      ::testing::ExitedWithCode(1), "internal error");
}

TEST(JsonWriterDeathTest, SecondRootValueIsAnInternalError) {
  EXPECT_EXIT(
      {
        JsonWriter w;
        w.integer(1).integer(2);
      },
      ::testing::ExitedWithCode(1), "internal error");
}

}  // namespace
}  // namespace ecsim::analysis
