// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/transports/beast_transport.hpp>

#include "support/fake_partner_center.hpp"
#include "support/loopback_socket.hpp"
#include "support/transport_fixtures.hpp"

#include <partner_center/rest/client.hpp>
#include <partner_center/rest/preflight.hpp>

#include <catch2/catch_test_macros.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

namespace transports_beast_transport_test {

using namespace partner_center;
using namespace partner_center::rest;
using partner_center::transports::beast_options;
using partner_center::transports::beast_transport;
using namespace std::chrono_literals;

namespace {

client<beast_transport> beast_client(const test::fake_partner_center& server,
                                     beast_options options = {},
                                     std::string_view host = "127.0.0.1") {
  options.ca_pem = server.certificate_pem();
  return client<beast_transport>{beast_transport{options}, test::fast_retry_options(server, host)};
}

// Answers one connection with 200 and a body of `size` bytes of 'a', sent 64 KiB at a time, then
// closes; stops sending when the client has gone.
void answer_with_body(const test::loopback_listening_socket& listener, std::size_t size) {
  if (!test::wait_readable(listener.fd(), 10'000))
    return;
  const int fd = ::accept(listener.fd(), nullptr, nullptr);
  if (fd < 0)
    return;
  std::string head;
  char buffer[4096];
  while (head.find("\r\n\r\n") == std::string::npos && test::wait_readable(fd, 5000)) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0)
      break;
    head.append(buffer, static_cast<std::size_t>(n));
  }
  const std::string chunk(64 * 1024, 'a');
  bool alive = test::send_all(fd,
                              "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                              "Content-Length: " +
                                  std::to_string(size) + "\r\n\r\n");
  for (std::size_t sent = 0; alive && sent < size; sent += chunk.size())
    alive =
        test::send_all(fd, std::string_view(chunk).substr(0, std::min(chunk.size(), size - sent)));
  ::close(fd);
}

}  // namespace

// The README's table of limits: an answer body of 16 MiB at most (rest::max_response_body, the
// Beast transport's default). Exactly 16 MiB is read; one byte more ends the call.
TEST_CASE("beast: the default body limit is 16 MiB; one byte more is refused", "[transport]") {
  constexpr std::size_t limit = std::size_t{16} * 1024 * 1024;
  STATIC_REQUIRE(max_response_body == limit);
  CHECK(beast_options{}.max_response_body == limit);
  test::loopback_listening_socket listener(1);
  http_request request;
  request.url = boost::urls::url(listener.http_url() + "/v1/customers");
  beast_transport t{{.timeout = 30s}};
  SECTION("16 MiB: accepted") {
    std::thread serving([&] { answer_with_body(listener, limit); });
    const auto r = t(request);
    serving.join();
    REQUIRE(r.has_value());
    CHECK(r->status == 200);
    CHECK(r->body.size() == limit);
    CHECK(r->body.find_first_not_of('a') == std::string::npos);
  }
  SECTION("16 MiB and one byte: refused") {
    std::thread serving([&] { answer_with_body(listener, limit + 1); });
    const auto r = t(request);
    serving.join();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == transport_errc::protocol);
    CHECK(r.error().detail == "read: the response body exceeds 16777216 bytes");
  }
}

TEST_CASE("beast: a customer is created over loopback with the right headers", "[transport]") {
  test::fake_partner_center server;
  server.add_reseller(test::reseller_id);
  auto c = beast_client(server);
  const auto created = create_customer_with_preflight(c, test::documented_customer());
  REQUIRE(created.has_value());
  CHECK(created->userCredentials->userName == "admin");
  CHECK(server.customer_count() == 1);
  CHECK(server.header_problems().empty());
  CHECK(c.get_customer(*created->id).value().id == created->id);
  CHECK(c.check_domain("WingtipToys678152504.onmicrosoft.com").value() ==
        domain_availability::taken);
}

