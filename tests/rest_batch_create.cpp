// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/batch_create.hpp>

#include "support/batch_fixtures.hpp"
#include "support/fake_partner_center.hpp"
#include "support/transport_fixtures.hpp"

#include <partner_center/transports/curl_transport.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace rest_batch_create_test {

using namespace partner_center;
using namespace partner_center::rest;
using namespace std::chrono_literals;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::StartsWith;
using transports::curl_transport;
namespace fs = std::filesystem;

namespace {

// A password sent in a row: invalid (the service makes the password), and never written anywhere.
constexpr const char* input_password = "Sentinel-Input-Password-7f3a";

std::string domain_of(std::size_t n) {
  return "contoso" + std::to_string(n) + ".onmicrosoft.com";
}

// `count` rows keyed "LINE:DOMAIN". Every tenth row (line 10, 20, ...) has no email, and line 15
// carries a password: those are invalid.
std::vector<batch_row> make_rows(std::size_t count) {
  std::vector<batch_row> rows;
  for (std::size_t line = 1; line <= count; ++line) {
    batch_row row;
    row.key = std::to_string(line) + ":" + domain_of(line);
    row.customer = test::customer_numbered(line);
    if (line % 10 == 0)
      row.customer.billingProfile->email.reset();
    if (line == 15)
      row.customer.userCredentials = model::UserCredentials{"admin", input_password};
    rows.push_back(std::move(row));
  }
  return rows;
}

bool is_invalid_line(std::size_t line) {
  return line % 10 == 0 || line == 15;
}

batch_options fast_options(const test::fake_partner_center& server) {
  batch_options o;
  o.client = test::fast_retry_options(server);
  o.create.reseller_id = test::reseller_id;
  o.concurrency = 8;
  o.limiter.per_minute = 0;
  o.limiter.max_pause = 2ms;  // the fake asks for 1 s; the tests do not wait it
  o.limiter.pause_without_retry_after = 1ms;
  return o;
}

auto curl_factory(std::chrono::milliseconds timeout = 2000ms) {
  return [timeout] {
    return curl_transport{{.timeout = timeout}};
  };
}

std::vector<std::string> journal_lines(const fs::path& path) {
  std::vector<std::string> lines;
  const std::string text = test::read_text_file(path);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::size_t count_of(const std::vector<std::string>& haystack, std::string_view needle) {
  return static_cast<std::size_t>(
      std::count_if(haystack.begin(), haystack.end(),
                    [&](const std::string& s) { return s.find(needle) != std::string::npos; }));
}

}  // namespace

TEST_CASE("batch: 1,000 rows at concurrency 8 through faults, one customer per valid row",
          "[batch]") {
  test::temp_directory scratch;
  const auto journal_path = scratch / "batch.journal";
  const auto credentials_dir = scratch / "credentials";
  test::fake_partner_center server(
      {.slow_delay = 400ms,
       .random_fault_probability = 0.15,
       .random_kinds = {test::fault::throttle, test::fault::unavailable, test::fault::drop_after,
                        test::fault::slow},
       .seed = 4242});
  const std::size_t count = 1000;
  const std::vector<batch_row> rows = make_rows(count);
  std::size_t invalid_rows = 0;
  for (std::size_t line = 1; line <= count; ++line)
    invalid_rows += is_invalid_line(line) ? 1 : 0;
  const std::size_t valid_rows = count - invalid_rows;

  batch_options options = fast_options(server);
  std::size_t progress_calls = 0;
  std::size_t last_done = 0;
  bool progress_in_order = true;
  options.on_progress = [&](const batch_progress& p) {
    ++progress_calls;
    progress_in_order = progress_in_order && p.counts.done == last_done + 1;
    last_done = p.counts.done;
  };
  batch_summary summary;
  {
    auto journal = file_journal::open(journal_path);
    REQUIRE(journal.has_value());
    auto sink = credentials_directory::open(credentials_dir);
    REQUIRE(sink.has_value());
    // 250 ms: a slow answer (400 ms) times out, and the retry finds the customer made.
    auto ran = create_customers(rows, *journal, *sink, curl_factory(250ms), options);
    REQUIRE(ran.has_value());
    summary = std::move(*ran);
  }
  INFO((summary.error ? summary.error->summary() : std::string("no error")));
  CHECK_FALSE(summary.error);
  CHECK(summary.counts.total == count);
  CHECK(summary.counts.done == count);
  CHECK(summary.counts.created == valid_rows);
  CHECK(summary.counts.invalid == invalid_rows);
  CHECK(summary.counts.refused == 0);
  CHECK(summary.counts.failed == 0);
  CHECK(summary.counts.earlier == 0);
  CHECK(progress_calls == count);
  CHECK(progress_in_order);

  // The faults happened, and lost answers were found again by their request id.
  const auto stats = server.statistics();
  CHECK(stats.faults.at(test::fault::throttle) > 0);
  CHECK(stats.faults.at(test::fault::unavailable) > 0);
  CHECK(stats.faults.at(test::fault::drop_after) > 0);
  CHECK(stats.faults.at(test::fault::slow) > 0);
  CHECK(stats.deduplicated >= stats.faults.at(test::fault::drop_after));
  CHECK(server.header_problems().empty());

  // Exactly one customer per valid row, none for an invalid one, and invalid rows never sent.
  CHECK(server.customer_count() == valid_rows);
  std::map<std::string, std::string> password_of;  // domain -> password
  for (const auto& c : server.customers())
    password_of[*c.companyProfile->domain] = *c.userCredentials->password;
  CHECK(password_of.size() == valid_rows);
  const std::vector<std::string> bodies = server.create_bodies();
  for (std::size_t line = 1; line <= count; ++line) {
    INFO("line " << line);
    if (is_invalid_line(line)) {
      CHECK(password_of.count(domain_of(line)) == 0);
      CHECK(count_of(bodies, "\"" + domain_of(line) + "\"") == 0);
      CHECK(summary.rows[line - 1].status == row_status::invalid);
    } else {
      CHECK(password_of.count(domain_of(line)) == 1);
      CHECK(summary.rows[line - 1].status == row_status::created);
    }
  }

  // Every request of a row carried the id the row was planned with: one id per created row.
  std::set<std::string> planned_ids;
  for (const row_outcome& r : summary.rows) {
    if (r.status == row_status::created)
      planned_ids.insert(r.request_id);
  }
  CHECK(planned_ids.size() == valid_rows);
  const auto sent_ids = server.request_ids();
  CHECK(std::set<std::string>(sent_ids.begin(), sent_ids.end()) == planned_ids);

  // Every password is in its credentials file, and nowhere else.
  const std::string journal_text = test::read_text_file(journal_path);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(credentials_dir)) {
    ++files;
    CHECK((fs::status(entry).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
  }
  CHECK(files == valid_rows);
  for (const auto& [domain, password] : password_of) {
    INFO(domain);
    CHECK(test::read_text_file(credentials_dir / (domain + ".json")) ==
          R"({"userName":"admin","password":")" + password + "\"}\n");
    CHECK(journal_text.find(password) == std::string::npos);
  }
  CHECK(journal_text.find(input_password) == std::string::npos);
  std::string messages;
  for (const row_outcome& r : summary.rows)
    messages += r.message + r.credentials + '\n';
  for (const auto& [domain, password] : password_of)
    CHECK(messages.find(password) == std::string::npos);

  // The journal: one planned and one created record per valid row, one invalid per invalid row.
  const auto lines = journal_lines(journal_path);
  CHECK(count_of(lines, R"("state":"planned")") == valid_rows);
  CHECK(count_of(lines, R"("state":"created")") == valid_rows);
  CHECK(count_of(lines, R"("state":"invalid")") == invalid_rows);
  CHECK(lines.size() == 2 * valid_rows + invalid_rows);

  SECTION("the same run again sends nothing: every row is settled") {
    const std::size_t requests_before = server.statistics().requests;
    auto journal = file_journal::open(journal_path);
    REQUIRE(journal.has_value());
    auto sink = credentials_directory::open(credentials_dir);
    REQUIRE(sink.has_value());
    auto again = create_customers(rows, *journal, *sink, curl_factory(), fast_options(server));
    REQUIRE(again.has_value());
    CHECK(again->counts.created == valid_rows);
    CHECK(again->counts.invalid == invalid_rows);
    CHECK(again->counts.earlier == count);
    CHECK(server.statistics().requests == requests_before);
    CHECK(journal_lines(journal_path).size() == lines.size());
  }
}

TEST_CASE("batch: resumed after a crash, rows planned before it are deduplicated", "[batch]") {
  test::temp_directory scratch;
  const auto journal_path = scratch / "batch.journal";
  const auto credentials_dir = scratch / "credentials";
  test::fake_partner_center server;
  const std::vector<batch_row> rows = make_rows(40);

  // The crashed run: it planned rows 1..30 and sent rows 1..20, whose customers the service made;
  // it stored the credentials of row 1 but died before journalling it, and it died in the middle
  // of writing the record of row 31.
  std::string crashed;
  std::map<std::size_t, std::string> planned_id;
  {
    rest::client sender{curl_transport{}, test::fast_retry_options(server)};
    create_options create;
    create.reseller_id = test::reseller_id;
    for (std::size_t line = 1; line <= 30; ++line) {
      if (is_invalid_line(line))
        continue;
      const auto body = create_request_body(rows[line - 1].customer, create);
      REQUIRE(body.has_value());
      journal_record plan;
      plan.state = journal_state::planned;
      plan.row = rows[line - 1].key;
      plan.request_id = new_guid();
      plan.body_sha256 = rest::detail::sha256_hex(body->json);
      planned_id[line] = plan.request_id;
      crashed += journal_line(plan);
      if (line <= 20) {
        const auto made = sender.create_customer(*body, call_ids{plan.request_id, {}});
        REQUIRE(made.has_value());
        if (line == 1) {
          auto sink = credentials_directory::open(credentials_dir);
          REQUIRE(sink.has_value());
          REQUIRE(
              sink->store({plan.row, domain_of(1), *made->id, *made->userCredentials}).has_value());
        }
      }
    }
    journal_record torn;
    torn.state = journal_state::planned;
    torn.row = rows[30].key;
    torn.request_id = new_guid();
    torn.body_sha256 = std::string(64, '0');
    crashed += journal_line(torn).substr(0, 40);  // no newline: cut short by the crash
  }
  test::write_text_file(journal_path, crashed);
  const std::size_t made_before = server.customer_count();
  REQUIRE(made_before == 17);  // lines 1..20 but 10, 15 and 20

  auto journal = file_journal::open(journal_path);
  REQUIRE(journal.has_value());
  CHECK(journal->torn_bytes() == 40);
  auto sink = credentials_directory::open(credentials_dir);
  REQUIRE(sink.has_value());
  auto ran = create_customers(rows, *journal, *sink, curl_factory(), fast_options(server));
  REQUIRE(ran.has_value());
  CHECK_FALSE(ran->error);
  std::size_t valid_rows = 0;
  for (std::size_t line = 1; line <= 40; ++line)
    valid_rows += is_invalid_line(line) ? 0 : 1;
  CHECK(ran->counts.created == valid_rows);
  CHECK(server.customer_count() == valid_rows);  // one customer per row, none twice
  CHECK(server.statistics().deduplicated == made_before);
  for (const auto& [line, id] : planned_id) {
    INFO("line " << line);
    CHECK(ran->rows[line - 1].request_id == id);  // sent again under the id it was planned with
  }
  for (const auto& c : server.customers()) {
    CHECK(test::read_text_file(credentials_dir / (*c.companyProfile->domain + ".json")) ==
          R"({"userName":"admin","password":")" + *c.userCredentials->password + "\"}\n");
  }
}

