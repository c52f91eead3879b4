#pragma once

// A Boost.Beast transport for rest::client, with OpenSSL for https. Include it only where
// OpenSSL::SSL and OpenSSL::Crypto are linked; the rest of the library does not need them.
// It never uses a proxy: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY are not read.
//
//   rest::client c{transports::beast_transport{{.timeout = 30s}}, options};
//
// Each request opens its own connection and closes it after the answer: simple, and a retry never
// inherits a half-dead connection. Every step runs against one deadline (resolve, connect, TLS
// handshake, write, read), so a server that stops answering costs at most `timeout`; resolve and
// connect together at most `connect_timeout`. Redirects are returned as answers, not followed.
// The memory an answer may take is bounded: its body by max_response_body, its header by
// beast_options::max_response_header, the read buffer (chunk lines, trailers) by
// beast_options::read_buffer_limit. One transport is not meant for several threads at once.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/response.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>

#include <openssl/ssl.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center::transports {

struct beast_options {
  // Fixed: the largest response header accepted, and the read buffer, in which a header, a chunk
  // header with its extensions, or the trailers must fit whole. Body bytes only pass through the
  // buffer into the body (bounded by max_response_body), so it need not hold a body.
  static constexpr std::uint32_t max_response_header = 64 * 1024;
  static constexpr std::size_t read_buffer_limit = std::size_t{max_response_header} + 64 * 1024;

