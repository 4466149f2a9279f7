#pragma once
// Memory for the big flat tables (World's resource tables, the ID and name indexes) in
// transparent huge pages where the kernel offers them.
//
// Why: at 10^7 images those tables hold gigabytes that are written once, in order, and then read
// at random through hash indexes. In 4 KiB pages every new page is a fault (about a tenth of a
// replay's time went to faults on this VM) and a random probe of a 100 MB index misses the TLB
// as well as the cache. A 2 MiB page faults 512 times less often and one TLB entry covers it.
//
// Only blocks of at least kHugePageBytes ask for huge pages, so a small world (every unit test)
// keeps 4 KiB pages and stays small. The advice (madvise MADV_HUGEPAGE) is only advice: where
// transparent huge pages are off ("never"), or on a system without them, the memory is ordinary
// and everything works the same. Nothing here can reach an output: it decides where bytes live,
// not what they are.

#include <cstddef>
#include <new>

namespace ecsim::sim {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

// `bytes` of zeroed memory aligned to at least alignof(std::max_align_t); from mmap in whole,
// 2 MiB-aligned huge pages if bytes >= kHugePageBytes, else from operator new (not zeroed).
// Throws std::bad_alloc when there is no memory. Release with release_large_block(p, bytes).
void* allocate_large_block(std::size_t bytes);
void release_large_block(void* p, std::size_t bytes) noexcept;

// A std allocator over allocate_large_block: std::vector<Slot, LargeBlockAllocator<Slot>>.
template <typename T>
struct LargeBlockAllocator {
  using value_type = T;
  LargeBlockAllocator() = default;
  template <typename U>
  LargeBlockAllocator(const LargeBlockAllocator<U>&) noexcept {}  // NOLINT: rebinding converts implicitly
  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(allocate_large_block(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { release_large_block(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const LargeBlockAllocator<U>&) const noexcept { return true; }
};

}  // namespace ecsim::sim
