#pragma once

// Where the refresh token lives between runs. Each refresh returns a new refresh token that
// replaces the stored one ("Refresh tokens in the Microsoft identity platform",
// https://learn.microsoft.com/entra/identity-platform/refresh-tokens), so the store is written
// on every rotation, and a crash at any moment must leave it holding a usable token.
//
// file_refresh_token_store replaces the file atomically (POSIX rename(2)): the token is written
// to a new file of mode 0600 in the same directory (O_CREAT | O_EXCL, so nothing planted there is
// reused), fsynced, renamed over the old file, and the directory is fsynced so that the rename
// itself survives a power cut. A reader sees the old file or the new one, whole, never a missing
// or partial file; a failure at any step leaves the old file as it was and removes the new one.
// A symbolic link at the path is replaced by the file, not followed. POSIX only.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/auth/failure.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace partner_center::auth {

// A refresh token is a few kilobytes; a file far larger is not one.
inline constexpr std::size_t max_refresh_token_file_size = std::size_t{64} * 1024;

class refresh_token_store {
 public:
  virtual ~refresh_token_store() = default;
  // The stored refresh token.
  virtual result<secret> load() = 0;
  // Replaces the stored token; on failure the previous one stays stored.
  virtual result<void> save(const secret& refresh_token) = 0;
};

// In memory, for tests and for callers who keep the token elsewhere (a vault client).
class memory_refresh_token_store final : public refresh_token_store {
 public:
  memory_refresh_token_store() = default;
  explicit memory_refresh_token_store(secret initial) : token_(std::move(initial)) {}

  result<secret> load() override {
    std::lock_guard lock(mutex_);
    if (token_.empty())
      return local_failure(auth_failure_kind::storage, "no refresh token has been stored");
    return token_;
  }
  result<void> save(const secret& refresh_token) override {
    std::lock_guard lock(mutex_);
    token_ = refresh_token;
    ++saves_;
    return {};
  }
  [[nodiscard]] std::size_t saves() const {
    std::lock_guard lock(mutex_);
    return saves_;
  }

 private:
  mutable std::mutex mutex_;
  secret token_;
  std::size_t saves_ = 0;
};

namespace detail {

inline std::string errno_text(int error) {
  return std::system_category().message(error);
}

inline std::string quoted_path(const std::filesystem::path& p) {
  return "\"" + p.string() + "\"";
}

// Closes on destruction unless released.
class file_descriptor {
 public:
  explicit file_descriptor(int fd) noexcept : fd_(fd) {}
  file_descriptor(const file_descriptor&) = delete;
  file_descriptor& operator=(const file_descriptor&) = delete;
  ~file_descriptor() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }
  // close(2) reports errors of delayed writes (NFS): checked where it matters.
  int close() noexcept {
    const int fd = std::exchange(fd_, -1);
    return fd >= 0 ? ::close(fd) : 0;
  }

 private:
  int fd_;
};

inline bool write_all(int fd, std::string_view data) noexcept {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

inline std::string_view trim_space(std::string_view s) noexcept {
  constexpr std::string_view space = " \t\r\n";
  const std::size_t first = s.find_first_not_of(space);
  if (first == std::string_view::npos)
    return {};
  const std::size_t last = s.find_last_not_of(space);
  return s.substr(first, last - first + 1);
}

}  // namespace detail

class file_refresh_token_store final : public refresh_token_store {
 public:
  explicit file_refresh_token_store(std::filesystem::path path) : path_(std::move(path)) {}

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