TEST_CASE("batch: the journal names rows the input does not have, and rows edited since",
          "[batch]") {
  test::temp_directory scratch;
  const auto journal_path = scratch / "batch.journal";
  test::fake_partner_center server;
  std::vector<batch_row> rows = make_rows(5);
  const std::string edited_id = new_guid();
  const std::string unknown_id = new_guid();
  {
    create_options create;
    create.reseller_id = test::reseller_id;
    const auto body = create_request_body(rows[1].customer, create);
    REQUIRE(body.has_value());
    journal_record edited;
    edited.state = journal_state::planned;
    edited.row = rows[1].key;
    edited.request_id = edited_id;
    edited.body_sha256 = rest::detail::sha256_hex(body->json);
    journal_record unknown = edited;
    unknown.row = "99:gone.onmicrosoft.com";
    unknown.request_id = unknown_id;
    test::write_text_file(journal_path, journal_line(unknown) + journal_line(edited));
  }
  rows[1].customer.billingProfile->companyName = "Renamed after planning";

  auto journal = file_journal::open(journal_path);
  REQUIRE(journal.has_value());
  test::temp_directory credentials;
  auto sink = credentials_directory::open(credentials.path());
  REQUIRE(sink.has_value());
  auto ran = create_customers(rows, *journal, *sink, curl_factory(), fast_options(server));
  REQUIRE(ran.has_value());

  REQUIRE(ran->unknown_rows.size() == 1);
  CHECK(ran->unknown_rows[0].row == "99:gone.onmicrosoft.com");
  CHECK(ran->unknown_rows[0].state == journal_state::planned);
  CHECK(ran->unknown_rows[0].request_id == unknown_id);

  const row_outcome& changed = ran->rows[1];
  CHECK(changed.status == row_status::changed);
  CHECK(changed.request_id == edited_id);
  CHECK_THAT(changed.message,
             StartsWith("the body changed since the row was planned with request id " + edited_id));
  CHECK(ran->counts.changed == 1);
  CHECK(ran->counts.created == 4);
  // Not sent, under the old id or a new one.
  const auto ids = server.request_ids();
  CHECK(std::find(ids.begin(), ids.end(), edited_id) == ids.end());
  CHECK(count_of(server.create_bodies(), domain_of(2)) == 0);
  CHECK(server.customer_count() == 4);
  // Nothing journalled for it: the next run reports it the same way.
  CHECK(count_of(journal_lines(journal_path), rows[1].key) == 1);
}

