#pragma once

// The journal of a batch of creates: one record per state change of a row, so that a run that
// stops anywhere (a crash, a kill, a power cut) is finished by running it again, and no customer
// is created twice. The file form is append-only NDJSON, one record a line, each written and
// flushed to stable storage (fsync) before the batch acts on it:
//
//   {"state":"planned","row":"3:contoso3.onmicrosoft.com","requestId":"9f0c…","bodySha256":"5e1a…","at":"2025-01-31T12:00:00Z"}
//   {"state":"created","row":"3:contoso3.onmicrosoft.com","customerId":"4b7f…","tenantId":"4b7f…","at":…}
//   {"state":"invalid","row":"4:","violations":[{"path":…,"code":…,"severity":…,"message":…}],"at":…}
//   {"state":"refused","row":…,"status":409,"code":"…","message":"…","at":…}
//   {"state":"failed","row":…,"failure":"transport","transport":"timeout","status":0,"attempts":5,"message":"…","at":…}
//
// `planned` is written before the first request of a row is sent: it fixes the MS-RequestId that
// every later attempt of the row carries, in this run or the next, which is what lets the service
// deduplicate them ("If there's a timeout, the retry call should include the same value",
// https://learn.microsoft.com/partner-center/developer/headers). bodySha256 is the SHA-256 of the
// encoded request body, so a row edited after it was planned is recognized instead of being sent
// under the old id. The journal never holds a password or a token: rows are named by their key,
// customers by their ids.
//
// Reading tolerates a torn last line (the bytes after the last newline: a write that a crash cut
// short); any other damage is an error that names the line. POSIX only.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/message.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/rest/failure.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace partner_center::rest {

enum class journal_state : std::uint8_t {
  planned,  // the request id and body digest are fixed; the row may have been sent
  created,  // the service created the customer (its credentials are in the sink)
  invalid,  // the row broke a rule; it was never sent
  refused,  // the service answered with an error that sending again would not change
  failed    // no usable answer after the retries (lost, 5xx, throttled); sent again next run
};

BOOST_DESCRIBE_ENUM(journal_state, planned, created, invalid, refused, failed)

inline constexpr std::string_view to_string(journal_state state) noexcept {
  return enum_name(state, "unknown");
}

// One line of the journal. Which members are set depends on the state (see the top of the file).
struct journal_record {
  journal_state state = journal_state::planned;
  std::string row;  // the row's key, stable across runs
  std::string at;   // when it was written, UTC ("2025-01-31T12:00:00Z"); the journal sets it
  // planned
  std::string request_id;   // MS-RequestId of every attempt of the row
  std::string body_sha256;  // 64 lower-case hex digits
  // created
  std::string customer_id;
  std::string tenant_id;
  // invalid
  std::vector<violation> violations;
  // refused, failed
  int http_status = 0;       // the service's status; 0 when no answer came
  std::string service_code;  // refused: the service's error code, "" when it sent none
  std::string failure;       // failed: to_string(failure_kind), e.g. "transport"
  std::string transport;     // failed: to_string(transport_errc) when no answer came
  int attempts = 0;          // failed: requests sent
  std::string message;       // refused, failed: one line for people

  friend bool operator==(const journal_record&, const journal_record&) = default;
};

// What is wrong with a journal: `line` is 1-based, 0 for the file as a whole.
struct journal_error {
  std::size_t line = 0;
  std::string message;

  [[nodiscard]] std::string summary() const {
    return line == 0 ? message : "line " + std::to_string(line) + ": " + message;
  }
};

template <class T>
using journal_result = boost::system::result<T, journal_error>;

// boost::system::result::value() on an error calls this (found by argument-dependent lookup).
[[noreturn]] inline void throw_exception_from_error(const journal_error& e,
                                                    const boost::source_location& where) {
  boost::throw_exception(std::runtime_error(e.summary()), where);
}

