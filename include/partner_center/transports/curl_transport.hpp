#pragma once

// A libcurl transport for rest::client. Include it only where libcurl is linked
// (CURL::libcurl); the rest of the library does not need it.
//
//   rest::client c{transports::curl_transport{{.timeout = 30s}}, options};
//
// One transport owns one easy handle, so its connections are reused between requests; use one
// transport per thread. Redirects are not followed (the Authorization header must not travel
// to another host) and only http and https are spoken, over TLS 1.2 or newer. A proxy is used
// only when curl_options::proxy names one: the environment's proxy variables are never read.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/response.hpp>

#include <boost/system/result.hpp>
#include <boost/url/scheme.hpp>

#include <curl/curl.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace partner_center::transports {

struct curl_options {
  // A create usually answers in seconds; two minutes leave room for a slow one. Both must be
  // positive (the constructor throws std::invalid_argument otherwise).
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{120'000};  // the whole exchange
  std::size_t max_response_body = rest::max_response_body;
  // The proxy, e.g. "http://proxy.example:3128"; empty: none. http_proxy, HTTPS_PROXY, ALL_PROXY,
  // NO_PROXY and the like are ignored, and an http:// URL to a loopback host never goes through
  // a proxy, this one included.
  std::string proxy{};
  // Skips certificate chain and host name verification. Accepted only for a loopback host (a
  // test server on this machine); a request to any other host is refused before it is sent.
  bool insecure_skip_verify = false;
  // Trust anchors of the caller's: a private CA means trust exactly it. Either one REPLACES the
  // system's trust store (its bundle and its directory); both empty: the system's. Give one, not
  // both (the constructor throws std::invalid_argument).
  std::string ca_file{};  // a PEM file
  std::string ca_pem{};   // PEM text (e.g. a test certificate)
};

namespace detail {

inline void curl_global_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct curl_easy_deleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};

struct curl_slist_deleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

using curl_header_list = std::unique_ptr<curl_slist, curl_slist_deleter>;

// What the callbacks collect, and why they stopped the transfer if they did.
struct curl_exchange {
  // Caps on the header section of an answer, the same whatever the libcurl version: libcurl's
  // own caps differ between versions (one on the total arrived only in 8.3.0,
  // https://curl.se/docs/CVE-2023-38039.html). Partner Center answers carry a few dozen fields.
  static constexpr std::size_t max_header_bytes = 64 * 1024;  // every line, status lines too
  static constexpr std::size_t max_header_fields = 100;

  rest::http_response response;
  std::size_t max_body = 0;
  std::size_t header_bytes = 0;
  std::size_t header_fields = 0;
  std::string refused;  // why a callback stopped the transfer; empty: none did
};

inline std::size_t on_curl_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<curl_exchange*>(user);
  const std::size_t n = size * count;
  if (exchange->response.body.size() + n > exchange->max_body) {
    exchange->refused =
        "the response body exceeds " + std::to_string(exchange->max_body) + " bytes";
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  exchange->response.body.append(data, n);
  return n;
}

// Counts one header line against the caps; false, with the reason kept, beyond either.
inline bool within_header_caps(curl_exchange& exchange, std::size_t line_bytes, bool is_field) {
  exchange.header_bytes += line_bytes;
  if (exchange.header_bytes > curl_exchange::max_header_bytes) {
    exchange.refused =
        "the response headers exceed " + std::to_string(curl_exchange::max_header_bytes) + " bytes";
    return false;
  }
  if (is_field && ++exchange.header_fields > curl_exchange::max_header_fields) {
    exchange.refused = "the response has more than " +
                       std::to_string(curl_exchange::max_header_fields) + " header fields";
    return false;
  }
  return true;
}

inline std::size_t on_curl_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<curl_exchange*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  const bool status_line = line.starts_with("HTTP/");
  const std::size_t colon = status_line ? std::string_view::npos : line.find(':');
  if (!within_header_caps(*exchange, n, colon != std::string_view::npos))
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  if (status_line) {
    exchange->response.headers = {};  // a new response (after 100 Continue or a proxy's)
    return n;
  }
  if (colon == std::string_view::npos)
    return n;  // the blank line, or folding this library does not need
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
    value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ' ||
                            value.back() == '\t'))
    value.remove_suffix(1);
  exchange->response.headers.add(std::string(line.substr(0, colon)), std::string(value));
  return n;
}

inline rest::transport_errc classify(CURLcode code) noexcept {
  using rest::transport_errc;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return transport_errc::resolve_failed;
    case CURLE_COULDNT_CONNECT:
      return transport_errc::connect_failed;
    case CURLE_OPERATION_TIMEDOUT:
      return transport_errc::timeout;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
      return transport_errc::connection_closed;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return transport_errc::tls_failed;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return transport_errc::protocol;
    case CURLE_URL_MALFORMAT:
      return transport_errc::invalid_request;
    default:
      return transport_errc::other;
  }
}

// "CURLOPT_URL" for CURLOPT_URL, from libcurl's own table of options.
inline std::string curl_option_name(CURLoption option) {
  if (const curl_easyoption* known = curl_easy_option_by_id(option))
    return std::string("CURLOPT_") + known->name;
  return "CURLOPT #" + std::to_string(static_cast<int>(option));
}

