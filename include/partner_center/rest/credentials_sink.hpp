#pragma once

// Where a batch puts the admin credentials of each customer it creates. The create answer is the
// only time the service returns the password ("Create a customer for an indirect reseller",
// https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller:
// the response's userCredentials), so the batch stores them, durably, before it journals the row
// as created; a crash between the two makes the next run ask again with the same request id, get
// the same answer, and store the same credentials a second time.
//
// credentials_directory writes one file per customer, named after its domain
// (contoso.onmicrosoft.com.json), with rest::credentials_file: a new file (O_EXCL, no symlink
// followed), mode 0600, fsynced, and the directory fsynced after it. POSIX only.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/encode.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/model/user_credentials.hpp>
#include <partner_center/rest/credentials_file.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <boost/system/errc.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace partner_center::rest {

// One created customer's credentials, as the batch hands them to the sink.
struct created_credentials {
  std::string_view row;          // the row's key
  std::string_view domain;       // companyProfile.domain as sent
  std::string_view customer_id;  // the new customer's id
  const model::UserCredentials& credentials;
};

class credentials_sink {
 public:
  virtual ~credentials_sink() = default;
  // Stores the credentials; durable when it returns. Returns where they went, for people to
  // read (never the secret itself). Called from the batch's worker threads, several at once.
  virtual boost::system::result<std::string> store(const created_credentials& created) = 0;
};

class credentials_directory final : public credentials_sink {
 public:
  // `directory` is created (mode 0700) when it does not exist; its parent must. An existing one
  // must be a directory this process can write to.
  static boost::system::result<credentials_directory> open(std::filesystem::path directory) {
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST)
      return last_error();
    struct stat st {};
    if (::stat(directory.c_str(), &st) != 0)
      return last_error();
    if (!S_ISDIR(st.st_mode))
      return make_error(boost::system::errc::not_a_directory);
    if (::access(directory.c_str(), W_OK | X_OK) != 0)
      return last_error();
    return credentials_directory(std::move(directory));
  }

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return directory_; }

  // Writes `<domain>.json`. When that file exists already (a run that stopped after storing the
  // credentials but before journalling the row): with the same credentials, it is taken as
  // stored; empty (the run stopped between creating and writing it), it is replaced; with other
  // content, the credentials go to `<domain>.<customer id>.json` instead, so that no password is
  // lost and none is overwritten.
  boost::system::result<std::string> store(const created_credentials& created) override {
    if (!is_safe_name(created.domain))
      return make_error(boost::system::errc::invalid_argument);
    std::string name(created.domain);
    for (char& c : name)
      c = text::ascii_lower(c);
    auto outcome = store_as(directory_ / (name + ".json"), created.credentials);
    if (!outcome && outcome.error() == boost::system::errc::file_exists &&
        is_safe_name(created.customer_id)) {
      std::string id(created.customer_id);
      for (char& c : id)
        c = text::ascii_lower(c);
      outcome = store_as(directory_ / (name + "." + id + ".json"), created.credentials);
    }
    if (!outcome)
      return outcome.error();
    if (!sync_directory())
      return last_error();
    return *outcome;
  }

 private:
  explicit credentials_directory(std::filesystem::path directory)
      : directory_(std::move(directory)) {}

  static boost::system::error_code last_error() noexcept {
    return {errno, boost::system::system_category()};
  }
  static boost::system::error_code make_error(boost::system::errc::errc_t e) noexcept {
    return boost::system::errc::make_error_code(e);
  }

  // A file name part with no path separator, no leading dot and nothing a shell or a person would
  // misread: the letters, digits, dots and hyphens of a domain or a GUID.
  static bool is_safe_name(std::string_view s) noexcept {
    if (s.empty() || s.size() > 200 || s.front() == '.')
      return false;
    for (const char c : s) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-';
      if (!ok)
        return false;
    }
    return true;
  }

  // The path when written (or already there with these credentials); file_exists when the path
  // holds something else.
  static boost::system::result<std::string> store_as(const std::filesystem::path& path,
                                                     const model::UserCredentials& credentials) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto file = credentials_file::reserve(path);
      if (file) {
        if (auto written = file->write(credentials); !written)
          return written.error();
        return path.string();
      }
      if (file.error() != boost::system::errc::file_exists)
        return file.error();
      std::string existing;
      if (!read_small_file(path, existing))
        return make_error(boost::system::errc::file_exists);  // a symlink, a directory, ...
      if (existing.empty()) {
        // credentials_file creates the file, then writes it: a crash in between leaves it empty.
        if (::unlink(path.c_str()) != 0)
          return last_error();
        continue;
      }
      std::string expected = encode(credentials) + "\n";
      const bool same = existing == expected;
      secure_erase(existing);
      secure_erase(expected);
      if (same)
        return path.string();
      return make_error(boost::system::errc::file_exists);
    }
    return make_error(boost::system::errc::file_exists);
  }

  // A regular file of at most 64 KiB, not through a symlink.
  static bool read_small_file(const std::filesystem::path& path, std::string& out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
      return false;
    struct stat st {};
    bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= 64 * 1024;
    while (ok) {
      char buffer[4096];
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0) {
        ok = n == 0;
        break;
      }
      out.append(buffer, static_cast<std::size_t>(n));
      secure_erase(buffer, sizeof buffer);
    }
    ::close(fd);
    return ok;
  }

  [[nodiscard]] bool sync_directory() const {
    const int fd = ::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
      return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
  }

  std::filesystem::path directory_;
};

}  // namespace partner_center::rest