  // The file's content without surrounding white space (a trailing newline, as `echo` writes).
  result<secret> load() override {
    const std::string where = detail::quoted_path(path_);
    detail::file_descriptor fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
      return local_failure(
          auth_failure_kind::storage,
          "cannot read the refresh token file " + where + ": " + detail::errno_text(errno));
    }
    std::string content;
    content.reserve(max_refresh_token_file_size + 1);  // one buffer: wiped whole below
    char chunk[4096];
    while (content.size() <= max_refresh_token_file_size) {
      const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        const int error = errno;
        rest::secure_erase(content);
        rest::secure_erase(chunk, sizeof chunk);
        return local_failure(
            auth_failure_kind::storage,
            "cannot read the refresh token file " + where + ": " + detail::errno_text(error));
      }
      if (n == 0)
        break;
      const std::size_t room = max_refresh_token_file_size + 1 - content.size();
      content.append(chunk, std::min(static_cast<std::size_t>(n), room));
    }
    rest::secure_erase(chunk, sizeof chunk);
    if (content.size() > max_refresh_token_file_size) {
      rest::secure_erase(content);
      return local_failure(auth_failure_kind::storage,
                           "the refresh token file " + where + " is over " +
                               std::to_string(max_refresh_token_file_size) + " bytes");
    }
    secret token(detail::trim_space(content));
    rest::secure_erase(content);
    if (token.empty()) {
      return local_failure(auth_failure_kind::storage,
                           "the refresh token file " + where + " is empty");
    }
    return token;
  }

  result<void> save(const secret& refresh_token) override {
    namespace fs = std::filesystem;
    const std::string where = detail::quoted_path(path_);
    auto fail = [&](std::string_view step, int error) {
      return local_failure(auth_failure_kind::storage, "cannot save the rotated refresh token to " +
                                                           where + ": " + std::string(step) + ": " +
                                                           detail::errno_text(error) +
                                                           " (the file keeps the previous token)");
    };
    if (refresh_token.empty())
      return local_failure(auth_failure_kind::storage, "refusing to store an empty refresh token");
    const fs::path directory = path_.has_parent_path() ? path_.parent_path() : fs::path(".");

    // The new file: beside the old one (rename(2) is atomic within one file system only), a name
    // of its own, created here and nowhere else.
    fs::path temporary;
    int raw = -1;
    for (int attempt = 0; attempt < 16 && raw < 0; ++attempt) {
      temporary = directory / ("." + path_.filename().string() + ".tmp-" + random_suffix());
      raw = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (raw < 0 && errno != EEXIST)
        break;
    }
    if (raw < 0)
      return fail("creating a temporary file", errno);
    detail::file_descriptor fd(raw);
    auto abandon = [&](std::string_view step, int error) {
      fd.close();
      ::unlink(temporary.c_str());
      return fail(step, error);
    };
    // The umask can only take bits away from 0600; fchmod makes it exactly 0600 anyway.
    if (::fchmod(fd.get(), S_IRUSR | S_IWUSR) != 0)
      return abandon("setting mode 0600", errno);

    std::string line;
    line.reserve(refresh_token.size() + 1);
    line += refresh_token.reveal();
    line += '\n';
    const bool written = detail::write_all(fd.get(), line);
    const int write_error = errno;
    rest::secure_erase(line);
    if (!written)
      return abandon("writing", write_error);
    if (::fsync(fd.get()) != 0)
      return abandon("fsync", errno);
    if (fd.close() != 0) {
      const int error = errno;
      ::unlink(temporary.c_str());
      return fail("closing", error);
    }
    if (::rename(temporary.c_str(), path_.c_str()) != 0) {
      const int error = errno;
      ::unlink(temporary.c_str());
      return fail("renaming", error);
    }
    // The rename is in the directory: without this fsync a power cut may undo it.
    detail::file_descriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0 || ::fsync(dir.get()) != 0) {
      return local_failure(
          auth_failure_kind::storage,
          "the rotated refresh token was written to " + where +
              " but its directory could not be synced: " + detail::errno_text(errno));
    }
    return {};
  }

 private:
  static std::string random_suffix() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    constexpr char hex[] = "0123456789abcdef";
    std::uint64_t v = engine();
    std::string out(16, '0');
    for (char& c : out) {
      c = hex[v & 0xF];
      v >>= 4;
    }
    return out;
  }

  std::filesystem::path path_;
};

}  // namespace partner_center::auth
