#pragma once

// Options of decode(), as a plain constexpr-friendly struct.

#include <partner_center/core/cxx20.hpp>

#include <cstddef>

namespace partner_center {

struct decode_options {
  // An unknown member is an error instead of a warning.
  bool strict = false;
  // Deepest nesting of objects and arrays accepted; deeper input is a `limit` error. The deepest
  // Partner Center resource nests 5 levels; 32 leaves room for unknown members' values. Above
  // depth_ceiling counts as depth_ceiling.
  std::size_t max_depth = 32;
  // Largest document accepted, in bytes; a customer is about 1 KB.
  std::size_t max_document_size = std::size_t{1} << 20;
  // Most elements read into one array; the rest are skipped with a `limit` error. A page of
  // customers holds at most 500 (the Java SDK's largest page size: Partner-Center-Java,
  // CustomerCollectionOperations.java), a country has under 100 states. Without it a
  // document of "{}," would cost hundreds of bytes of struct per 3 bytes of text.
  std::size_t max_array_size = 10'000;

  // Boost.JSON's parser recurses once per level, using up to 1 KB of stack per level under
  // AddressSanitizer: a larger max_depth would let hostile nesting overflow a thread's stack
  // instead of being refused.
  static constexpr std::size_t depth_ceiling = 256;
};

}  // namespace partner_center
