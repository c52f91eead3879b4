// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/batch_summary.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers.hpp>

#include <boost/system/result.hpp>

#include <stdexcept>

namespace rest_batch_summary_test {

using namespace partner_center::rest;

// pc-customer prints each row's status by this name in its JSON lines (send --ndjson).
TEST_CASE("batch: row statuses and error kinds print as their names", "[batch]") {
  CHECK(to_string(row_status::created) == "created");
  CHECK(to_string(row_status::not_started) == "not_started");
  CHECK(to_string(batch_error_kind::authentication) == "authentication");
  CHECK(to_string(static_cast<row_status>(200)) == "unknown");
}

TEST_CASE("batch: an error says its kind first, and value() throws it", "[batch]") {
  const batch_error error{batch_error_kind::journal, "disk full"};
  CHECK(error.summary() == "journal: disk full");
  const boost::system::result<int, batch_error> failed = error;
  CHECK_THROWS_AS(failed.value(), std::runtime_error);
  CHECK_THROWS_WITH(failed.value(), "journal: disk full");
}

TEST_CASE("batch: all_created means every row is a customer; an empty batch is", "[batch]") {
  batch_summary summary;
  CHECK(summary.all_created());  // no rows
  summary.counts.total = 2;
  summary.counts.created = 1;
  CHECK_FALSE(summary.all_created());
  summary.counts.created = 2;
  CHECK(summary.all_created());
}

}  // namespace rest_batch_summary_test
