// pc-customer send --ndjson end to end against the loopback fake Partner Center with injected
// faults: every valid row becomes exactly one customer, invalid rows never reach the service,
// every password lands in its credentials file and nowhere else, and a run killed at any moment
// is finished by running the same command again.

#include "support/command_line.hpp"
#include "support/documents.hpp"
#include "support/fake_partner_center.hpp"

#include <partner_center/core/encode.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>

namespace cli_batch_test {

namespace {

namespace pc = partner_center;
namespace test = partner_center::test;
namespace fs = std::filesystem;

constexpr const char* token = "cli-batch-token-81c4";
const std::string token_variable = std::string("PARTNER_CENTER_TOKEN=") + token;

std::string tool() {
  const std::string path = test::pc_customer_path();
  REQUIRE_FALSE(path.empty());
  return path;
}

std::string domain_of(std::size_t i) {
  return "batch" + std::to_string(i) + ".onmicrosoft.com";
}

// `count` rows, each its own domain; the rows whose index is in `invalid` have a broken email.
std::string rows_text(std::size_t count, const std::set<std::size_t>& invalid) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    pc::model::Customer c = test::documented_customer();
    c.companyProfile->domain = domain_of(i);
    if (invalid.count(i) != 0)
      c.billingProfile->email = "not an email address";
    text += pc::encode(c) + "\n";
  }
  return text;
}

struct batch_files {
  test::temp_directory dir;
  std::string rows;
  std::string journal = (dir.path() / "batch.journal").string();
  std::string credentials = (dir.path() / "credentials").string();

  std::vector<std::string> arguments(const std::string& base_url) const {
    return {"send",      "--ndjson",   rows,     "--journal",     journal, "--credentials-dir",
            credentials, "--base-url", base_url, "--concurrency", "8",     "--rate",
            "60000"};
  }
};

// What must hold once a batch is finished: one customer per valid row, none for an invalid one,
// each password in a 0600 file of its own and in no output or journal.
void check_finished(const test::fake_partner_center& server, const batch_files& files,
                    std::size_t rows, const std::set<std::size_t>& invalid,
                    const std::string& all_output) {
  const auto customers = server.customers();
  CHECK(customers.size() == rows - invalid.size());
  std::set<std::string> domains;
  for (const auto& c : customers)
    domains.insert(*c.companyProfile->domain);
  CHECK(domains.size() == customers.size());  // no domain twice
  for (std::size_t i : invalid)
    CHECK(domains.count(domain_of(i)) == 0);
  const std::string journal = test::read_text_file(files.journal);
  for (const auto& c : customers) {
    const std::string password = *c.userCredentials->password;
    const fs::path file = fs::path(files.credentials) / (*c.companyProfile->domain + ".json");
    CAPTURE(file);
    REQUIRE(fs::exists(file));
    CHECK(test::read_text_file(file).find(password) != std::string::npos);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(journal.find(password) == std::string::npos);
    CHECK(all_output.find(password) == std::string::npos);
  }
  CHECK(journal.find(token) == std::string::npos);
  CHECK(all_output.find(token) == std::string::npos);
}

// Runs the same command until it no longer asks to be run again (exit 2 for failed rows), at
// most `tries` times; returns the last result.
test::run_result run_to_the_end(const batch_files& files, const std::string& base_url,
                                std::string& all_output, int tries = 6) {
  test::run_result r;
  for (int i = 0; i < tries; ++i) {
    r = test::run(tool(), files.arguments(base_url), {token_variable});
    all_output += r.out + r.err;
    if (r.status != 2)
      break;
  }
  return r;
}

}  // namespace

TEST_CASE("send --ndjson: 300 rows with 15% faults, killed after 2 s, then finished",
          "[cli][batch]") {
  test::fake_options options{.token = token};
  options.slow_delay = std::chrono::milliseconds(300);
  options.random_fault_probability = 0.15;
  options.random_kinds = {test::fault::throttle,    test::fault::unavailable,
                          test::fault::drop_before, test::fault::drop_after,
                          test::fault::slow,        test::fault::malformed};
  test::fake_partner_center server(options);
  const std::size_t rows = 300;
  const std::set<std::size_t> invalid{3, 50, 51, 120, 299};
  batch_files files;
  files.rows = files.dir.write("rows.ndjson", rows_text(rows, invalid));

  std::string all_output;
  {
    test::child_process first(tool(), files.arguments(server.base_url()), {token_variable});
    std::this_thread::sleep_for(std::chrono::seconds(2));
    ::kill(first.pid(), SIGKILL);
    const auto killed = first.wait();
    all_output += killed.out + killed.err;
  }
  const auto last = run_to_the_end(files, server.base_url(), all_output);
  CAPTURE(last.err);
  CHECK(last.status == 1);  // the invalid rows
  check_finished(server, files, rows, invalid, all_output);

  // The outcome lines of the last run: one per row, in input order.
  std::size_t lines = 0;
  for (const char ch : last.out)
    lines += ch == '\n' ? 1 : 0;
  CHECK(lines == rows);
  CHECK(last.out.starts_with(
      "{\"line\":1,\"domain\":\"batch0.onmicrosoft.com\",\"outcome\":\"created\""));
  CHECK(
      last.out.find("{\"line\":4,\"domain\":\"batch3.onmicrosoft.com\",\"outcome\":\"invalid\"") !=
      std::string::npos);

  // Once finished, the same command sends nothing more.
  const std::size_t requests = server.request_ids().size();
  const auto again = test::run(tool(), files.arguments(server.base_url()), {token_variable});
  CHECK(again.status == 1);
  CHECK(server.request_ids().size() == requests);
}

