#pragma once

// The new tenant's admin credentials, written where only their owner can read them: a new file,
// mode 0600, never an existing one (no overwrite, no following a symlink planted at the path).
// The create answer is the only time the service returns the password (facts §1.1).
// POSIX only.

#include <partner_center/core/encode.hpp>
#include <partner_center/model/user_credentials.hpp>

#include <boost/system/errc.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <cerrno>
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace partner_center::rest {

// Writes {"userName":..,"password":..} and a newline. Fails with errc::file_exists when the path
// exists (a dangling symlink included), or with the system's error otherwise; a partly written
// file is removed.
inline boost::system::result<void> write_credentials_file(
    const std::filesystem::path& path, const model::UserCredentials& credentials) {
  using boost::system::error_code;
  using boost::system::system_category;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    return error_code(errno, system_category());
  // The umask can only take bits away from 0600; fchmod makes it exactly 0600 anyway.
  if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
    const int e = errno;
    ::close(fd);
    ::unlink(path.c_str());
    return error_code(e, system_category());
  }
  const std::string text = encode(credentials) + "\n";
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      const int e = errno;
      ::close(fd);
      ::unlink(path.c_str());
      return error_code(e, system_category());
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int e = errno;
    ::unlink(path.c_str());
    return error_code(e, system_category());
  }
  return {};
}

}  // namespace partner_center::rest
