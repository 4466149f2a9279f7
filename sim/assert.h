#pragma once
// ECSIM_ASSERT: a broken invariant is a bug, never an API result. Active in every build type;
// on failure prints "ecsim: internal error: ..." with the condition and location, and exits 1
// (the contract's exit status for an internal failure).

namespace ecsim::sim {
[[noreturn]] void assertion_failed(const char* condition, const char* file, int line, const char* message);
}  // namespace ecsim::sim

#define ECSIM_ASSERT(cond)                                                        \
  do {                                                                            \
    if (!(cond)) ::ecsim::sim::assertion_failed(#cond, __FILE__, __LINE__, "");   \
  } while (false)

#define ECSIM_ASSERT_MSG(cond, msg)                                               \
  do {                                                                            \
    if (!(cond)) ::ecsim::sim::assertion_failed(#cond, __FILE__, __LINE__, msg);  \
  } while (false)

#define ECSIM_UNREACHABLE(msg) ::ecsim::sim::assertion_failed("unreachable", __FILE__, __LINE__, msg)
