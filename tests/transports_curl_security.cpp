// The libcurl transport against hostile surroundings, over loopback only: proxy variables in the
// environment, options libcurl refuses, certificate checks switched off, trust anchors of the
// caller's choosing, and servers that send too many or too large header fields.

#include <partner_center/transports/curl_transport.hpp>

#include "support/fake_partner_center.hpp"
#include "support/loopback_socket.hpp"
#include "support/transport_fixtures.hpp"

#include <partner_center/rest/client.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace transports_curl_security_test {

namespace {

using partner_center::test::wait_readable;

namespace pc = partner_center;
namespace rest = partner_center::rest;
using pc::transports::curl_options;
using pc::transports::curl_transport;
using namespace std::chrono_literals;

// Environment variables set (or unset, for nullopt) for the life of the object, then restored.
class scoped_environment {
 public:
  using setting = std::pair<std::string, std::optional<std::string>>;

  explicit scoped_environment(const std::vector<setting>& settings) {
    for (const auto& [name, value] : settings) {
      const char* old = std::getenv(name.c_str());
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      apply(name, value);
    }
  }
  ~scoped_environment() {
    for (const auto& [name, value] : saved_)
      apply(name, value);
  }
  scoped_environment(const scoped_environment&) = delete;
  scoped_environment& operator=(const scoped_environment&) = delete;

 private:
  static void apply(const std::string& name, const std::optional<std::string>& value) {
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }

  std::vector<setting> saved_;
};

// Every variable libcurl reads a proxy or a proxy exception from.
const std::vector<std::string> proxy_variables = {"http_proxy",  "HTTP_PROXY", "https_proxy",
                                                  "HTTPS_PROXY", "all_proxy",  "ALL_PROXY"};
const std::vector<std::string> no_proxy_variables = {"no_proxy", "NO_PROXY"};

// Every proxy variable pointing at `proxy_url` (nullopt: unset), and no proxy exception.
scoped_environment proxy_environment(const std::optional<std::string>& proxy_url) {
  std::vector<scoped_environment::setting> settings;
  for (const auto& name : proxy_variables)
    settings.emplace_back(name, proxy_url);
  for (const auto& name : no_proxy_variables)
    settings.emplace_back(name, std::nullopt);
  return scoped_environment(settings);
}

// A TCP listener on 127.0.0.1 playing a proxy or a hostile server. Each connection it accepts is
// counted, its request head (up to the blank line) recorded, `answer` sent (nothing: the
// connection is just closed) and the connection closed. Never waits long for anything.
class loopback_listener {
 public:
  explicit loopback_listener(std::string answer = {}) : answer_(std::move(answer)), listener_(16) {
    thread_ = std::thread([this] { serve(); });
  }
  ~loopback_listener() {
    stop_ = true;
    thread_.join();
  }
  loopback_listener(const loopback_listener&) = delete;
  loopback_listener& operator=(const loopback_listener&) = delete;

  [[nodiscard]] std::string url() const { return listener_.http_url(); }
  [[nodiscard]] std::size_t connections() const { return connections_; }
  [[nodiscard]] std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  static std::string read_head(int fd) {
    std::string text;
    char buffer[4096];
    while (text.find("\r\n\r\n") == std::string::npos && wait_readable(fd, 2000)) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0)
        break;
      text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
  }

  void send_answer(int fd) const {
    std::size_t sent = 0;
    while (sent < answer_.size()) {
      const ssize_t n = ::send(fd, answer_.data() + sent, answer_.size() - sent, MSG_NOSIGNAL);
      if (n <= 0)
        return;  // the client gave up reading
      sent += static_cast<std::size_t>(n);
    }
  }

  void serve() {
    while (!stop_) {
      if (!wait_readable(listener_.fd(), 50))
        continue;
      const int fd = ::accept(listener_.fd(), nullptr, nullptr);
      if (fd < 0)
        continue;
      ++connections_;
      std::string head = read_head(fd);
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(std::move(head));
      }
      send_answer(fd);
      ::close(fd);
    }
  }

  std::string answer_;
  partner_center::test::loopback_listening_socket listener_;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> connections_{0};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

// "HTTP/1.1 200 OK" with `fields` (each "Name: value\r\n"), a body of "ok", and a close.
std::string ok_answer(std::string_view fields = {}) {
  std::string out = "HTTP/1.1 200 OK\r\n";
  out += fields;
  out += "Content-Length: 2\r\nConnection: close\r\n\r\nok";
  return out;
}