TEST_CASE("send --ndjson: killed at 20 different moments, still one customer per row",
          "[cli][batch][crash]") {
  test::fake_options options{.token = token};
  options.slow_delay = std::chrono::milliseconds(100);
  options.random_fault_probability = 0.1;
  options.random_kinds = {test::fault::unavailable, test::fault::drop_after, test::fault::slow};
  test::fake_partner_center server(options);
  const std::size_t rows = 80;
  const std::set<std::size_t> invalid{7, 40};
  batch_files files;
  files.rows = files.dir.write("rows.ndjson", rows_text(rows, invalid));

  std::string all_output;
  for (int round = 0; round < 20; ++round) {
    test::child_process child(tool(), files.arguments(server.base_url()), {token_variable});
    // From the first milliseconds (opening the journal) to well into the sending.
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + 37 * round));
    ::kill(child.pid(), SIGKILL);
    const auto killed = child.wait();
    all_output += killed.out + killed.err;
  }
  const auto last = run_to_the_end(files, server.base_url(), all_output);
  CAPTURE(last.err);
  CHECK(last.status == 1);
  check_finished(server, files, rows, invalid, all_output);
}

TEST_CASE("send --ndjson: what is refused before anything is sent", "[cli][batch]") {
  test::fake_partner_center server({.token = token});
  batch_files files;
  files.rows = files.dir.write("rows.ndjson", rows_text(3, {}));
  SECTION("no journal") {
    const auto r = test::run(tool(),
                             {"send", "--ndjson", files.rows, "--credentials-dir",
                              files.credentials, "--base-url", server.base_url()},
                             {token_variable});
    CHECK(r.status == 2);
    CHECK(r.err.starts_with(
        "pc-customer send: --journal is required: it is what makes a re-run safe\n"));
  }
  SECTION("no credentials directory") {
    const auto r = test::run(tool(),
                             {"send", "--ndjson", files.rows, "--journal", files.journal,
                              "--base-url", server.base_url()},
                             {token_variable});
    CHECK(r.status == 2);
  }
  SECTION("a credentials directory whose parent does not exist") {
    const auto r =
        test::run(tool(),
                  {"send", "--ndjson", files.rows, "--journal", files.journal, "--credentials-dir",
                   "/nonexistent/credentials", "--base-url", server.base_url()},
                  {token_variable});
    CHECK(r.status == 2);
    CHECK(r.err.find("credentials directory /nonexistent/credentials") != std::string::npos);
  }
  SECTION("a corrupt journal") {
    (void)files.dir.write("batch.journal", "{\"not\":\"a record\"}\n{\"state\":\"planned\"}\n");
    const auto r = test::run(tool(), files.arguments(server.base_url()), {token_variable});
    CHECK(r.status == 2);
    CHECK(r.err ==
          "pc-customer send: journal " + files.journal + ": line 1: no \"state\" string\n");
  }
  CHECK(server.request_ids().empty());
}

TEST_CASE(
    "send --ndjson: SIGINT stops taking rows, journals those in flight, and a re-run finishes",
    "[cli][batch]") {
  test::fake_options options{.token = token};
  options.slow_delay = std::chrono::milliseconds(200);
  options.random_fault_probability = 1.0;  // every create answers slowly
  options.random_kinds = {test::fault::slow};
  test::fake_partner_center server(options);
  const std::size_t rows = 60;
  batch_files files;
  files.rows = files.dir.write("rows.ndjson", rows_text(rows, {}));

  std::string all_output;
  test::child_process child(tool(), files.arguments(server.base_url()), {token_variable});
  for (int i = 0; i < 500 && server.customer_count() < 8; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ::kill(child.pid(), SIGINT);
  const auto interrupted = child.wait();
  all_output += interrupted.out + interrupted.err;
  CAPTURE(interrupted.err);
  CHECK(interrupted.status == 2);
  CHECK(interrupted.err.find("interrupted; run the same command again to finish") !=
        std::string::npos);
  // Rows in flight were finished, not abandoned: every customer made so far is journalled.
  const std::string journal = test::read_text_file(files.journal);
  for (const auto& c : server.customers())
    CHECK(journal.find("\"customerId\":\"" + *c.id + "\"") != std::string::npos);
  CHECK(server.customer_count() < rows);

  const auto last = run_to_the_end(files, server.base_url(), all_output);
  CHECK(last.status == 0);
  check_finished(server, files, rows, {}, all_output);
}

}  // namespace cli_batch_test