TEST_CASE("beast: lost answers and throttling are retried without a second customer",
          "[transport]") {
  test::fake_partner_center server;
  server.push_faults({test::fault::drop_after, test::fault::throttle, test::fault::drop_before,
                      test::fault::unavailable});
  auto c = beast_client(server);
  REQUIRE(c.create_customer(test::documented_customer()).has_value());
  CHECK(server.customer_count() == 1);
  const auto ids = server.request_ids();
  REQUIRE(ids.size() == 5);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 1);
}

TEST_CASE("beast: a slow answer times out and the retry is deduplicated", "[transport]") {
  test::fake_options options;
  options.slow_delay = 600ms;
  test::fake_partner_center server(options);
  server.push_faults({test::fault::slow});
  auto c = beast_client(server, {.timeout = 200ms});
  std::vector<retry_event> retries;
  c.options().on_retry = [&retries](const retry_event& e) {
    retries.push_back(e);
  };
  REQUIRE(c.create_customer(test::documented_customer()).has_value());
  REQUIRE(retries.size() == 1);
  CHECK(retries[0].error->code == transport_errc::timeout);
  CHECK(server.customer_count() == 1);
  CHECK(server.statistics().deduplicated == 1);
}

TEST_CASE("beast: a refused connection is a transport failure", "[transport]") {
  unsigned short port = 0;
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }
  beast_transport t;
  http_request request;
  request.url = boost::urls::url("http://127.0.0.1:" + std::to_string(port) + "/v1/x");
  const auto r = t(request);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == transport_errc::connect_failed);
}

TEST_CASE("beast: HEAD answers end at their headers", "[transport]") {
  test::fake_partner_center server;
  server.take_domain("taken.onmicrosoft.com");
  auto c = beast_client(server);
  CHECK(c.check_domain("taken.onmicrosoft.com").value() == domain_availability::taken);
  CHECK(c.check_domain("free.onmicrosoft.com").value() == domain_availability::available);
}

TEST_CASE("beast: TLS with a certificate made for the test, by address and by name",
          "[transport]") {
  test::fake_options options;
  options.tls = true;
  test::fake_partner_center server(options);
  auto by_address = beast_client(server);
  REQUIRE(by_address.create_customer(test::documented_customer()).has_value());
  auto by_name = beast_client(server, {}, "localhost");
  CHECK(by_name.check_domain("x.onmicrosoft.com").value() == domain_availability::available);
  client untrusting{beast_transport{}, test::fast_retry_options(server)};
  const auto refused = untrusting.check_domain("x.onmicrosoft.com");
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().transport->code == transport_errc::tls_failed);
  CHECK(refused.error().attempts == 1);
}

// CR or LF would end the header line early and let what follows become a header (or a request) of
// its own (RFC 9112 §2.2 frames lines by CRLF); NUL cuts a value short in C code. A listener is
// there to take the request: a transport that sent it would fail otherwise, not refuse it.
TEST_CASE("beast: a header value or name with CR, LF, CRLF or NUL is refused by the transport too",
          "[transport]") {
  test::loopback_listening_socket listener(4);
  const std::string url = listener.http_url() + "/v1/x";
  for (const std::string& bad :
       {std::string("\r"), std::string("\n"), std::string("\r\n"), std::string("\0", 1)}) {
    for (const bool in_name : {false, true}) {
      CAPTURE(bad, in_name);
      http_request request;
      request.url = boost::urls::url(url);
      if (in_name)
        request.headers.add("X-Test" + bad + "Injected", "1");
      else
        request.headers.add("X-Test", "a" + bad + "Injected: 1");
      beast_transport t{{.connect_timeout = 1s, .timeout = 1s}};
      const auto r = t(request);
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().code == transport_errc::invalid_request);
    }
  }
}

TEST_CASE("beast: many logical creates over TLS with 10% faults give one customer each",
          "[transport]") {
  test::fake_options options;
  options.tls = true;
  options.random_fault_probability = 0.10;
  options.seed = 777;
  test::fake_partner_center server(options);
  auto c = beast_client(server);
  test::run_stress(c, server, test::stress_creates(300));
}

}  // namespace transports_beast_transport_test
