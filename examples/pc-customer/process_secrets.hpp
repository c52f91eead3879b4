#pragma once

// Keeping the bearer token out of the places a process leaks from: its environment (inherited by
// any child, readable in /proc/PID/environ) and its core dumps.

#include <partner_center/rest/secure_erase.hpp>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace pc_customer {

// No core file and no ptrace attach by other users of the same uid from here on (prctl(2),
// PR_SET_DUMPABLE): a crash must not write the token or a password to disk.
inline void refuse_core_dumps() noexcept {
#if defined(__linux__)
  (void)::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

// Takes a secret out of the environment: returns a copy, overwrites the value where it lies (the
// block /proc/PID/environ shows is the one the kernel laid out at exec, which unsetenv does not
// touch) and removes the variable, so no child process inherits it. Empty or unset: nothing.
inline std::optional<std::string> take_from_environment(const char* name) {
  char* value = std::getenv(name);
  if (value == nullptr)
    return std::nullopt;
  std::string copy(value);
  partner_center::rest::secure_erase(value, std::strlen(value));
  ::unsetenv(name);
  if (copy.empty())
    return std::nullopt;
  return copy;
}

// Wipes a secret string when the scope that owns it ends, however it ends.
class erase_on_exit {
 public:
  explicit erase_on_exit(std::string& secret) noexcept : secret_(secret) {}
  erase_on_exit(const erase_on_exit&) = delete;
  erase_on_exit& operator=(const erase_on_exit&) = delete;
  ~erase_on_exit() { partner_center::rest::secure_erase(secret_); }

 private:
  std::string& secret_;
};

}  // namespace pc_customer
