#pragma once

#include <atomic>
#include <cstddef>

extern std::atomic<std::size_t> allocation_count;

// Heap allocations made while `work` runs (on any thread, but the tests run one).
template <class Work>
std::size_t allocations_during(Work&& work) {
  const std::size_t before = allocation_count.load();
  work();
  return allocation_count.load() - before;
}
