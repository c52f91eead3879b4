// The fault catalogue, end to end over loopback through libcurl: a refused connection, a reset
// in the middle of the body, a read timeout, truncated JSON, a 200 with an HTML page, and
// Retry-After as an HTTP-date and absurdly large. Each ends in a structured failure or a bounded
// retry, and a create is never made twice: every attempt of one create carries the same
// MS-RequestId, and the fake service deduplicates by it.
//
// The fake Partner Center (support/fake_partner_center.hpp) plays the service; faults below HTTP
// that it cannot script (a reset mid-body, exact header bytes) come from raw_loopback_server.

#include "support/documents.hpp"
#include "support/fake_partner_center.hpp"
#include "support/loopback_socket.hpp"
#include "support/transport_fixtures.hpp"

#include <partner_center/core/encode.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/transports/curl_transport.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace faults_test {

namespace {

using partner_center::test::wait_readable;

namespace pc = partner_center;
namespace rest = partner_center::rest;
using Catch::Matchers::ContainsSubstring;
using pc::transports::curl_options;
using pc::transports::curl_transport;
using namespace std::chrono_literals;

// Answers the connections it accepts, one scripted answer each, in order: the bytes, then a
// close, or a reset (RST) when `reset` is set. Records each request's text. Stops after the
// script, or when destroyed; never waits more than a few seconds for anything.
class raw_loopback_server {
 public:
  struct answer {
    std::string bytes;
    bool reset = false;
  };

  explicit raw_loopback_server(std::vector<answer> script)
      : script_(std::move(script))
      , listener_(8) {
    thread_ = std::thread([this] { serve(); });
  }

  ~raw_loopback_server() {
    stop_ = true;
    thread_.join();
  }

  raw_loopback_server(const raw_loopback_server&) = delete;
  raw_loopback_server& operator=(const raw_loopback_server&) = delete;

  [[nodiscard]] std::string base_url() const { return listener_.http_url(); }

  [[nodiscard]] std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  // The value of header `name` in each request received, in order.
  [[nodiscard]] std::vector<std::string> header_values(std::string_view name) const {
    std::vector<std::string> out;
    for (const std::string& request : requests()) {
      const std::string wanted = "\r\n" + std::string(name) + ": ";
      const std::size_t at = request.find(wanted);
      if (at == std::string::npos) {
        out.emplace_back();
        continue;
      }
      const std::size_t start = at + wanted.size();
      out.push_back(request.substr(start, request.find("\r\n", start) - start));
    }
    return out;
  }

 private:
  // Headers, then as many body bytes as Content-Length says.
  static std::string read_request(int fd) {
    std::string text;
    char buffer[4096];
    std::size_t wanted = std::string::npos;
    while (text.size() < wanted && wait_readable(fd, 5000)) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0)
        break;
      text.append(buffer, static_cast<std::size_t>(n));
      const std::size_t end = text.find("\r\n\r\n");
      if (wanted == std::string::npos && end != std::string::npos) {
        std::size_t length = 0;
        if (const std::size_t at = text.find("Content-Length: ");
            at != std::string::npos && at < end)
          length = std::stoul(text.substr(at + 16));
        wanted = end + 4 + length;
      }
    }
    return text;
  }

  void serve() {
    for (const answer& a : script_) {
      while (!stop_ && !wait_readable(listener_.fd(), 100)) {
      }
      if (stop_)
        return;
      const int fd = ::accept(listener_.fd(), nullptr, nullptr);
      if (fd < 0)
        return;
      std::string request = read_request(fd);
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(std::move(request));
      }
      (void)::send(fd, a.bytes.data(), a.bytes.size(), MSG_NOSIGNAL);
      if (a.reset) {
        const linger abort_on_close{1, 0};  // close() then sends RST, not FIN
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
      }
      ::close(fd);
    }
  }

  std::vector<answer> script_;
  partner_center::test::loopback_listening_socket listener_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

std::string http_answer(std::string_view status_line, std::string_view headers,
                        std::string_view body) {
  std::string out = "HTTP/1.1 ";
  out += status_line;
  out += "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  out += headers;
  out += "Connection: close\r\n\r\n";
  out += body;
  return out;
}

