#pragma once

// A libcurl transport for rest::client. Include it only where libcurl is linked
// (CURL::libcurl); the rest of the library does not need it.
//
//   rest::client c{transports::curl_transport{{.timeout = 30s}}, options};
//
// One transport owns one easy handle, so its connections are reused between requests; use one
// transport per thread. Redirects are not followed (the Authorization header must not travel
// to another host) and only http and https are spoken.

#include <partner_center/rest/http.hpp>
#include <partner_center/rest/response.hpp>

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace partner_center::transports {

struct curl_options {
  // The .NET SDK's HttpClient waits 3 minutes (facts §5.11); a create usually answers in seconds.
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{120'000};  // the whole exchange
  std::size_t max_response_body = rest::max_response_body;
  bool verify_peer = true;  // certificate chain and host name
  std::string ca_file{};    // PEM file of trust anchors; empty: the system's
  std::string ca_pem{};     // PEM text of trust anchors (e.g. a test certificate); empty: none
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

struct curl_exchange {
  rest::http_response response;
  std::size_t limit = 0;
  bool over_limit = false;
};

inline std::size_t on_curl_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<curl_exchange*>(user);
  const std::size_t n = size * count;
  if (exchange->response.body.size() + n > exchange->limit) {
    exchange->over_limit = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  exchange->response.body.append(data, n);
  return n;
}

inline std::size_t on_curl_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<curl_exchange*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    exchange->response.headers = {};  // a new response (after 100 Continue or a proxy's)
    return n;
  }
  const std::size_t colon = line.find(':');
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

inline rest::transport_errc classify(CURLcode code, bool over_limit) noexcept {
  using rest::transport_errc;
  if (over_limit)
    return transport_errc::protocol;
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

}  // namespace detail

class curl_transport {
 public:
  explicit curl_transport(curl_options options = {}) : options_(std::move(options)) {
    detail::curl_global_once();
    handle_.reset(curl_easy_init());
  }

  rest::transport_result operator()(const rest::http_request& request) {
    using rest::transport_errc;
    using rest::transport_error;
    if (!handle_)
      return transport_error{transport_errc::other, "curl_easy_init failed"};

    std::unique_ptr<curl_slist, detail::curl_slist_deleter> headers;
    for (const auto& h : request.headers) {
      if (!rest::is_valid_header_name(h.name) || !rest::is_valid_header_value(h.value))
        return transport_error{transport_errc::invalid_request,
                               "header " + h.name + " has a name or value that cannot be sent"};
      // "Name;" is curl's spelling of a header with an empty value.
      const std::string line = h.value.empty() ? h.name + ";" : h.name + ": " + h.value;
      curl_slist* appended = curl_slist_append(headers.get(), line.c_str());
      if (appended == nullptr)
        return transport_error{transport_errc::other, "out of memory"};
      (void)headers.release();
      headers.reset(appended);
    }
    // No "Expect: 100-continue" round trip for bodies; the body is small.
    if (curl_slist* appended = curl_slist_append(headers.get(), "Expect:")) {
      (void)headers.release();
      headers.reset(appended);
    }

    CURL* curl = handle_.get();
    curl_easy_reset(curl);  // options back to defaults; live connections are kept
    detail::curl_exchange exchange;
    exchange.limit = options_.max_response_body;
    char error_text[CURL_ERROR_SIZE] = {};
    const std::string url(request.url.buffer());

    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: thread-safe
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &detail::on_curl_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &detail::on_curl_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, options_.verify_peer ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, options_.verify_peer ? 2L : 0L);
    if (!options_.ca_file.empty())
      curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
    curl_blob ca_blob{};
    if (!options_.ca_pem.empty()) {
      ca_blob.data = const_cast<char*>(options_.ca_pem.data());
      ca_blob.len = options_.ca_pem.size();
      ca_blob.flags = CURL_BLOB_COPY;
      curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &ca_blob);
    }

    switch (request.method) {
      case rest::http_method::get:
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        break;
      case rest::http_method::head:
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
        break;
      case rest::http_method::post:
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        break;
      default:
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST,
                         std::string(to_string(request.method)).c_str());
        break;
    }
    if (request.method != rest::http_method::get && request.method != rest::http_method::head) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    }

    const CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
      std::string detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
      if (exchange.over_limit)
        detail =
            "the response body exceeds " + std::to_string(options_.max_response_body) + " bytes";
      return transport_error{detail::classify(code, exchange.over_limit), std::move(detail)};
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    exchange.response.status = static_cast<int>(status);
    return std::move(exchange.response);
  }

 private:
  curl_options options_;
  std::unique_ptr<CURL, detail::curl_easy_deleter> handle_;
};

}  // namespace partner_center::transports
