// Replaces the global operator new of this test binary only, to count heap allocations.

#include "counting_allocator.hpp"

#include <cstdlib>
#include <new>

std::atomic<std::size_t> allocation_count{0};

void* operator new(std::size_t size) {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