// Sets options on one easy handle and keeps the first one libcurl refuses, named, e.g.
// "CURLOPT_URL: A libcurl function was given a bad argument". A refused option ends the call:
// the request would otherwise go out with libcurl's default in its place (no URL, another trust
// store, TLS 1.0).
class curl_option_setter {
 public:
  explicit curl_option_setter(CURL* handle) noexcept : handle_(handle) {}

  template <class Value>
  void operator()(CURLoption option, Value value) {
    // libcurl reads a number as a long or a curl_off_t; an int in its variadic list is neither.
    static_assert(!std::is_integral_v<Value> || std::is_same_v<Value, long> ||
                  std::is_same_v<Value, curl_off_t>);
    if (failure_)
      return;
    const CURLcode code = curl_easy_setopt(handle_, option, value);
    if (code == CURLE_OK)
      return;
    // The same request would be refused again; out of memory may pass.
    const auto errc = code == CURLE_OUT_OF_MEMORY ? rest::transport_errc::other
                                                  : rest::transport_errc::invalid_request;
    failure_ =
        rest::transport_error{errc, curl_option_name(option) + ": " + curl_easy_strerror(code)};
  }

  [[nodiscard]] const std::optional<rest::transport_error>& failure() const noexcept {
    return failure_;
  }

 private:
  CURL* handle_;
  std::optional<rest::transport_error> failure_;
};

}  // namespace detail

class curl_transport {
 public:
  explicit curl_transport(curl_options options = {})
      : options_(checked(std::move(options)))
      , error_text_(std::make_unique<std::array<char, CURL_ERROR_SIZE>>()) {
    detail::curl_global_once();
    handle_.reset(curl_easy_init());
  }

  rest::transport_result operator()(const rest::http_request& request) {
    if (!handle_)
      return rest::transport_error{rest::transport_errc::other, "curl_easy_init failed"};
    if (auto refused = refuse_insecure(request))
      return std::move(*refused);
    auto headers = header_list(request);
    if (!headers)
      return headers.error();

    curl_easy_reset(handle_.get());  // options back to defaults; live connections are kept
    detail::curl_exchange exchange;
    exchange.max_body = options_.max_response_body;
    const std::string url(request.url.buffer());
    detail::curl_option_setter set(handle_.get());
    set_transfer(set, url);
    set_proxy(set, request);
    set_tls(set);
    set_exchange(set, headers->get(), exchange);
    set_method(set, request);
    if (set.failure())
      return *set.failure();
    return perform(exchange);
  }

 private:
  static curl_options checked(curl_options options) {
    if (options.connect_timeout.count() <= 0)
      throw std::invalid_argument("curl_options: connect_timeout must be positive");
    if (options.timeout.count() <= 0)
      throw std::invalid_argument("curl_options: timeout must be positive");
    // libcurl would read the PEM text and silently skip the file: CURLOPT_CAINFO_BLOB "overrides
    // CURLOPT_CAINFO" (https://curl.se/libcurl/c/CURLOPT_CAINFO_BLOB.html).
    if (!options.ca_file.empty() && !options.ca_pem.empty())
      throw std::invalid_argument("curl_options: give ca_file or ca_pem, not both");
    return options;
  }

  // Certificate checks are switched off for a test server on this machine only: anywhere else
  // the bearer token would go to whoever answers.
  std::optional<rest::transport_error> refuse_insecure(const rest::http_request& request) const {
    if (!options_.insecure_skip_verify)
      return std::nullopt;
    const auto host = request.url.encoded_host();
    const std::string_view host_text(host.data(), host.size());
    if (rest::is_loopback_host(host_text))
      return std::nullopt;
    return rest::transport_error{rest::transport_errc::invalid_request,
                                 rest::insecure_skip_verify_refusal(host_text)};
  }

  // The request's fields in curl's spelling. A name or value that cannot be sent is refused.
  static boost::system::result<detail::curl_header_list, rest::transport_error> header_list(
      const rest::http_request& request) {
    detail::curl_header_list list;
    const auto append = [&list](const std::string& line) {
      curl_slist* appended = curl_slist_append(list.get(), line.c_str());
      if (appended != nullptr) {
        (void)list.release();  // now the head of `appended`
        list.reset(appended);
      }
      return appended != nullptr;
    };
    const rest::transport_error out_of_memory{rest::transport_errc::other, "out of memory"};
    for (const auto& h : request.headers) {
      if (!rest::is_valid_header_name(h.name) || !rest::is_valid_header_value(h.value))
        return rest::transport_error{
            rest::transport_errc::invalid_request,
            "header " + h.name + " has a name or value that cannot be sent"};
      // "Name;" is curl's spelling of a header with an empty value.
      if (!append(h.value.empty() ? h.name + ";" : h.name + ": " + h.value))
        return out_of_memory;
    }
    // No "Expect: 100-continue" round trip for bodies; the body is small.
    if (!append("Expect:"))
      return out_of_memory;
    return list;
  }