TEST_CASE("batch: a 429 with Retry-After: 2 stops every worker for 2 s", "[batch]") {
  test::fake_partner_center server({.throttle_retry_after = 2});
  server.push_faults({test::fault::throttle});
  // Time that runs ten times as fast as the real one: the 2 s pause takes 200 ms.
  struct fast_clock {
    std::chrono::steady_clock::time_point real_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point now() const {
      return test::virtual_clock::start + (std::chrono::steady_clock::now() - real_start) * 10;
    }
    void sleep_until(std::chrono::steady_clock::time_point t) const {
      if (t > now())
        std::this_thread::sleep_for((t - now()) / 10);
    }
    std::chrono::milliseconds elapsed() const {
      return std::chrono::duration_cast<std::chrono::milliseconds>(now() -
                                                                   test::virtual_clock::start);
    }
  } clock;
  batch_options options;
  options.client = test::fast_retry_options(server);
  options.client.retry.max_retry_after = 120s;
  options.client.sleep = [](std::chrono::milliseconds) {
  };  // the limiter does the waiting
  options.create.reseller_id = test::reseller_id;
  options.concurrency = 8;
  options.limiter.per_minute = 0;
  options.limiter.now = [&clock] {
    return clock.now();
  };
  options.limiter.sleep_until = [&clock](auto t) {
    clock.sleep_until(t);
  };
  std::vector<std::chrono::milliseconds> pauses;
  options.limiter.on_pause = [&](std::chrono::milliseconds length) {
    pauses.push_back(length);
  };

  std::mutex mutex;
  std::vector<std::chrono::milliseconds> sent_at;  // when each request left, on that clock
  std::chrono::milliseconds throttled_at{-1};      // when the 429 came back
  auto recording = [&] {
    return [&, inner = curl_transport{}](const http_request& r) mutable {
      {
        std::lock_guard lock(mutex);
        sent_at.push_back(clock.elapsed());
      }
      auto answer = inner(r);
      if (answer && answer->status == 429) {
        std::lock_guard lock(mutex);
        throttled_at = clock.elapsed();
      }
      return answer;
    };
  };
  test::temp_directory scratch;
  auto journal = file_journal::open(scratch / "j");
  REQUIRE(journal.has_value());
  auto sink = credentials_directory::open(scratch / "c");
  REQUIRE(sink.has_value());
  const std::vector<batch_row> rows = make_rows(64);
  auto ran = create_customers(rows, *journal, *sink, recording, options);
  REQUIRE(ran.has_value());
  CHECK_FALSE(ran->error);
  CHECK(server.customer_count() == ran->counts.created);
  CHECK(ran->counts.created == 64 - 7);  // lines 10, 15, 20, ..., 60 are invalid

  CHECK(pauses == std::vector<std::chrono::milliseconds>{2s});
  REQUIRE(throttled_at >= 0ms);
  CHECK(sent_at.size() == ran->counts.created + 1);  // and the throttled one's retry
  // Once the 429 is back, nobody sends for 2 s: a request stamped inside the pause can only be
  // one that had passed the limiter already, at most one per other worker.
  const auto during = std::count_if(sent_at.begin(), sent_at.end(), [&](auto t) {
    return t >= throttled_at && t < throttled_at + 2s;
  });
  CHECK(during <= 7);
  CHECK(*std::max_element(sent_at.begin(), sent_at.end()) >= throttled_at + 2s);
}

