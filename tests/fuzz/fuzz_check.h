#pragma once
// FUZZ_CHECK: a property the fuzz target asserts. On failure it prints the condition and aborts,
// which libFuzzer reports as a crash (and saves the input as an artifact).

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (false)