namespace detail {

inline bool is_sha256_hex(std::string_view s) noexcept {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// "2025-01-31T12:00:00Z"
inline std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto seconds_now = time_point_cast<seconds>(when);
  const auto day = floor<days>(seconds_now);
  const year_month_day date{day};
  const hh_mm_ss<seconds> time{seconds_now - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

inline const boost::json::value* journal_member(const boost::json::object& o,
                                                std::string_view key) {
  const auto found = o.find(key);
  return found == o.end() ? nullptr : &found->value();
}

}  // namespace detail

// The record as one NDJSON line, newline included.
inline std::string journal_line(const journal_record& r) {
  boost::json::object o;
  o["state"] = to_string(r.state);
  o["row"] = r.row;
  switch (r.state) {
    case journal_state::planned:
      o["requestId"] = r.request_id;
      o["bodySha256"] = r.body_sha256;
      break;
    case journal_state::created:
      o["customerId"] = r.customer_id;
      o["tenantId"] = r.tenant_id;
      break;
    case journal_state::invalid: {
      boost::json::array list;
      for (const violation& v : r.violations) {
        list.push_back(boost::json::object{{"path", v.path},
                                           {"code", to_string(v.code)},
                                           {"severity", to_string(v.severity)},
                                           {"message", v.message}});
      }
      o["violations"] = std::move(list);
      break;
    }
    case journal_state::refused:
      o["status"] = r.http_status;
      o["code"] = r.service_code;
      o["message"] = r.message;
      break;
    case journal_state::failed:
      o["failure"] = r.failure;
      o["transport"] = r.transport;
      o["status"] = r.http_status;
      o["attempts"] = r.attempts;
      o["message"] = r.message;
      break;
  }
  if (!r.at.empty())
    o["at"] = r.at;
  std::string line = boost::json::serialize(o);
  line += '\n';
  return line;
}

// One line (without its newline) as a record; the error message does not name the line.
inline boost::system::result<journal_record, std::string> parse_journal_line(
    std::string_view line) {
  boost::system::error_code ec;
  const boost::json::value parsed = boost::json::parse(line, ec);
  if (ec)
    return std::string("not JSON (") + ec.message() + ")";
  const boost::json::object* o = parsed.if_object();
  if (o == nullptr)
    return std::string("not a JSON object");
  auto text = [&](std::string_view key, std::string& out, bool required) -> bool {
    const boost::json::value* v = detail::journal_member(*o, key);
    if (v == nullptr)
      return !required;
    if (!v->is_string())
      return false;
    out = std::string(v->get_string());
    return true;
  };
  auto integer = [&](std::string_view key, int& out) -> bool {
    const boost::json::value* v = detail::journal_member(*o, key);
    if (v == nullptr)
      return true;
    if (!v->is_int64() || v->get_int64() < 0 || v->get_int64() > 1'000'000)
      return false;
    out = static_cast<int>(v->get_int64());
    return true;
  };
  journal_record r;
  std::string state;
  if (!text("state", state, true))
    return std::string("no \"state\" string");
  const auto known = enum_from_name<journal_state>(state);
  if (!known)
    return "unknown state " + quote_for_message(state);
  r.state = *known;
  if (!text("row", r.row, true) || r.row.empty())
    return std::string("no \"row\" key");
  if (!text("at", r.at, false))
    return std::string("\"at\" is not a string");
  switch (r.state) {
    case journal_state::planned:
      if (!text("requestId", r.request_id, true) || !model::formats::is_guid(r.request_id))
        return std::string("\"requestId\" is not a GUID");
      if (!text("bodySha256", r.body_sha256, true) || !detail::is_sha256_hex(r.body_sha256))
        return std::string("\"bodySha256\" is not 64 lower-case hex digits");
      break;
    case journal_state::created:
      if (!text("customerId", r.customer_id, true) || !text("tenantId", r.tenant_id, false))
        return std::string("no \"customerId\" string");
      break;
    case journal_state::invalid: {
      const boost::json::value* list = detail::journal_member(*o, "violations");
      if (list == nullptr || !list->is_array())
        return std::string("no \"violations\" array");
      for (const boost::json::value& item : list->get_array()) {
        const boost::json::object* v = item.if_object();
        const boost::json::value* path = v ? detail::journal_member(*v, "path") : nullptr;
        const boost::json::value* code = v ? detail::journal_member(*v, "code") : nullptr;
        const boost::json::value* level = v ? detail::journal_member(*v, "severity") : nullptr;
        const boost::json::value* message = v ? detail::journal_member(*v, "message") : nullptr;
        if (!path || !path->is_string() || !code || !code->is_string() || !level ||
            !level->is_string() || !message || !message->is_string())
          return std::string("a violation without path, code, severity and message strings");
        const auto known_code = enum_from_name<violation_code>(code->get_string());
        if (!known_code)
          return std::string("a violation with an unknown code");
        const auto known_level = enum_from_name<severity>(level->get_string());
        if (!known_level)
          return std::string("a violation with an unknown severity");
        r.violations.push_back({std::string(path->get_string()), *known_code, *known_level,
                                std::string(message->get_string())});
      }
      break;
    }
    case journal_state::refused:
      if (!integer("status", r.http_status) || !text("code", r.service_code, false) ||
          !text("message", r.message, false))
        return std::string("\"status\", \"code\" or \"message\" of the wrong type");
      break;
    case journal_state::failed:
      if (!text("failure", r.failure, false) || !text("transport", r.transport, false) ||
          !integer("status", r.http_status) || !integer("attempts", r.attempts) ||
          !text("message", r.message, false))
        return std::string(
            "\"failure\", \"status\", \"attempts\" or \"message\" of the wrong type");
      break;
  }
  return r;
}

// A journal's text, read.
struct journal_contents {
  std::vector<journal_record> records;  // in file order
  std::size_t valid_bytes = 0;          // up to and including the last newline
  std::size_t torn_bytes = 0;           // after it: a torn last line, ignored
};

// Reads a whole journal. Besides each line's form, checks what a journal written by this library
// always satisfies: created, refused and failed follow a planned record of the same row, nothing
// follows created, and no request id is planned for two rows (the service would take the second
// row for the first). Blank lines are damage too.
inline journal_result<journal_contents> read_journal(std::string_view text) {
  journal_contents out;
  const std::size_t last_newline = text.rfind('\n');
  out.valid_bytes = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  out.torn_bytes = text.size() - out.valid_bytes;
  std::map<std::string, journal_state, std::less<>> last_state;
  std::map<std::string, std::string, std::less<>> planned_ids;  // request id -> row
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < out.valid_bytes) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty())
      return journal_error{line_number, "a blank line"};
    auto parsed = parse_journal_line(line);
    if (!parsed)
      return journal_error{line_number, parsed.error()};
    journal_record& r = *parsed;
    const auto previous = last_state.find(r.row);
    const bool was_planned =
        previous != last_state.end() && previous->second != journal_state::invalid;
    if (previous != last_state.end() && previous->second == journal_state::created)
      return journal_error{
          line_number, "a record for row " + quote_for_message(r.row) + " after it was created"};
    if ((r.state == journal_state::created || r.state == journal_state::refused ||
         r.state == journal_state::failed) &&
        !was_planned)
      return journal_error{line_number, std::string(to_string(r.state)) + " for row " +
                                            quote_for_message(r.row) + ", which was never planned"};
    if (r.state == journal_state::planned) {
      const auto [id, inserted] = planned_ids.emplace(r.request_id, r.row);
      if (!inserted && id->second != r.row)
        return journal_error{line_number, "request id " + r.request_id + " planned for rows " +
                                              quote_for_message(id->second) + " and " +
                                              quote_for_message(r.row)};
    }
    last_state[r.row] = r.state;
    out.records.push_back(std::move(r));
  }
  return out;
}