TEST_CASE("batch: the stop flag ends the run between rows; the next run finishes it", "[batch]") {
  test::temp_directory scratch;
  test::fake_partner_center server;
  const std::vector<batch_row> rows = make_rows(60);
  std::atomic<bool> stop{false};
  batch_options options = fast_options(server);
  options.concurrency = 4;
  options.stop = &stop;
  options.on_progress = [&](const batch_progress& p) {
    if (p.counts.done == 10)
      stop = true;  // as the signal handler does
  };
  {
    auto journal = file_journal::open(scratch / "j");
    REQUIRE(journal.has_value());
    auto sink = credentials_directory::open(scratch / "c");
    REQUIRE(sink.has_value());
    auto ran = create_customers(rows, *journal, *sink, curl_factory(), options);
    REQUIRE(ran.has_value());
    CHECK(ran->stopped);
    CHECK_FALSE(ran->error);
    CHECK(ran->counts.done >= 10);
    CHECK(ran->counts.done <= 10 + 4);  // the rows in flight when it stopped
    for (const row_outcome& r : ran->rows) {
      if (r.status == row_status::not_started)
        CHECK(count_of(server.create_bodies(), "\"" + r.key.substr(r.key.find(':') + 1)) == 0);
    }
  }
  stop = false;
  options.on_progress = {};
  auto journal = file_journal::open(scratch / "j");
  REQUIRE(journal.has_value());
  auto sink = credentials_directory::open(scratch / "c");
  REQUIRE(sink.has_value());
  auto ran = create_customers(rows, *journal, *sink, curl_factory(), options);
  REQUIRE(ran.has_value());
  CHECK_FALSE(ran->stopped);
  CHECK(ran->counts.done == 60);
  CHECK(ran->counts.created + ran->counts.invalid == 60);
  CHECK(server.customer_count() == ran->counts.created);
}

