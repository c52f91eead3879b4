#pragma once

// What a batch of creates (batch_create.hpp) reports: the outcome of each row, the counts so far
// (given to the progress callback after each row), and the error that ended a run early. Nothing
// here holds a password or a token.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/rest/batch_journal.hpp>

#include <boost/throw_exception.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace partner_center::rest {

enum class row_status : std::uint8_t {
  created,     // the customer exists (made now, or by an earlier run)
  invalid,     // the row broke a rule; never sent
  refused,     // the service said no (a 4xx other than 401 and 429)
  failed,      // no usable answer after the retries; the next run sends it again
  changed,     // the body differs from the one planned earlier; not sent (batch_create.hpp)
  not_started  // the batch stopped before taking the row
};

BOOST_DESCRIBE_ENUM(row_status, created, invalid, refused, failed, changed, not_started)

inline constexpr std::string_view to_string(row_status status) noexcept {
  return enum_name(status, "unknown");
}

// What became of one row. Holds no password and no token.
struct row_outcome {
  std::string key;
  row_status status = row_status::not_started;
  bool earlier = false;               // settled by an earlier run (read from the journal)
  std::string request_id;             // the MS-RequestId it was planned with; "" when never planned
  std::string customer_id;            // created
  std::string tenant_id;              // created
  std::string credentials;            // created in this run: where the sink stored them
  std::vector<violation> violations;  // invalid (changed: when the new body is invalid)
  int http_status = 0;                // refused, failed: the last answer's status, 0 when none came
  std::string service_code;           // refused: the service's error code
  std::string message;                // refused, failed, changed: one line for people
};

struct batch_counts {
  std::size_t total = 0;    // rows in the batch
  std::size_t done = 0;     // rows with an outcome so far (every status but not_started)
  std::size_t earlier = 0;  // of those, settled by an earlier run
  std::size_t created = 0;
  std::size_t invalid = 0;
  std::size_t refused = 0;
  std::size_t failed = 0;
  std::size_t changed = 0;
};

// Given to batch_options::on_progress after each row's outcome (earlier rows first, before any
// request), one call at a time.
struct batch_progress {
  const batch_counts& counts;
  const row_outcome& row;
};

enum class batch_error_kind : std::uint8_t {
  rows,            // the input: an empty or repeated row key (nothing was done)
  journal,         // the journal could not be written
  credentials,     // the sink could not store a created customer's credentials
  authentication,  // no token, or the service refused it (401)
  request,         // the client refused to build a request (base URL, locale, ...)
  internal         // an exception in a worker
};

BOOST_DESCRIBE_ENUM(batch_error_kind, rows, journal, credentials, authentication, request, internal)

inline constexpr std::string_view to_string(batch_error_kind kind) noexcept {
  return enum_name(kind, "unknown");
}

struct batch_error {
  batch_error_kind kind = batch_error_kind::internal;
  std::string message;

  [[nodiscard]] std::string summary() const {
    return std::string(to_string(kind)) + ": " + message;
  }
};

// boost::system::result::value() on an error calls this (found by argument-dependent lookup).
[[noreturn]] inline void throw_exception_from_error(const batch_error& e,
                                                    const boost::source_location& where) {
  boost::throw_exception(std::runtime_error(e.summary()), where);
}

struct batch_summary {
  batch_counts counts;
  std::vector<row_outcome> rows;  // one per input row, in input order
  // The last record of each row the journal knows and the input does not (an edited input, or
  // the journal of another one). A `planned` or `failed` one may have made a customer.
  std::vector<journal_record> unknown_rows;
  std::string correlation_id;        // the MS-CorrelationId every request of this run carried
  bool stopped = false;              // the stop flag ended the run before every row was taken
  std::optional<batch_error> error;  // what ended the run early

  // Every row is a customer, made now or earlier.
  [[nodiscard]] bool all_created() const noexcept { return counts.created == counts.total; }
};

}  // namespace partner_center::rest
