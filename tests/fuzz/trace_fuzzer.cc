// Fuzzes the JSON-lines trace reader (models/scenario/trace_reader.h): any bytes, one trace line
// per input line, must be accepted or rejected with errors positioned on that line, never crash;
// accepted calls have an Action and keep time order.
// The property itself is tests/fuzz/fuzz_properties.cc, shared with the regression test.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_properties.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FUZZ_CHECK_NONE(ecsim::fuzz::trace_failures(std::string_view(reinterpret_cast<const char*>(data), size)));
  return 0;
}
