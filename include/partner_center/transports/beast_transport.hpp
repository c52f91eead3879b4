#pragma once

// A Boost.Beast transport for rest::client, with OpenSSL for https. Include it only where
// OpenSSL::SSL and OpenSSL::Crypto are linked; the rest of the library does not need them.
//
//   rest::client c{transports::beast_transport{{.timeout = 30s}}, options};
//
// Each request opens its own connection and closes it after the answer: simple, and a retry never
// inherits a half-dead connection. Every step runs against one deadline (connect, TLS handshake,
// write, read), so a server that stops answering costs at most `timeout`. Redirects are returned
// as answers, not followed. One transport is not meant for several threads at once.

#include <partner_center/rest/http.hpp>
#include <partner_center/rest/response.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
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
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace partner_center::transports {

struct beast_options {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{120'000};  // the whole exchange, connect included
  std::size_t max_response_body = rest::max_response_body;
  bool verify_peer = true;       // certificate chain and host name
  bool use_system_trust = true;  // the system's trust anchors (OpenSSL's default paths)
  std::string ca_file{};         // PEM file of extra trust anchors
  std::string ca_pem{};          // PEM text of extra trust anchors (e.g. a test certificate)
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

// One request on one connection, as a chain of completion handlers run by the caller's
// io_context: resolve, connect, (TLS handshake,) write, read. Each step is bounded by the
// deadline. Plain callbacks rather than C++20 coroutines: clang 14 cannot assemble coroutine
// frames with debug information ("Cannot represent a difference across sections").
template <class Stream>
class beast_exchange {
 public:
  static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;

  beast_exchange(Stream& stream, const beast_options& options, const rest::http_request& request,
                 std::string host, std::string port)
      : stream_(stream)
      , options_(options)
      , request_(request)
      , host_(std::move(host))
      , port_(std::move(port))
      , resolver_(stream.get_executor())
      , resolve_timer_(stream.get_executor())
      , deadline_(std::chrono::steady_clock::now() + options.timeout)
      , connect_deadline_(
            std::min(deadline_, std::chrono::steady_clock::now() + options.connect_timeout)) {}

  void start() {
    // The resolver has no deadline of its own: a timer cancels it.
    resolve_timer_.expires_at(connect_deadline_);
    resolve_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) {
        resolve_timed_out_ = true;
        resolver_.cancel();
      }
    });
    resolver_.async_resolve(host_, port_,
                            [this](boost::system::error_code ec, tcp::resolver::results_type r) {
                              on_resolve(ec, std::move(r));
                            });
  }

  [[nodiscard]] std::optional<rest::transport_result>& outcome() noexcept { return outcome_; }

 private:
  void finish(rest::transport_result r) {
    outcome_ = std::move(r);
    boost::system::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).close();
  }

  void on_resolve(boost::system::error_code ec, tcp::resolver::results_type endpoints) {
    resolve_timer_.cancel();
    if (ec) {
      return finish(resolve_timed_out_
                        ? beast_error(rest::transport_errc::timeout, "resolve", ec)
                        : beast_error(rest::transport_errc::resolve_failed, "resolve", ec));
    }
    auto& lowest = beast::get_lowest_layer(stream_);
    lowest.expires_at(connect_deadline_);
    lowest.async_connect(
        endpoints, [this](boost::system::error_code e, const tcp::endpoint&) { on_connect(e); });
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
      if (options_.verify_peer)
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
    parser_->body_limit(options_.max_response_body);
    if (request_.method == rest::http_method::head)
      parser_->skip(true);  // a HEAD answer has a Content-Length but no body
    beast::get_lowest_layer(stream_).expires_at(deadline_);
    http::async_read(stream_, buffer_, *parser_, [this](boost::system::error_code ec, std::size_t) {
      if (ec)
        return finish(beast_error(classify_io(ec), "read", ec));
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
  std::string port_;
  tcp::resolver resolver_;
  asio::steady_timer resolve_timer_;
  bool resolve_timed_out_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::steady_clock::time_point connect_deadline_;
  http::request<http::string_body> message_;
  beast::flat_buffer buffer_;
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
    const bool tls = rest::iequals_ascii(scheme, "https");
    if (!tls && !rest::iequals_ascii(scheme, "http"))
      return transport_error{transport_errc::invalid_request, "only http and https are spoken"};
    std::string host(url.host_address());  // IPv6 without brackets, names decoded
    std::string port = url.has_port() ? std::string(url.port()) : (tls ? "443" : "80");

    asio::io_context io;
    if (tls) {
      auto context = make_tls_context();
      if (!context)
        return context.error();
      asio::ssl::stream<boost::beast::tcp_stream> stream(io, **context);
      return run(io, stream, request, std::move(host), std::move(port));
    }
    boost::beast::tcp_stream stream(io);
    return run(io, stream, request, std::move(host), std::move(port));
  }

 private:
  template <class Stream>
  rest::transport_result run(boost::asio::io_context& io, Stream& stream,
                             const rest::http_request& request, std::string host,
                             std::string port) {
    detail::beast_exchange<Stream> exchange(stream, options_, request, std::move(host),
                                            std::move(port));
    exchange.start();
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
    if (options_.use_system_trust)
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
    context->set_verify_mode(options_.verify_peer ? ssl::verify_peer : ssl::verify_none);
    return context;
  }

  beast_options options_;
};

}  // namespace partner_center::transports
