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

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
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
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
    const std::string port = url.has_port() ? std::string(url.port()) : (tls ? "443" : "80");

    asio::io_context io;
    std::optional<rest::transport_result> outcome;
    auto done = [&outcome](std::exception_ptr e, rest::transport_result r) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& x) {
          outcome = transport_error{transport_errc::other, x.what()};
        }
        return;
      }
      outcome = std::move(r);
    };
    // Outlives io.run(): the TLS stream points at it.
    std::unique_ptr<boost::asio::ssl::context> context;
    if (tls) {
      auto made = make_tls_context();
      if (!made)
        return made.error();
      context = std::move(*made);
      asio::co_spawn(io, exchange_tls(request, host, port, *context), done);
    } else {
      asio::co_spawn(io, exchange_plain(request, host, port), done);
    }
    io.run();
    if (!outcome)
      return transport_error{transport_errc::other, "the exchange did not complete"};
    return std::move(*outcome);
  }

 private:
  using tcp = boost::asio::ip::tcp;

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

  boost::beast::http::request<boost::beast::http::string_body> to_beast(
      const rest::http_request& request) const {
    namespace http = boost::beast::http;
    const std::string target(request.url.encoded_target().empty() ? "/"
                                                                  : request.url.encoded_target());
    http::request<http::string_body> out{detail::to_verb(request.method), target, 11};
    out.set(http::field::host, std::string(request.url.encoded_host_and_port()));
    for (const auto& h : request.headers)
      out.insert(h.name, h.value);
    out.body() = request.body;
    if (!request.body.empty() || request.method == rest::http_method::post)
      out.prepare_payload();
    return out;
  }

  template <class Stream>
  boost::asio::awaitable<rest::transport_result> talk(
      Stream& stream, const rest::http_request& request,
      std::chrono::steady_clock::time_point deadline) {
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    namespace http = boost::beast::http;
    using rest::transport_errc;
    auto& lowest = beast::get_lowest_layer(stream);
    auto message = to_beast(request);
    lowest.expires_at(deadline);
    auto [write_ec, written] =
        co_await http::async_write(stream, message, asio::as_tuple(asio::use_awaitable));
    if (write_ec)
      co_return detail::beast_error(detail::classify_io(write_ec), "write", write_ec);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(options_.max_response_body);
    if (request.method == rest::http_method::head)
      parser.skip(true);  // a HEAD answer has a Content-Length but no body
    lowest.expires_at(deadline);
    auto [read_ec, read] =
        co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (read_ec)
      co_return detail::beast_error(detail::classify_io(read_ec), "read", read_ec);
    auto answer = parser.release();
    rest::http_response response;
    response.status = static_cast<int>(answer.result_int());
    for (const auto& field : answer)
      response.headers.add(std::string(field.name_string()), std::string(field.value()));
    response.body = std::move(answer.body());
    co_return response;
  }

  // Resolves and connects within connect_timeout (and the overall deadline).
  boost::asio::awaitable<std::optional<rest::transport_error>> connect(
      boost::beast::tcp_stream& stream, const std::string& host, const std::string& port,
      std::chrono::steady_clock::time_point deadline) {
    namespace asio = boost::asio;
    using rest::transport_errc;
    const auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(host, port, asio::as_tuple(asio::use_awaitable));
    if (resolve_ec)
      co_return detail::beast_error(transport_errc::resolve_failed, "resolve", resolve_ec);
    const auto connect_deadline =
        std::min(deadline, std::chrono::steady_clock::now() + options_.connect_timeout);
    stream.expires_at(connect_deadline);
    auto [connect_ec, endpoint] =
        co_await stream.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
    if (connect_ec) {
      co_return detail::beast_error(connect_ec == boost::beast::error::timeout
                                        ? transport_errc::timeout
                                        : transport_errc::connect_failed,
                                    "connect", connect_ec);
    }
    co_return std::nullopt;
  }

  boost::asio::awaitable<rest::transport_result> exchange_plain(rest::http_request request,
                                                                std::string host,
                                                                std::string port) {
    namespace asio = boost::asio;
    const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
    const auto executor = co_await asio::this_coro::executor;
    boost::beast::tcp_stream stream(executor);
    if (auto failed = co_await connect(stream, host, port, deadline))
      co_return std::move(*failed);
    auto result = co_await talk(stream, request, deadline);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return result;
  }

  boost::asio::awaitable<rest::transport_result> exchange_tls(rest::http_request request,
                                                              std::string host, std::string port,
                                                              boost::asio::ssl::context& context) {
    namespace asio = boost::asio;
    namespace ssl = boost::asio::ssl;
    using rest::transport_errc;
    const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
    const auto executor = co_await asio::this_coro::executor;
    ssl::stream<boost::beast::tcp_stream> stream(executor, context);
    if (auto failed =
            co_await connect(boost::beast::get_lowest_layer(stream), host, port, deadline))
      co_return std::move(*failed);
    // SNI names hosts only; RFC 6066 §3 forbids an address there.
    if (!detail::is_ip_literal(host) &&
        SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()) != 1)
      co_return rest::transport_error{transport_errc::tls_failed, "cannot set the TLS server name"};
    if (options_.verify_peer)
      stream.set_verify_callback(ssl::host_name_verification(host));
    boost::beast::get_lowest_layer(stream).expires_at(deadline);
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::client,
                                                          asio::as_tuple(asio::use_awaitable));
    if (handshake_ec) {
      co_return detail::beast_error(handshake_ec == boost::beast::error::timeout
                                        ? transport_errc::timeout
                                        : transport_errc::tls_failed,
                                    "TLS handshake", handshake_ec);
    }
    auto result = co_await talk(stream, request, deadline);
    // No close_notify round trip: the answer is complete, and a peer that never replies to it
    // would only cost time.
    boost::system::error_code ignored;
    boost::beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return result;
  }

  beast_options options_;
};

}  // namespace partner_center::transports
