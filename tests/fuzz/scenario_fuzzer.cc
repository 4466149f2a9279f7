// Fuzzes the scenario loader: any bytes -> parse_scenario_text() must return a spec or positioned
// errors, never crash. A valid scenario is then simulated (bounded by an event limit) under the
// invariant monitor: a valid scenario must run without an assertion and without a violation.
// Corpus: scenarios/**/*.yaml and tests/fuzz/regressions/scenario/ (scripts/fuzz.sh copies them).
// The property itself is tests/fuzz/fuzz_properties.cc, shared with the regression test.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_properties.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FUZZ_CHECK_NONE(ecsim::fuzz::scenario_failures(std::string_view(reinterpret_cast<const char*>(data), size)));
  return 0;
}