// The answer a create gets: the customer with an id.
std::string created_body() {
  pc::model::Customer c = pc::test::documented_customer();
  c.id = "8aeb5a54-54ab-4d58-9d8b-7c1c2d3e4f50";
  return pc::encode(c);
}

// A client with no real waits: each wait asked for is recorded instead.
struct recording_client {
  std::vector<std::chrono::milliseconds> waits;
  rest::client<curl_transport> client;

  recording_client(std::string_view base_url, curl_options transport = {}, int max_attempts = 4)
      : client(curl_transport{std::move(transport)}, options(base_url, max_attempts)) {
    client.options().sleep = [this](std::chrono::milliseconds d) {
      waits.push_back(d);
    };
  }

  static rest::client_options options(std::string_view base_url, int max_attempts) {
    rest::client_options o;
    o.context.base_url = rest::base_url::parse(base_url).value();
    o.context.token = rest::static_token("test-token");
    o.retry.max_attempts = max_attempts;
    return o;
  }
};

// "Sun, 06 Nov 1994 08:49:37 GMT" for a time.
std::string http_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  ::gmtime_r(&t, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

void require_one_request_id(const std::vector<std::string>& ids, std::size_t attempts) {
  REQUIRE(ids.size() == attempts);
  for (const std::string& id : ids) {
    CHECK(pc::model::formats::is_guid(id));
    CHECK(id == ids.front());
  }
}

}  // namespace

TEST_CASE("faults: a refused connection ends in a transport failure after bounded retries",
          "[faults]") {
  std::string base_url;
  {
    raw_loopback_server closed({});
    base_url = closed.base_url();
  }  // nothing listens there now
  recording_client c(base_url, {}, 3);
  const auto created = c.client.create_customer(pc::test::documented_customer());
  REQUIRE_FALSE(created.has_value());
  CHECK(created.error().kind == rest::failure_kind::transport);
  REQUIRE(created.error().transport);
  CHECK(created.error().transport->code == rest::transport_errc::connect_failed);
  CHECK(created.error().attempts == 3);
  CHECK(created.error().gave_up);
  CHECK(c.waits.size() == 2);
}

TEST_CASE("faults: a reset in the middle of the body is retried with the same request id",
          "[faults]") {
  const std::string body = created_body();
  const std::string full = http_answer("201 Created", "Content-Type: application/json\r\n", body);
  const std::string half = full.substr(0, full.size() - body.size() / 2);

  SECTION("the retry gets the answer") {
    raw_loopback_server server({{half, true}, {full, false}});
    recording_client c(server.base_url());
    const auto created = c.client.create_customer(pc::test::documented_customer());
    REQUIRE(created.has_value());
    CHECK(created->id == "8aeb5a54-54ab-4d58-9d8b-7c1c2d3e4f50");
    require_one_request_id(server.header_values("MS-RequestId"), 2);
  }
  SECTION("every attempt reset: a connection_closed failure after the last attempt") {
    raw_loopback_server server({{half, true}, {half, true}, {half, true}});
    recording_client c(server.base_url(), {}, 3);
    const auto created = c.client.create_customer(pc::test::documented_customer());
    REQUIRE_FALSE(created.has_value());
    CHECK(created.error().kind == rest::failure_kind::transport);
    REQUIRE(created.error().transport);
    CHECK(created.error().transport->code == rest::transport_errc::connection_closed);
    CHECK(created.error().attempts == 3);
    CHECK(created.error().gave_up);
    require_one_request_id(server.header_values("MS-RequestId"), 3);
  }
}

