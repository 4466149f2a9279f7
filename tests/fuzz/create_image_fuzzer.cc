// Fuzzes CreateImage request validation: the input's lines are "Key=Value" wire parameters of a
// CreateImage request (Action fixed), replayed twice (at 0s and 1s, so ClientToken reuse is
// reached too) against a small fixed world: one region, a running instance with an ESSD system
// disk and a data disk, accomplished snapshots. Every request must get exactly one answer, from
// the catalogue, without an assertion, and the run must keep the whole-run invariants.
// Dictionary: tests/fuzz/create_image.dict.
// The property itself is tests/fuzz/fuzz_properties.cc, shared with the regression test.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_properties.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FUZZ_CHECK_NONE(ecsim::fuzz::create_image_failures(std::string_view(reinterpret_cast<const char*>(data), size)));
  return 0;
}