// `count` fields "X-Field-N: v".
std::string numbered_fields(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i)
    out += "X-Field-" + std::to_string(i) + ": v\r\n";
  return out;
}

// A file holding `text` for the life of the object.
class temporary_file {
 public:
  explicit temporary_file(std::string_view text) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "pc-curl-security-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
      throw std::runtime_error("mkstemp");
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    path_ = pattern;
    if (!written)
      throw std::runtime_error("write " + path_);
  }
  ~temporary_file() { std::filesystem::remove(path_); }
  temporary_file(const temporary_file&) = delete;
  temporary_file& operator=(const temporary_file&) = delete;

  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

rest::http_request get(std::string_view url) {
  rest::http_request request;
  request.method = rest::http_method::get;
  request.url = boost::urls::url(url);
  return request;
}

}  // namespace

TEST_CASE("curl security: proxy variables in the environment are ignored",
          "[transport][security]") {
  loopback_listener proxy;  // closes whatever arrives
  const auto environment = proxy_environment(proxy.url());
  SECTION("http:// to a loopback service") {
    pc::test::fake_partner_center server;
    rest::client c{curl_transport{}, pc::test::fast_retry_options(server)};
    CHECK(c.create_customer(pc::test::documented_customer()).has_value());
  }
  SECTION("https:// to a loopback service") {
    pc::test::fake_partner_center server({.tls = true});
    rest::client c{curl_transport{{.ca_pem = server.certificate_pem()}},
                   pc::test::fast_retry_options(server)};
    CHECK(c.create_customer(pc::test::documented_customer()).has_value());
  }
  CHECK(proxy.connections() == 0);
  CHECK(proxy.requests().empty());  // before the fix: "Authorization: Bearer ..." in clear
}

TEST_CASE("curl security: an explicit proxy is used", "[transport][security]") {
  const auto environment = proxy_environment(std::nullopt);
  loopback_listener proxy(ok_answer());
  const auto through_proxy = [&] {
    // No client and no token: the request goes no further than the proxy on 127.0.0.1.
    const auto r = curl_transport{{.proxy = proxy.url()}}(get("http://example.invalid/x"));
    REQUIRE(r.has_value());
    CHECK(r->status == 200);
    CHECK(r->body == "ok");
    REQUIRE(proxy.requests().size() == 1);
    CHECK(proxy.requests()[0].starts_with("GET http://example.invalid/x HTTP/1.1\r\n"));
  };
  SECTION("no proxy exception in the environment") {
    through_proxy();
  }
  SECTION("NO_PROXY=* in the environment is not read either") {
    const scoped_environment no_proxy({{"no_proxy", "*"}, {"NO_PROXY", "*"}});
    through_proxy();
  }
}

TEST_CASE("curl security: http:// to a loopback host never goes through a proxy",
          "[transport][security]") {
  loopback_listener proxy;
  const auto environment = proxy_environment(proxy.url());
  pc::test::fake_partner_center server;
  rest::client c{curl_transport{{.proxy = proxy.url()}}, pc::test::fast_retry_options(server)};
  CHECK(c.create_customer(pc::test::documented_customer()).has_value());
  CHECK(proxy.connections() == 0);
}

TEST_CASE("curl security: certificate checks are switched off only for a loopback host",
          "[transport][security]") {
  const auto environment = proxy_environment(std::nullopt);
  SECTION("another host: refused before anything is sent") {
    rest::http_request request = get("https://example.invalid/v1/customers");
    request.headers.add("Authorization", "Bearer sentinel-token");
    const auto r = curl_transport{{.insecure_skip_verify = true}}(request);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == rest::transport_errc::invalid_request);
    CHECK(r.error().detail ==
          "insecure_skip_verify is accepted only for a loopback host (127.0.0.0/8, ::1, "
          "localhost); refusing to send to \"example.invalid\" without verifying its "
          "certificate");
  }
  SECTION("::1 is loopback: the call goes ahead (and finds no server on port 1)") {
    const auto r = curl_transport{{.insecure_skip_verify = true}}(get("https://[::1]:1/x"));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code != rest::transport_errc::invalid_request);
  }
  SECTION("a loopback TLS server with a certificate nobody trusts") {
    pc::test::fake_partner_center server({.tls = true});
    const curl_options insecure{.insecure_skip_verify = true};
    rest::client by_address{curl_transport{insecure}, pc::test::fast_retry_options(server)};
    CHECK(by_address.create_customer(pc::test::documented_customer()).has_value());
    rest::client by_name{curl_transport{insecure},
                         pc::test::fast_retry_options(server, "localhost")};
    CHECK(by_name.check_domain("x.onmicrosoft.com").has_value());
  }
}