  std::chrono::milliseconds connect_timeout{10'000};  // name resolution and TCP connect
  std::chrono::milliseconds timeout{120'000};         // the whole exchange, connect included
  std::size_t max_response_body = rest::max_response_body;
  // Skips the certificate chain and host name checks. Accepted only for a loopback host
  // (127.0.0.0/8, ::1, localhost), e.g. a local test server: a request to any other host is
  // refused (invalid_request) before anything is resolved or sent.
  bool insecure_skip_verify = false;
  // Trust anchors. With neither given: the system's (OpenSSL's default paths). A private CA means
  // trust exactly it: given one or both, they replace the system's store.
  std::string ca_file{};  // PEM file
  std::string ca_pem{};   // PEM text (e.g. a test certificate)
};

namespace detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

inline rest::transport_error beast_error(rest::transport_errc code, const char* step,
                                         const boost::system::error_code& ec) {
  return {code, std::string(step) + ": " + ec.message()};
}

// What a read or write failure means for retrying.
inline rest::transport_errc classify_io(const boost::system::error_code& ec) noexcept {
  using rest::transport_errc;
  if (ec == beast::error::timeout)
    return transport_errc::timeout;
  if (ec == http::error::end_of_stream || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
      ec == asio::error::connection_aborted || ec == http::error::partial_message ||
      ec == asio::ssl::error::stream_truncated)
    return transport_errc::connection_closed;
  if (ec.category() == http::make_error_code(http::error::bad_version).category())
    return transport_errc::protocol;
  if (ec.category() == asio::error::get_ssl_category())
    return transport_errc::tls_failed;
  return transport_errc::other;
}

// A read failure in words: the limits by name, anything else as Beast says it.
inline rest::transport_error read_error(const boost::system::error_code& ec, std::size_t max_body) {
  std::string detail = "read: ";
  if (ec == http::error::body_limit)
    detail += "the response body exceeds " + std::to_string(max_body) + " bytes";
  else if (ec == http::error::header_limit)
    detail += "the response header exceeds " + std::to_string(beast_options::max_response_header) +
              " bytes";
  else if (ec == http::error::buffer_overflow)
    detail += "a chunk header or the trailers of the response exceed " +
              std::to_string(beast_options::read_buffer_limit) + " bytes";
  else
    detail += ec.message();
  return {classify_io(ec), std::move(detail)};
}

inline bool is_ip_literal(std::string_view host) noexcept {
  return boost::urls::parse_ipv4_address(host).has_value() ||
         boost::urls::parse_ipv6_address(host).has_value();
}

inline http::verb to_verb(rest::http_method method) noexcept {
  switch (method) {
    case rest::http_method::get:
      return http::verb::get;
    case rest::http_method::head:
      return http::verb::head;
    case rest::http_method::post:
      return http::verb::post;
    case rest::http_method::put:
      return http::verb::put;
    case rest::http_method::patch:
      return http::verb::patch;
    case rest::http_method::delete_:
      return http::verb::delete_;
  }
  return http::verb::get;
}

inline http::request<http::string_body> to_beast(const rest::http_request& request) {
  const auto target = request.url.encoded_target();
  http::request<http::string_body> out{to_verb(request.method),
                                       target.empty() ? std::string("/") : std::string(target), 11};
  out.set(http::field::host, std::string(request.url.encoded_host_and_port()));
  for (const auto& h : request.headers)
    out.insert(h.name, h.value);
  out.body() = request.body;
  if (!request.body.empty() || request.method == rest::http_method::post)
    out.prepare_payload();
  return out;
}

// getaddrinfo(3) through Asio, which turns its errors into error codes.
inline std::vector<tcp::endpoint> lookup(const std::string& host, const std::string& port,
                                         tcp::resolver::flags flags,
                                         boost::system::error_code& ec) {
  asio::io_context io;
  tcp::resolver resolver(io);
  std::vector<tcp::endpoint> out;
  for (const auto& entry : resolver.resolve(host, port, flags | tcp::resolver::numeric_service, ec))
    out.push_back(entry.endpoint());
  return out;
}

// What a lookup on its own thread leaves for the caller, who may have stopped waiting.
struct pending_lookup {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  boost::system::error_code ec;
  std::vector<tcp::endpoint> endpoints;
};

// The addresses of `host`, or an error once `deadline` has passed. getaddrinfo(3) cannot be
// cancelled, and Asio's asynchronous resolver completes (and its io_context shuts down) only when
// getaddrinfo returns, which a DNS server that never answers delays by the resolver's timeout
// times its attempts (resolv.conf(5)). So a name is looked up on a thread of its own, waited for
// until the deadline, and left to finish alone after it, as libcurl's threaded resolver does. An
// address needs no lookup and no thread.
inline boost::system::result<std::vector<tcp::endpoint>, rest::transport_error> resolve(
    const std::string& host, const std::string& port, std::string_view shown_host,
    std::chrono::steady_clock::time_point deadline) {
  using rest::transport_errc;
  boost::system::error_code ec;
  if (is_ip_literal(host)) {
    auto endpoints = lookup(host, port, tcp::resolver::numeric_host, ec);
    if (ec)
      return beast_error(transport_errc::resolve_failed, "resolve", ec);
    return endpoints;
  }
  auto state = std::make_shared<pending_lookup>();
  try {
    std::thread([state, host, port] {
      boost::system::error_code e;
      auto endpoints = lookup(host, port, {}, e);
      const std::lock_guard lock(state->mutex);
      state->ec = e;
      state->endpoints = std::move(endpoints);
      state->done = true;
      state->finished.notify_one();
    }).detach();
  } catch (const std::system_error& e) {
    return rest::transport_error{transport_errc::other,
                                 std::string("resolve: cannot start a thread: ") + e.what()};
  }
  std::unique_lock lock(state->mutex);
  if (!state->finished.wait_until(lock, deadline, [&state] { return state->done; })) {
    return rest::transport_error{
        transport_errc::timeout,
        "resolve: " + std::string(shown_host) + " gave no address within the connect timeout"};
  }
  if (state->ec)
    return beast_error(transport_errc::resolve_failed, "resolve", state->ec);
  return std::move(state->endpoints);
}

// One request on one connection, as a chain of completion handlers run by the caller's
// io_context: connect, (TLS handshake,) write, read. Each step is bounded by the deadline. Plain
// callbacks rather than C++20 coroutines: clang 14 cannot assemble coroutine frames with debug
// information ("Cannot represent a difference across sections").
template <class Stream>
class beast_exchange {
 public:
  static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;

  beast_exchange(Stream& stream, const beast_options& options, const rest::http_request& request,
                 std::string host, std::chrono::steady_clock::time_point connect_deadline,
                 std::chrono::steady_clock::time_point deadline)
      : stream_(stream)
      , options_(options)
      , request_(request)
      , host_(std::move(host))
      , connect_deadline_(connect_deadline)
      , deadline_(deadline) {}

  void start(const std::vector<tcp::endpoint>& endpoints) {
    auto& lowest = beast::get_lowest_layer(stream_);
    lowest.expires_at(connect_deadline_);
    lowest.async_connect(
        endpoints, [this](boost::system::error_code e, const tcp::endpoint&) { on_connect(e); });
  }

  [[nodiscard]] std::optional<rest::transport_result>& outcome() noexcept { return outcome_; }

 private:
  void finish(rest::transport_result r) {
    outcome_ = std::move(r);
    boost::system::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).close();
  }

  void on_connect(boost::system::error_code ec) {
    if (ec) {
      return finish(beast_error(ec == beast::error::timeout ? rest::transport_errc::timeout
                                                            : rest::transport_errc::connect_failed,
                                "connect", ec));
    }
    if constexpr (tls) {
      // SNI names hosts only; RFC 6066 §3 forbids an address there.
      if (!is_ip_literal(host_) &&
          SSL_set_tlsext_host_name(stream_.native_handle(), host_.c_str()) != 1)
        return finish(rest::transport_error{rest::transport_errc::tls_failed,
                                            "cannot set the TLS server name"});
      if (!options_.insecure_skip_verify)
        stream_.set_verify_callback(asio::ssl::host_name_verification(host_));
      beast::get_lowest_layer(stream_).expires_at(deadline_);
      stream_.async_handshake(asio::ssl::stream_base::client,
                              [this](boost::system::error_code e) { on_handshake(e); });
    } else {
      write();
    }
  }

  void on_handshake(boost::system::error_code ec) {
    if (ec) {
      return finish(beast_error(ec == beast::error::timeout ? rest::transport_errc::timeout
                                                            : rest::transport_errc::tls_failed,
                                "TLS handshake", ec));
    }
    write();
  }

  void write() {
    message_ = to_beast(request_);
    beast::get_lowest_layer(stream_).expires_at(deadline_);
    http::async_write(stream_, message_, [this](boost::system::error_code ec, std::size_t) {
      if (ec)
        return finish(beast_error(classify_io(ec), "write", ec));
      read();
    });
  }

  void read() {
    parser_.emplace();
    parser_->header_limit(beast_options::max_response_header);
    parser_->body_limit(options_.max_response_body);
    if (request_.method == rest::http_method::head)
      parser_->skip(true);  // a HEAD answer has a Content-Length but no body
    beast::get_lowest_layer(stream_).expires_at(deadline_);
    http::async_read(stream_, buffer_, *parser_, [this](boost::system::error_code ec, std::size_t) {
      if (ec)
        return finish(read_error(ec, options_.max_response_body));
      auto answer = parser_->release();
      rest::http_response response;
      response.status = static_cast<int>(answer.result_int());
      for (const auto& field : answer)
        response.headers.add(std::string(field.name_string()), std::string(field.value()));
      response.body = std::move(answer.body());
      // No close_notify round trip: the answer is complete, and a peer that never replies to
      // it would only cost time.
      finish(std::move(response));
    });
  }

  Stream& stream_;
  const beast_options& options_;
  const rest::http_request& request_;
  std::string host_;
  std::chrono::steady_clock::time_point connect_deadline_;
  std::chrono::steady_clock::time_point deadline_;
  http::request<http::string_body> message_;
  // Capped: without a cap, a chunk header or trailer that never ends grows it with every byte.
  beast::flat_buffer buffer_{beast_options::read_buffer_limit};
  std::optional<http::response_parser<http::string_body>> parser_;
  std::optional<rest::transport_result> outcome_;
};

}  // namespace detail

