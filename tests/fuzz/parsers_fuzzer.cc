// Fuzzes the duration, calendar-time and size parsers with round-trip properties: whatever they
// accept, the formatter writes a spelling they read back to the same value; nothing crashes.
// The property itself is tests/fuzz/fuzz_properties.cc, shared with the regression test.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_properties.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FUZZ_CHECK_NONE(ecsim::fuzz::parsers_failures(std::string_view(reinterpret_cast<const char*>(data), size)));
  return 0;
}