TEST_CASE("batch: refusals are journalled and not sent again; 401 stops the run", "[batch]") {
  test::temp_directory scratch;
  const std::vector<batch_row> rows = make_rows(4);

  SECTION("a taken domain: refused, then skipped, then tried with a new id on request") {
    test::fake_partner_center server;
    server.take_domain(domain_of(3));
    std::string first_id;
    {
      auto journal = file_journal::open(scratch / "j");
      auto sink = credentials_directory::open(scratch / "c");
      auto ran = create_customers(rows, *journal, *sink, curl_factory(), fast_options(server));
      REQUIRE(ran.has_value());
      const row_outcome& r = ran->rows[2];
      CHECK(r.status == row_status::refused);
      CHECK(r.http_status == 409);
      CHECK(r.service_code == "409");
      CHECK_THAT(r.message, ContainsSubstring("The domain already exists"));
      first_id = r.request_id;
      CHECK(ran->counts.created == 3);
    }
    const std::size_t requests = server.statistics().requests;
    {
      auto journal = file_journal::open(scratch / "j");
      auto sink = credentials_directory::open(scratch / "c");
      auto ran = create_customers(rows, *journal, *sink, curl_factory(), fast_options(server));
      REQUIRE(ran.has_value());
      CHECK(ran->rows[2].status == row_status::refused);
      CHECK(ran->rows[2].earlier);
      CHECK(server.statistics().requests == requests);
    }
    batch_options retry = fast_options(server);
    retry.retry_refused = true;
    auto journal = file_journal::open(scratch / "j");
    auto sink = credentials_directory::open(scratch / "c");
    auto ran = create_customers(rows, *journal, *sink, curl_factory(), retry);
    REQUIRE(ran.has_value());
    CHECK(ran->rows[2].status == row_status::refused);
    CHECK_FALSE(ran->rows[2].earlier);
    CHECK(ran->rows[2].request_id != first_id);
    CHECK(server.statistics().requests == requests + 1);
  }
  SECTION("a token the service refuses: the run stops, the row stays planned") {
    test::fake_partner_center server;
    batch_options options = fast_options(server);
    options.client.context.token = static_token("not-the-service-token");
    options.concurrency = 1;
    {
      auto journal = file_journal::open(scratch / "j");
      auto sink = credentials_directory::open(scratch / "c");
      auto ran = create_customers(rows, *journal, *sink, curl_factory(), options);
      REQUIRE(ran.has_value());
      REQUIRE(ran->error);
      CHECK(ran->error->kind == batch_error_kind::authentication);
      CHECK(ran->rows[0].status == row_status::failed);
      CHECK(ran->rows[1].status == row_status::not_started);
      CHECK_FALSE(ran->stopped);
    }
    const auto lines = journal_lines(scratch / "j");
    REQUIRE(lines.size() == 1);
    CHECK_THAT(lines[0], StartsWith(R"({"state":"planned")"));
  }
}

