#pragma once
// FUZZ_CHECK_NONE: the fuzz target's property held (tests/fuzz/fuzz_properties.h returned no
// failure). Otherwise it prints each failure and aborts, which libFuzzer reports as a crash (and
// saves the input as an artifact, to become a regression input under tests/fuzz/regressions/).

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#define FUZZ_CHECK_NONE(failures_expr)                                                    \
  do {                                                                                    \
    const std::vector<std::string> fuzz_failures_ = (failures_expr);                      \
    if (!fuzz_failures_.empty()) {                                                        \
      for (const std::string& f : fuzz_failures_) std::fprintf(stderr, "FUZZ_CHECK failed: %s\n", f.c_str()); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (false)