// That the system's store is left out cannot be shown without writing a CA into it; the
// transport sets CURLOPT_CAPATH to NULL and CURLOPT_CAINFO to the file.
TEST_CASE("curl security: trust anchors from ca_file", "[transport][security]") {
  const auto environment = proxy_environment(std::nullopt);
  pc::test::fake_partner_center server({.tls = true});
  SECTION("the server's certificate in ca_file is trusted") {
    const temporary_file anchors(server.certificate_pem());
    rest::client c{curl_transport{{.ca_file = anchors.path()}},
                   pc::test::fast_retry_options(server, "localhost")};
    CHECK(c.create_customer(pc::test::documented_customer()).has_value());
  }
  SECTION("another certificate in ca_file: the server is not trusted") {
    const temporary_file anchors(pc::test::make_self_signed_certificate().certificate_pem);
    rest::client c{curl_transport{{.ca_file = anchors.path()}},
                   pc::test::fast_retry_options(server)};
    const auto r = c.check_domain("x.onmicrosoft.com");
    REQUIRE_FALSE(r.has_value());
    REQUIRE(r.error().transport);
    CHECK(r.error().transport->code == rest::transport_errc::tls_failed);
  }
  SECTION("ca_file and ca_pem together are refused") {
    using Catch::Matchers::Message;
    CHECK_THROWS_MATCHES(
        curl_transport({.ca_file = "anchors.pem", .ca_pem = server.certificate_pem()}),
        std::invalid_argument, Message("curl_options: give ca_file or ca_pem, not both"));
  }
}

TEST_CASE("curl security: an option libcurl refuses ends the call and is named",
          "[transport][security]") {
  // libcurl refuses strings longer than CURL_MAX_INPUT_LENGTH (8,000,000 bytes), a URL included:
  // https://curl.se/libcurl/c/curl_easy_setopt.html
  const auto r = curl_transport{}(get("http://127.0.0.1:1/" + std::string(8'000'000, 'a')));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == rest::transport_errc::invalid_request);
  CHECK(r.error().detail == "CURLOPT_URL: A libcurl function was given a bad argument");
}

TEST_CASE("curl security: a timeout of zero or less is refused at construction",
          "[transport][security]") {
  using Catch::Matchers::Message;
  CHECK_THROWS_MATCHES(curl_transport({.connect_timeout = 0ms}), std::invalid_argument,
                       Message("curl_options: connect_timeout must be positive"));
  CHECK_THROWS_MATCHES(curl_transport({.connect_timeout = -5ms}), std::invalid_argument,
                       Message("curl_options: connect_timeout must be positive"));
  CHECK_THROWS_MATCHES(curl_transport({.timeout = 0ms}), std::invalid_argument,
                       Message("curl_options: timeout must be positive"));
  CHECK_THROWS_MATCHES(curl_transport({.timeout = -1ms}), std::invalid_argument,
                       Message("curl_options: timeout must be positive"));
  CHECK_NOTHROW(curl_transport({.connect_timeout = 1ms, .timeout = 1ms}));
}

TEST_CASE("curl security: response header fields are capped in number and bytes",
          "[transport][security]") {
  const auto environment = proxy_environment(std::nullopt);
  SECTION("100 fields pass") {
    loopback_listener server(ok_answer(numbered_fields(98)));  // + Content-Length, Connection
    const auto r = curl_transport{}(get(server.url() + "/x"));
    REQUIRE(r.has_value());
    CHECK(r->headers.size() == 100);
    CHECK(r->body == "ok");
  }
  SECTION("150 fields are a protocol error") {
    loopback_listener server(ok_answer(numbered_fields(150)));
    const auto r = curl_transport{}(get(server.url() + "/x"));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == rest::transport_errc::protocol);
    CHECK(r.error().detail == "the response has more than 100 header fields");
  }
  SECTION("one field of 70 KiB is a protocol error") {
    loopback_listener server(ok_answer("X-Large: " + std::string(70 * 1024, 'a') + "\r\n"));
    const auto r = curl_transport{}(get(server.url() + "/x"));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == rest::transport_errc::protocol);
    CHECK(r.error().detail == "the response headers exceed 65536 bytes");
  }
}

}  // namespace transports_curl_security_test