  void set_transfer(detail::curl_option_setter& set, const std::string& url) {
    (*error_text_)[0] = '\0';
    set(CURLOPT_ERRORBUFFER, error_text_->data());
    set(CURLOPT_URL, url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0
    set(CURLOPT_PROTOCOLS_STR, "http,https");
#else
    set(CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: thread-safe
    set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    set(CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  }

  // Any process that can set http_proxy would otherwise receive every request, bearer token
  // included, in clear for http://. Setting CURLOPT_PROXY overrides the environment, and "" "will
  // explicitly disable the use of a proxy, even if there is an environment variable set for it"
  // (https://curl.se/libcurl/c/CURLOPT_PROXY.html). CURLOPT_NOPROXY likewise replaces NO_PROXY:
  // "*" matches every host, "" none (https://curl.se/libcurl/c/CURLOPT_NOPROXY.html).
  void set_proxy(detail::curl_option_setter& set, const rest::http_request& request) const {
    set(CURLOPT_PROXY, options_.proxy.c_str());
    const auto host = request.url.encoded_host();
    const bool clear_text_loopback =
        request.url.scheme_id() == boost::urls::scheme::http &&
        rest::is_loopback_host(std::string_view(host.data(), host.size()));
    // A token sent in clear to this machine must not cross the network to a proxy.
    set(CURLOPT_NOPROXY, clear_text_loopback ? "*" : "");
  }

  void set_tls(detail::curl_option_setter& set) const {
    // TLS 1.0 and 1.1 are deprecated (RFC 8996).
    set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    set(CURLOPT_SSL_VERIFYPEER, options_.insecure_skip_verify ? 0L : 1L);
    set(CURLOPT_SSL_VERIFYHOST, options_.insecure_skip_verify ? 0L : 2L);
    if (options_.ca_file.empty() && options_.ca_pem.empty())
      return;
    // Trust exactly the caller's anchors. libcurl also searches a CA directory chosen when it was
    // built (/etc/ssl/certs on Debian) unless CURLOPT_CAPATH is set to NULL
    // (https://curl.se/libcurl/c/CURLOPT_CAPATH.html); the bundle is CURLOPT_CAINFO's default.
    set(CURLOPT_CAPATH, static_cast<const char*>(nullptr));
    if (!options_.ca_file.empty()) {
      set(CURLOPT_CAINFO, options_.ca_file.c_str());
      return;
    }
    set(CURLOPT_CAINFO, static_cast<const char*>(nullptr));
    curl_blob blob{};
    blob.data = const_cast<char*>(options_.ca_pem.data());  // copied: CURL_BLOB_COPY
    blob.len = options_.ca_pem.size();
    blob.flags = CURL_BLOB_COPY;
    set(CURLOPT_CAINFO_BLOB, &blob);  // a TLS backend without blobs refuses it: an error
  }

  static void set_exchange(detail::curl_option_setter& set, curl_slist* headers,
                           detail::curl_exchange& exchange) {
    set(CURLOPT_HTTPHEADER, headers);
    set(CURLOPT_WRITEFUNCTION, &detail::on_curl_body);
    set(CURLOPT_WRITEDATA, &exchange);
    set(CURLOPT_HEADERFUNCTION, &detail::on_curl_header);
    set(CURLOPT_HEADERDATA, &exchange);
  }

  static void set_method(detail::curl_option_setter& set, const rest::http_request& request) {
    switch (request.method) {
      case rest::http_method::get:
        set(CURLOPT_HTTPGET, 1L);
        return;  // no body
      case rest::http_method::head:
        set(CURLOPT_NOBODY, 1L);
        return;  // no body
      case rest::http_method::post:
        set(CURLOPT_POST, 1L);
        break;
      default:
        set(CURLOPT_CUSTOMREQUEST, to_string(request.method).data());  // a literal: terminated
        break;
    }
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    set(CURLOPT_POSTFIELDS, request.body.data());
  }

  rest::transport_result perform(detail::curl_exchange& exchange) {
    const CURLcode code = curl_easy_perform(handle_.get());
    if (!exchange.refused.empty())
      return rest::transport_error{rest::transport_errc::protocol, std::move(exchange.refused)};
    if (code != CURLE_OK) {
      const char* text = (*error_text_)[0] != '\0' ? error_text_->data() : curl_easy_strerror(code);
      return rest::transport_error{detail::classify(code), text};
    }
    long status = 0;
    if (const CURLcode got = curl_easy_getinfo(handle_.get(), CURLINFO_RESPONSE_CODE, &status);
        got != CURLE_OK)
      return rest::transport_error{
          rest::transport_errc::other,
          std::string("CURLINFO_RESPONSE_CODE: ") + curl_easy_strerror(got)};
    exchange.response.status = static_cast<int>(status);
    return std::move(exchange.response);
  }

  curl_options options_;
  // libcurl's error text of the current transfer (CURLOPT_ERRORBUFFER). On the heap, so that
  // a moved transport keeps its address, and declared before handle_, so that it outlives it.
  std::unique_ptr<std::array<char, CURL_ERROR_SIZE>> error_text_;
  std::unique_ptr<CURL, detail::curl_easy_deleter> handle_;
};

}  // namespace partner_center::transports
