#pragma once
// A small deterministic JSON writer for ecsim's output files. Keys come out in the order they are
// written (no sorting, no hashing), numbers are formatted by std::to_chars (shortest round-trip),
// and virtual time is written as exact decimal seconds. nlohmann::json is used for reading JSON,
// never for writing output files, so the bytes depend on this file alone.
//
// Usage:
//   JsonWriter w;                       // compact: {"a":1,"b":[true,null]}
//   w.begin_object().key("a").integer(1).key("b").begin_array().boolean(true).null()
//    .end_array().end_object();
//   std::string text = w.str();
//
// Pretty style indents by two spaces, one member or element per line, ": " after keys, and
// writes empty containers as {} and []; it is the layout nlohmann's dump(2) produces.
//
// Strings: '"' and '\' are escaped; \b \f \n \r \t use their short escapes; every other control
// character (U+0000..U+001F) is written as \u00XX (lowercase hex). Valid UTF-8 is passed through
// unchanged; a byte that is not part of a valid UTF-8 sequence is written as \ufffd, so the output
// is always valid JSON.
//
// Misuse (a value in an object without a key, a key in an array, unbalanced end_*, a second root
// value) is a bug: ECSIM_ASSERT.
//
// Not thread-safe; one writer builds one document.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.h"

namespace ecsim::analysis {

enum class JsonStyle {
  kCompact,  // no whitespace at all: one JSON-lines record
  kPretty,   // two-space indent, for summary.json
};

class JsonWriter {
 public:
  explicit JsonWriter(JsonStyle style = JsonStyle::kCompact) : style_(style) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();

  // REQUIRES: the innermost open container is an object and its previous key has a value.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view value);
  JsonWriter& integer(std::int64_t value);
  JsonWriter& unsigned_integer(std::uint64_t value);
  // Shortest decimal that reads back as the same double ("1", "0.5", "1e-7"); exponents are
  // written without '+' or leading zeros. NaN and infinities are written as null.
  JsonWriter& number(double value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

  // Exact decimal seconds as a JSON number: 12.5, 3600, 0.000001 (sim::format_seconds).
  JsonWriter& seconds(sim::SimDuration duration);
  // The instant's offset from virtual time 0, in exact decimal seconds.
  JsonWriter& seconds(sim::SimTime time) { return seconds(time.since_start()); }

  // Conveniences: the value, or null when absent.
  JsonWriter& string_or_null(const std::optional<std::string>& value);
  JsonWriter& seconds_or_null(const std::optional<sim::SimDuration>& duration);
  JsonWriter& seconds_or_null(const std::optional<sim::SimTime>& time);

  // True once exactly one root value has been written completely.
  bool complete() const { return root_done_ && stack_.empty(); }

  // The document so far. REQUIRES (for take()): complete().
  const std::string& str() const { return out_; }
  std::string take();

 private:
  struct Level {
    bool is_object = false;
    std::size_t count = 0;     // members or elements written so far
    bool key_pending = false;  // an object key has been written and awaits its value
  };

  void before_value();
  void after_value();
  void raw_value(std::string_view text);
  void newline_and_indent(std::size_t depth);
  void end_container(bool is_object, char closer);

  JsonStyle style_;
  std::string out_;
  std::vector<Level> stack_;
  bool root_done_ = false;
};

// Appends `value` as a quoted, escaped JSON string to `out` (the escaping JsonWriter uses).
void append_json_string(std::string& out, std::string_view value);

// Appends the shortest round-trip spelling of a finite double ("null" for NaN/infinity).
void append_json_number(std::string& out, double value);

}  // namespace ecsim::analysis
