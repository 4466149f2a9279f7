#pragma once
// The properties the fuzz targets check, one function per target, shared by the libFuzzer
// targets (tests/fuzz/*_fuzzer.cc, which abort on a failure so libFuzzer keeps the input) and the
// regression test (tests/fuzz/regressions/, which replays every input a fuzzer once broke in every
// build, g++ and Release included). Each returns the properties the input broke, empty when all
// hold; none may crash or assert on any input.

#include <string>
#include <string_view>
#include <vector>

namespace ecsim::fuzz {

// Scenario loader: any bytes parse to a spec or to positioned errors; a valid scenario (small
// enough to be cheap) runs within an event limit without an invariant violation.
std::vector<std::string> scenario_failures(std::string_view text);

// Duration, calendar-time and size parsers: whatever they accept, the formatter writes a spelling
// they read back to the same value.
std::vector<std::string> parsers_failures(std::string_view text);

// CreateImage request validation: lines "Key=Value" form one request, issued twice against a small
// fixed world; every call gets exactly one answer, errors with a 4xx/5xx status, and the run keeps
// the whole-run invariants.
std::vector<std::string> create_image_failures(std::string_view text);

// JSON-lines trace reader (models/scenario/trace_reader.h): each non-blank line of the input is
// one trace line, read in order; a line is accepted with no error or rejected with at least one,
// positioned on that line; accepted calls have an Action and never go back in time; and a line the
// fast path takes is read exactly as the JSON path reads it.
std::vector<std::string> trace_failures(std::string_view text);

}  // namespace ecsim::fuzz
