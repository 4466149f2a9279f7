#include "sim/assert.h"

#include <cstdio>
#include <cstdlib>

namespace ecsim::sim {

void assertion_failed(const char* condition, const char* file, int line, const char* message) {
  std::fprintf(stderr, "ecsim: internal error: assertion '%s' failed at %s:%d%s%s\n", condition, file, line,
               message[0] != '\0' ? ": " : "", message);
  std::fflush(stderr);
  std::_Exit(1);
}

}  // namespace ecsim::sim
