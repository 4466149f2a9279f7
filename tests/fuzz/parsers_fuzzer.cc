// Fuzzes the duration, calendar-time and size parsers with round-trip properties: whatever they
// accept, the formatter writes a spelling they read back to the same value; nothing crashes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "models/size.h"
#include "sim/time.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ecsim;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto d = sim::parse_duration(text)) {
    FUZZ_CHECK(d->ticks() >= 0);
    const std::string spelled = sim::format_duration(*d);
    const auto back = sim::parse_duration(spelled);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(*back == *d);
    FUZZ_CHECK(!sim::format_seconds(*d).empty());
  }
  if (const auto t = sim::parse_calendar_time(text)) {
    const std::string spelled = sim::format_calendar_time(*t);
    const auto back = sim::parse_calendar_time(spelled);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(*back == *t);
  }
  if (const auto bytes = models::parse_size_bytes(text)) {
    FUZZ_CHECK(*bytes >= 0);
    const std::string spelled = models::format_size(*bytes);
    const auto back = models::parse_size_bytes(spelled);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(*back == *bytes);
  }
  return 0;
}
