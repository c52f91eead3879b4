#pragma once

// The new tenant's admin credentials, written where only their owner can read them: a new file,
// mode 0600, never an existing one (no overwrite, no following a symlink planted at the path).
// The create answer is the only time the service returns the password ("Create a customer for
// an indirect reseller", Microsoft Learn: the response's userCredentials), so the file is
// reserved BEFORE the create is sent: a path that cannot be created is found while nothing has
// happened yet, instead of after the customer exists and its password has nowhere to go.
//
//   auto file = rest::credentials_file::reserve(path);   // before sending
//   if (!file) ...                                       // nothing sent
//   auto created = client.create_customer(...);
//   if (created && created->userCredentials)
//     file->write(*created->userCredentials);            // written and fsynced
//   // otherwise the empty reservation is removed when `file` goes away
//
// POSIX only.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/encode.hpp>
#include <partner_center/model/user_credentials.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <boost/system/errc.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <cerrno>
#include <filesystem>
#include <string>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace partner_center::rest {

// A new, empty file of mode 0600 held open until the credentials are written. Removed when it
// is destroyed (or abandoned) before a successful write. Move-only.
class credentials_file {
 public:
  // Creates `path` (O_CREAT | O_EXCL | O_NOFOLLOW). Fails with errc::file_exists when the path
  // exists (a dangling symlink included), or with the system's error otherwise (a missing
  // directory, a read-only or special file system).
  static boost::system::result<credentials_file> reserve(std::filesystem::path path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
      return last_error();
    credentials_file file(std::move(path), fd);
    // The umask can only take bits away from 0600; fchmod makes it exactly 0600 anyway.
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
      const auto error = last_error();
      file.abandon();
      return error;
    }
    return file;
  }

  credentials_file(credentials_file&& other) noexcept
      : path_(std::move(other.path_))
      , fd_(std::exchange(other.fd_, -1))
      , written_(other.written_) {}
  credentials_file& operator=(credentials_file&& other) noexcept {
    if (this != &other) {
      abandon();
      path_ = std::move(other.path_);
      fd_ = std::exchange(other.fd_, -1);
      written_ = other.written_;
    }
    return *this;
  }
  credentials_file(const credentials_file&) = delete;
  credentials_file& operator=(const credentials_file&) = delete;
  ~credentials_file() { abandon(); }

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] bool written() const noexcept { return written_; }

  // Writes {"userName":..,"password":..} and a newline, fsyncs and closes. The descriptor is
  // closed whatever happens; on failure the file is removed. Once only.
  boost::system::result<void> write(const model::UserCredentials& credentials) {
    if (fd_ < 0 || written_)
      return boost::system::error_code(EBADF, boost::system::system_category());
    std::string text = encode(credentials) + "\n";
    boost::system::result<void> outcome = write_all(text);
    secure_erase(text);
    if (outcome && ::fsync(fd_) != 0)
      outcome = last_error();
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0 && outcome)
      outcome = last_error();
    if (!outcome) {
      ::unlink(path_.c_str());
      return outcome;
    }
    written_ = true;
    return outcome;
  }

  // Closes and removes the reservation unless it was written. Safe to call more than once.
  void abandon() noexcept {
    if (fd_ >= 0) {
      ::close(std::exchange(fd_, -1));
      if (!written_)
        ::unlink(path_.c_str());
    }
  }

 private:
  credentials_file(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}

  static boost::system::error_code last_error() noexcept {
    return {errno, boost::system::system_category()};
  }

  boost::system::result<void> write_all(const std::string& text) const {
    std::size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        return last_error();
      }
      written += static_cast<std::size_t>(n);
    }
    return {};
  }

  std::filesystem::path path_;
  int fd_ = -1;
  bool written_ = false;
};

// Both steps at once, for a caller who already holds the credentials.
inline boost::system::result<void> write_credentials_file(
    const std::filesystem::path& path, const model::UserCredentials& credentials) {
  auto file = credentials_file::reserve(path);
  if (!file)
    return file.error();
  return file->write(credentials);
}

}  // namespace partner_center::rest
