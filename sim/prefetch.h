#pragma once
// A hint to start loading the cache line at `p`, for a lookup that comes a little later.
//
// Why not __builtin_prefetch alone: GCC does not count a prefetch as a side effect, so a small
// function whose only work is a prefetch (IdIndex::prefetch) is deemed pure and every call to it
// is deleted. The volatile asm cannot be deleted. A prefetch never faults and changes no value.

namespace ecsim::sim {

inline void prefetch_for_read(const void* p) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 (%0)" : : "r"(p));
#else
  __builtin_prefetch(p);
#endif
}

}  // namespace ecsim::sim
