// Large blocks in huge pages (sim/huge_pages.h): where the big tables' bytes live.

#include "sim/huge_pages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ecsim::sim {
namespace {

bool aligned_to(const void* p, std::size_t alignment) {
  return reinterpret_cast<std::uintptr_t>(p) % alignment == 0;
}

TEST(HugePages, ASmallBlockIsOrdinaryWritableMemory) {
  const std::size_t bytes = 1000;
  auto* p = static_cast<unsigned char*>(allocate_large_block(bytes));
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(aligned_to(p, alignof(std::max_align_t)));
  std::memset(p, 0xAB, bytes);
  EXPECT_EQ(p[bytes - 1], 0xAB);
  release_large_block(p, bytes);
}

TEST(HugePages, ALargeBlockStartsOnAHugePageBoundaryAndIsZeroed) {
  const std::size_t bytes = kHugePageBytes * 3 + 12345;  // not a whole number of huge pages
  auto* p = static_cast<unsigned char*>(allocate_large_block(bytes));
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(aligned_to(p, kHugePageBytes));
  EXPECT_TRUE(std::all_of(p, p + bytes, [](unsigned char b) { return b == 0; }));
  p[0] = 1;
  p[bytes - 1] = 2;  // the last byte asked for is there
  EXPECT_EQ(p[0] + p[bytes - 1], 3);
  release_large_block(p, bytes);
}

TEST(HugePages, ReleasingNothingIsHarmless) {
  release_large_block(nullptr, 0);
  release_large_block(nullptr, kHugePageBytes);
}

TEST(HugePages, AVectorKeepsItsValuesWhenItGrowsFromSmallToLargeBlocks) {
  std::vector<std::uint64_t, LargeBlockAllocator<std::uint64_t>> v;
  const std::size_t n = kHugePageBytes / sizeof(std::uint64_t) * 2 + 17;  // crosses the threshold
  for (std::size_t i = 0; i < n; ++i) v.push_back(i * 2654435761U);
  ASSERT_EQ(v.size(), n);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(v[i], i * 2654435761U);
  EXPECT_TRUE(aligned_to(v.data(), kHugePageBytes));
}

TEST(HugePages, AllocatorsOfAnyTypeAreInterchangeable) {
  EXPECT_TRUE(LargeBlockAllocator<int>{} == LargeBlockAllocator<double>{});
  const LargeBlockAllocator<char> rebound = LargeBlockAllocator<int>{};
  char* p = LargeBlockAllocator<char>(rebound).allocate(10);
  LargeBlockAllocator<char>{}.deallocate(p, 10);
}

}  // namespace
}  // namespace ecsim::sim
