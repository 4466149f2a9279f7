#include "analysis/json_writer.h"

#include <charconv>
#include <cmath>
#include <system_error>
#include <utility>

#include "sim/assert.h"

namespace ecsim::analysis {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence starting at text[i], or 0 when the bytes there are not one
// (overlong forms, surrogates and code points above U+10FFFF are invalid, as RFC 3629 says).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  const std::size_t left = text.size() - i;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    return left >= 2 && is_continuation(byte(1)) ? 2 : 0;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !is_continuation(byte(1)) || !is_continuation(byte(2))) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (lead == 0xED && byte(1) > 0x9F) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !is_continuation(byte(1)) || !is_continuation(byte(2)) ||
        !is_continuation(byte(3))) {
      return 0;
    }
    if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// The two-character escape of c, or nullptr when c has none.
const char* short_escape(unsigned char c) {
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return nullptr;
  }
}

// Printable ASCII that JSON takes as it is (not '"' nor '\\').
bool is_plain_ascii(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < value.size()) {
    // A run of plain ASCII (nearly every ID, name and code) goes in at once.
    std::size_t plain = i;
    while (plain < value.size() && is_plain_ascii(static_cast<unsigned char>(value[plain]))) ++plain;
    if (plain > i) {
      out.append(value.data() + i, plain - i);
      i = plain;
      continue;
    }
    const auto c = static_cast<unsigned char>(value[i]);
    if (const char* escape = short_escape(c)) {
      out += escape;
      ++i;
      continue;
    }
    if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHexDigits[c >> 4]);
      out.push_back(kHexDigits[c & 0x0F]);
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(value, i);
    if (length == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    out.append(value.substr(i, length));
    i += length;
  }
  out.push_back('"');
}

void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  ECSIM_ASSERT(error == std::errc());
  const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  // to_chars spells exponents like printf ("1e-07", "1e+21"); JSON readers accept that, but
  // "1e-7" and "1e21" are the shortest spelling, so drop the '+' and the exponent's leading zeros.
  const std::size_t e = text.find('e');
  if (e == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.append(text.substr(0, e + 1));
  std::size_t k = e + 1;
  if (text[k] == '-') {
    out.push_back('-');
    ++k;
  } else if (text[k] == '+') {
    ++k;
  }
  while (k + 1 < text.size() && text[k] == '0') ++k;
  out.append(text.substr(k));
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  stack_.push_back(Level{.is_object = true});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  end_container(/*is_object=*/true, '}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  stack_.push_back(Level{.is_object = false});
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  end_container(/*is_object=*/false, ']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  ECSIM_ASSERT_MSG(!stack_.empty(), "JsonWriter: key() outside an object");
  Level& level = stack_.back();
  ECSIM_ASSERT_MSG(level.is_object, "JsonWriter: key() inside an array");
  ECSIM_ASSERT_MSG(!level.key_pending, "JsonWriter: key() twice without a value");
  if (level.count > 0) out_.push_back(',');
  if (style_ == JsonStyle::kPretty) newline_and_indent(stack_.size());
  append_json_string(out_, name);
  out_ += style_ == JsonStyle::kPretty ? ": " : ":";
  level.key_pending = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  before_value();
  append_json_string(out_, value);
  after_value();
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
  char buffer[24];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  ECSIM_ASSERT(error == std::errc());
  raw_value(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
  return *this;
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t value) {
  char buffer[24];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  ECSIM_ASSERT(error == std::errc());
  raw_value(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  std::string text;
  append_json_number(text, value);
  raw_value(text);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  raw_value(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null() {
  raw_value("null");
  return *this;
}

JsonWriter& JsonWriter::seconds(sim::SimDuration duration) {
  raw_value(sim::format_seconds(duration));
  return *this;
}

JsonWriter& JsonWriter::string_or_null(const std::optional<std::string>& value) {
  return value ? string(*value) : null();
}

JsonWriter& JsonWriter::seconds_or_null(const std::optional<sim::SimDuration>& duration) {
  return duration ? seconds(*duration) : null();
}

JsonWriter& JsonWriter::seconds_or_null(const std::optional<sim::SimTime>& time) {
  return time ? seconds(*time) : null();
}

std::string JsonWriter::take() {
  ECSIM_ASSERT_MSG(complete(), "JsonWriter: take() before the document is complete");
  std::string result = std::move(out_);
  out_.clear();
  root_done_ = false;
  return result;
}

void JsonWriter::before_value() {
  if (stack_.empty()) {
    ECSIM_ASSERT_MSG(!root_done_, "JsonWriter: a second root value");
    return;
  }
  Level& level = stack_.back();
  if (level.is_object) {
    ECSIM_ASSERT_MSG(level.key_pending, "JsonWriter: a value in an object without a key");
    return;  // key() already wrote the separator and the indent
  }
  if (level.count > 0) out_.push_back(',');
  if (style_ == JsonStyle::kPretty) newline_and_indent(stack_.size());
}

void JsonWriter::after_value() {
  if (stack_.empty()) {
    root_done_ = true;
    return;
  }
  Level& level = stack_.back();
  level.key_pending = false;
  ++level.count;
}

void JsonWriter::raw_value(std::string_view text) {
  before_value();
  out_.append(text);
  after_value();
}

void JsonWriter::newline_and_indent(std::size_t depth) {
  out_.push_back('\n');
  out_.append(2 * depth, ' ');
}

void JsonWriter::end_container(bool is_object, char closer) {
  ECSIM_ASSERT_MSG(!stack_.empty(), "JsonWriter: end without begin");
  const Level level = stack_.back();
  ECSIM_ASSERT_MSG(level.is_object == is_object, "JsonWriter: mismatched end");
  ECSIM_ASSERT_MSG(!level.key_pending, "JsonWriter: object ends after a key without a value");
  stack_.pop_back();
  if (style_ == JsonStyle::kPretty && level.count > 0) newline_and_indent(stack_.size());
  out_.push_back(closer);
  after_value();
}

}  // namespace ecsim::analysis
