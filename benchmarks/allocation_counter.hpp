#pragma once

// Counts heap allocations in the binary that links allocation_counter.cpp, which replaces the
// global operator new. Kept in its own translation unit so the compiler does not pair an inlined
// operator delete with malloc.

#include <atomic>
#include <cstddef>

namespace bench {
extern std::atomic<std::size_t> allocations;
}  // namespace bench