TEST_CASE("faults: a read timeout is retried and the service keeps one customer", "[faults]") {
  pc::test::fake_partner_center server({.slow_delay = 1500ms});
  server.push_faults({pc::test::fault::slow});
  rest::client c{curl_transport{{.timeout = 300ms}}, pc::test::fast_retry_options(server)};
  const auto created = c.create_customer(pc::test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(server.customer_count() == 1);
  CHECK(server.statistics().deduplicated == 1);
  require_one_request_id(server.request_ids(), 2);
}

TEST_CASE("faults: truncated JSON is reported, never taken for a customer", "[faults]") {
  SECTION("a body cut short with a matching Content-Length: unexpected_response, not retried") {
    pc::test::fake_partner_center server;
    server.push_faults({pc::test::fault::malformed});
    rest::client c{curl_transport{}, pc::test::fast_retry_options(server)};
    rest::create_options options;
    options.ids.request_id = rest::new_guid();
    const auto first = c.create_customer(pc::test::documented_customer(), options);
    REQUIRE_FALSE(first.has_value());
    CHECK(first.error().kind == rest::failure_kind::unexpected_response);
    CHECK(first.error().attempts == 1);
    CHECK_THAT(first.error().message, ContainsSubstring("the body is not a Customer"));
    // The customer was made: asking again with the same request id finds it, not a second one.
    const auto again = c.create_customer(pc::test::documented_customer(), options);
    REQUIRE(again.has_value());
    CHECK(server.customer_count() == 1);
  }
  SECTION("a connection closed before Content-Length bytes: retried with the same request id") {
    const std::string full =
        http_answer("201 Created", "Content-Type: application/json\r\n", created_body());
    raw_loopback_server server({{full.substr(0, full.size() - 10), false}, {full, false}});
    recording_client c(server.base_url());
    const auto created = c.client.create_customer(pc::test::documented_customer());
    REQUIRE(created.has_value());
    require_one_request_id(server.header_values("MS-RequestId"), 2);
  }
}

TEST_CASE("faults: 200 with an HTML body is an unexpected response, not a customer", "[faults]") {
  const std::string page =
      "<html><head><title>Sign in</title></head><body>Proxy login required</body></html>";
  raw_loopback_server server({{http_answer("200 OK", "Content-Type: text/html\r\n", page), false}});
  recording_client c(server.base_url());
  const auto got = c.client.get_customer("8aeb5a54-54ab-4d58-9d8b-7c1c2d3e4f50");
  REQUIRE_FALSE(got.has_value());
  CHECK(got.error().kind == rest::failure_kind::unexpected_response);
  CHECK(got.error().attempts == 1);
  CHECK_THAT(got.error().message, ContainsSubstring("the body is not a Customer"));
  REQUIRE_FALSE(got.error().violations.empty());
  CHECK(got.error().violations[0].code == pc::violation_code::syntax);
  CHECK(c.waits.empty());
}

TEST_CASE("faults: Retry-After as an HTTP-date is honoured, an absurd one is capped", "[faults]") {
  // The answers carry their own Date, so the wait is measured from the server's clock.
  const auto server_now = std::chrono::system_clock::now() - 3h;  // skewed on purpose
  const std::string date = "Date: " + http_date(server_now) + "\r\n";
  const std::string throttled_body =
      R"({"statusCode":429,"message":"Rate limit is exceeded. Try again in 5 seconds."})";
  const auto throttled = [&](const std::string& retry_after) {
    return raw_loopback_server::answer{
        http_answer("429 Too Many Requests", date + "Retry-After: " + retry_after + "\r\n",
                    throttled_body),
        false};
  };
  raw_loopback_server server({
      throttled(http_date(server_now + 30s)),
      throttled("99999999999"),
      throttled("Fri, 31 Dec 9999 23:59:59 GMT"),
      {http_answer("201 Created", "Content-Type: application/json\r\n", created_body()), false},
  });
  recording_client c(server.base_url(), {}, 5);
  const auto created = c.client.create_customer(pc::test::documented_customer());
  REQUIRE(created.has_value());
  const rest::retry_policy policy;
  REQUIRE(c.waits.size() == 3);
  CHECK(c.waits[0] >= 29s);  // whole seconds: the Date header has no fraction
  CHECK(c.waits[0] <= 31s);
  CHECK(c.waits[1] == policy.max_retry_after);
  CHECK(c.waits[2] == policy.max_retry_after);
  require_one_request_id(server.header_values("MS-RequestId"), 4);
}

}  // namespace faults_test
