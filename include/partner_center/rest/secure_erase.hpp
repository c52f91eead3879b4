#pragma once

// Overwrites a secret the library owns (a bearer token, a returned password) before its memory
// is released, so it does not linger in freed heap pages, a core file or a swap area. The
// compiler may not drop these writes as dead stores: explicit_bzero is documented to survive
// optimization (glibc 2.25, the BSDs); elsewhere a volatile write loop does the same.
// Best effort by nature: copies the library never owned (the caller's, the HTTP stack's) are
// out of its reach.

#include <partner_center/core/cxx20.hpp>

#include <cstddef>
#include <string>

#if defined(__GLIBC__) || defined(__OpenBSD__) || defined(__FreeBSD__)
#include <string.h>  // explicit_bzero
#define PARTNER_CENTER_HAS_EXPLICIT_BZERO 1
#endif

namespace partner_center::rest {

inline void secure_erase(void* data, std::size_t size) noexcept {
  if (data == nullptr || size == 0)
    return;
#if defined(PARTNER_CENTER_HAS_EXPLICIT_BZERO)
  ::explicit_bzero(data, size);
#else
  volatile unsigned char* p = static_cast<volatile unsigned char*>(data);
  while (size-- != 0)
    *p++ = 0;
#endif
}

// Zeroes the whole buffer (capacity, not only size: a shorter value may have overwritten a
// longer secret in place) and leaves the string empty.
inline void secure_erase(std::string& secret) noexcept {
  secret.resize(secret.capacity());
  secure_erase(secret.data(), secret.size());
  secret.clear();
}

}  // namespace partner_center::rest