TEST_CASE("batch: planned is on disk before the first request, credentials before created",
          "[batch]") {
  test::temp_directory scratch;
  const auto journal_path = scratch / "j";
  test::fake_partner_center server({.random_fault_probability = 0.3, .seed = 99});
  std::mutex mutex;
  std::vector<std::string> problems;
  auto factory = [&] {
    return [&, inner = curl_transport{}](const http_request& r) mutable {
      const std::string id(r.headers.value_or("MS-RequestId"));
      if (test::read_text_file(journal_path).find(id) == std::string::npos) {
        std::lock_guard lock(mutex);
        problems.push_back("request " + id + " sent before its planned record");
      }
      return inner(r);
    };
  };
  struct checking_sink final : credentials_sink {
    credentials_sink& inner;
    fs::path journal;
    std::mutex& mutex;
    std::vector<std::string>& problems;
    checking_sink(credentials_sink& i, fs::path j, std::mutex& m, std::vector<std::string>& p)
        : inner(i)
        , journal(std::move(j))
        , mutex(m)
        , problems(p) {}
    boost::system::result<std::string> store(const created_credentials& c) override {
      const std::string created = R"({"state":"created","row":")" + std::string(c.row) + '"';
      if (test::read_text_file(journal).find(created) != std::string::npos) {
        std::lock_guard lock(mutex);
        problems.push_back("row " + std::string(c.row) + " journalled created before stored");
      }
      return inner.store(c);
    }
  };
  auto journal = file_journal::open(journal_path);
  REQUIRE(journal.has_value());
  auto directory = credentials_directory::open(scratch / "c");
  REQUIRE(directory.has_value());
  checking_sink sink(*directory, journal_path, mutex, problems);
  const std::vector<batch_row> rows = make_rows(50);
  auto ran = create_customers(rows, *journal, sink, factory, fast_options(server));
  REQUIRE(ran.has_value());
  CHECK(ran->counts.created == 50 - 6);
  CHECK(problems.empty());
  for (const auto& p : problems)
    UNSCOPED_INFO(p);
}

TEST_CASE("batch: row keys must be present and unique", "[batch]") {
  test::temp_directory scratch;
  test::fake_partner_center server;
  std::vector<batch_row> rows = make_rows(3);
  rows[2].key = rows[0].key;
  auto journal = file_journal::open(scratch / "j");
  auto sink = credentials_directory::open(scratch / "c");
  auto ran = create_customers(rows, *journal, *sink, curl_factory(), fast_options(server));
  REQUIRE_FALSE(ran.has_value());
  CHECK(ran.error().summary() ==
        "rows: rows 1 and 3 have the same key \"1:contoso1.onmicrosoft.com\"");
  CHECK(server.statistics().requests == 0);
}

}  // namespace rest_batch_create_test
