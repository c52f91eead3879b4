#pragma once

// Options of decode(), as a plain constexpr-friendly struct.

#include <cstddef>

namespace partner_center {

struct decode_options {
  // An unknown member is an error instead of a warning.
  bool strict = false;
  // Deepest nesting of objects and arrays accepted; deeper input is a `limit` error. The deepest
  // Partner Center resource nests 5 levels; 32 leaves room for unknown members' values.
  std::size_t max_depth = 32;
  // Largest document accepted, in bytes; a customer is about 1 KB.
  std::size_t max_document_size = std::size_t{1} << 20;
};

}  // namespace partner_center