class beast_transport {
 public:
  explicit beast_transport(beast_options options = {}) : options_(std::move(options)) {}

  rest::transport_result operator()(const rest::http_request& request) {
    namespace asio = boost::asio;
    using rest::transport_errc;
    using rest::transport_error;

    for (const auto& h : request.headers) {
      if (!rest::is_valid_header_name(h.name) || !rest::is_valid_header_value(h.value))
        return transport_error{transport_errc::invalid_request,
                               "header " + h.name + " has a name or value that cannot be sent"};
    }
    const auto& url = request.url;
    const std::string scheme(url.scheme());
    const bool tls = partner_center::text::iequals(scheme, "https");
    if (!tls && !partner_center::text::iequals(scheme, "http"))
      return transport_error{transport_errc::invalid_request, "only http and https are spoken"};
    std::string host(url.host_address());  // IPv6 without brackets, names decoded
    const std::string port =
        url.has_port() && !url.port().empty() ? std::string(url.port()) : (tls ? "443" : "80");
    // Without certificate checks the bearer token goes to whoever answers: acceptable for a test
    // server on this machine only, and refused before any name is resolved or byte is sent.
    if (options_.insecure_skip_verify && !rest::is_loopback_host(host)) {
      return transport_error{transport_errc::invalid_request,
                             rest::insecure_skip_verify_refusal(host)};
    }

    std::unique_ptr<asio::ssl::context> context;
    if (tls) {
      auto made = make_tls_context();
      if (!made)
        return made.error();
      context = std::move(*made);
    }
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + options_.timeout;
    const auto connect_deadline = std::min(deadline, start + options_.connect_timeout);
    const auto endpoints = detail::resolve(host, port, url.encoded_host(), connect_deadline);
    if (!endpoints)
      return endpoints.error();
    asio::io_context io;
    if (tls) {
      asio::ssl::stream<boost::beast::tcp_stream> stream(io, *context);
      return run(io, stream, request, std::move(host), *endpoints, connect_deadline, deadline);
    }
    boost::beast::tcp_stream stream(io);
    return run(io, stream, request, std::move(host), *endpoints, connect_deadline, deadline);
  }