// Where a batch keeps its records. append() is called from the batch's worker threads, one call
// at a time; it returns once the record is durable (or fails, and the batch stops).
class batch_journal {
 public:
  virtual ~batch_journal() = default;
  // The records of earlier runs, oldest first: what a resumed batch starts from.
  [[nodiscard]] virtual const std::vector<journal_record>& earlier() const = 0;
  virtual journal_result<void> append(const journal_record& record) = 0;
};

struct file_journal_options {
  // Stamps each record's "at".
  std::function<std::chrono::system_clock::time_point()> wall_clock = [] {
    return std::chrono::system_clock::now();
  };
};

// The journal as a file: created (mode 0600) if missing, read, its torn last line cut off, and
// locked (flock) so that a second run on the same journal stops instead of racing this one.
class file_journal final : public batch_journal {
 public:
  static journal_result<file_journal> open(std::filesystem::path path,
                                           file_journal_options options = {}) {
    auto state = std::make_unique<open_file>();
    state->path = std::move(path);
    state->options = std::move(options);
    bool created = true;
    state->fd = ::open(state->path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (state->fd < 0 && errno == EEXIST) {
      created = false;
      state->fd = ::open(state->path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
    }
    if (state->fd < 0)
      return state->system_error("cannot open");
    if (::flock(state->fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EWOULDBLOCK)
        return journal_error{0,
                             "the journal " + state->path.string() + " is in use by another run"};
      return state->system_error("cannot lock");
    }
    if (created) {
      // The new name must survive a crash too: fsync the directory that holds it.
      if (auto synced = sync_directory(state->path.parent_path()); !synced)
        return state->system_error("cannot sync the directory of");
    }
    std::string text;
    if (!state->read_all(text))
      return state->system_error("cannot read");
    auto contents = read_journal(text);
    if (!contents)
      return journal_error{contents.error().line,
                           state->path.string() + ": " + contents.error().summary()};
    if (contents->torn_bytes > 0) {
      // The next record must start on a line of its own.
      if (::ftruncate(state->fd, static_cast<off_t>(contents->valid_bytes)) != 0 ||
          ::fsync(state->fd) != 0)
        return state->system_error("cannot cut the torn last line of");
    }
    state->size = contents->valid_bytes;
    state->torn_bytes = contents->torn_bytes;
    state->records = std::move(contents->records);
    return file_journal(std::move(state));
  }

  [[nodiscard]] const std::vector<journal_record>& earlier() const override {
    return state_->records;
  }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return state_->path; }
  // The length of the torn last line that open() found and cut off; 0 when there was none.
  [[nodiscard]] std::size_t torn_bytes() const noexcept { return state_->torn_bytes; }

  // Writes the record with "at" set and fsyncs. After a failure the journal refuses further
  // records: what is on disk is cut back to the last whole record, as far as the system allows.
  journal_result<void> append(const journal_record& record) override {
    std::lock_guard lock(state_->mutex);
    if (state_->broken)
      return journal_error{0, "the journal " + state_->path.string() + " failed earlier"};
    journal_record stamped = record;
    stamped.at = detail::utc_timestamp(state_->options.wall_clock());
    const std::string line = journal_line(stamped);
    std::size_t written = 0;
    while (written < line.size()) {
      const ssize_t n = ::write(state_->fd, line.data() + written, line.size() - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return state_->fail("cannot write");
      written += static_cast<std::size_t>(n);
    }
    if (::fsync(state_->fd) != 0)
      return state_->fail("cannot sync");
    state_->size += line.size();
    return {};
  }

 private:
  struct open_file {
    std::filesystem::path path;
    file_journal_options options;
    int fd = -1;
    std::size_t size = 0;
    std::size_t torn_bytes = 0;
    bool broken = false;
    std::vector<journal_record> records;
    std::mutex mutex;

    ~open_file() {
      if (fd >= 0)
        ::close(fd);  // also releases the lock
    }

    [[nodiscard]] journal_error system_error(std::string_view what) const {
      return journal_error{
          0, std::string(what) + " the journal " + path.string() + ": " + std::strerror(errno)};
    }

    journal_error fail(std::string_view what) {
      journal_error e = system_error(what);
      broken = true;
      (void)::ftruncate(fd, static_cast<off_t>(size));
      return e;
    }

    bool read_all(std::string& text) const {
      char buffer[1 << 16];
      off_t offset = 0;
      for (;;) {
        const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
        if (n < 0 && errno == EINTR)
          continue;
        if (n < 0)
          return false;
        if (n == 0)
          return true;
        text.append(buffer, static_cast<std::size_t>(n));
        offset += n;
      }
    }
  };

  explicit file_journal(std::unique_ptr<open_file> state) : state_(std::move(state)) {}

  static bool sync_directory(const std::filesystem::path& directory) {
    const std::filesystem::path where = directory.empty() ? "." : directory;
    const int fd = ::open(where.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
      return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
  }

  std::unique_ptr<open_file> state_;
};

}  // namespace partner_center::rest
