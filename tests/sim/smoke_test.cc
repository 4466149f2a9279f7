#include <gtest/gtest.h>
#include "sim/scheduler.h"
TEST(Smoke, Builds) { ecsim::sim::Scheduler s; EXPECT_EQ(s.pending(), 0u); }