 private:
  template <class Stream>
  rest::transport_result run(boost::asio::io_context& io, Stream& stream,
                             const rest::http_request& request, std::string host,
                             const std::vector<boost::asio::ip::tcp::endpoint>& endpoints,
                             std::chrono::steady_clock::time_point connect_deadline,
                             std::chrono::steady_clock::time_point deadline) {
    detail::beast_exchange<Stream> exchange(stream, options_, request, std::move(host),
                                            connect_deadline, deadline);
    exchange.start(endpoints);
    io.run();
    if (!exchange.outcome())
      return rest::transport_error{rest::transport_errc::other, "the exchange did not complete"};
    return std::move(*exchange.outcome());
  }

  boost::system::result<std::unique_ptr<boost::asio::ssl::context>, rest::transport_error>
  make_tls_context() const {
    namespace ssl = boost::asio::ssl;
    auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
    boost::system::error_code ec;
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                             ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                             ssl::context::no_tlsv1_1,
                         ec);
    if (options_.ca_file.empty() && options_.ca_pem.empty())
      context->set_default_verify_paths(ec);  // a missing system store is not fatal here
    ec.clear();
    if (!options_.ca_file.empty())
      context->load_verify_file(options_.ca_file, ec);
    if (!ec && !options_.ca_pem.empty())
      context->add_certificate_authority(
          boost::asio::buffer(options_.ca_pem.data(), options_.ca_pem.size()), ec);
    if (ec)
      return rest::transport_error{rest::transport_errc::tls_failed,
                                   "loading trust anchors: " + ec.message()};
    context->set_verify_mode(options_.insecure_skip_verify ? ssl::verify_none : ssl::verify_peer);
    return context;
  }

  beast_options options_;
};

}  // namespace partner_center::transports
