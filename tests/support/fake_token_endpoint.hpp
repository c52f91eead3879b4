#pragma once

// A Microsoft Entra token endpoint stand-in for the auth tests: a Boost.Beast server on
// 127.0.0.1, an ephemeral port, its own thread. It serves the refresh-token grant on
//   /{tenant}/oauth2/token       (v1: `resource`, numbers as strings, expires_on)
//   /{tenant}/oauth2/v2.0/token  (v2: `scope` with offline_access, numbers as numbers)
// checks the form as Entra ID does (grant_type, client_id, refresh_token, resource or scope, the
// client secret or a client assertion verified against the app's certificate), issues short-lived
// JWT-shaped access tokens (unsigned; claims tid, oid, upn, amr, exp...), rotates the refresh
// token on every success (the old one then dies: invalid_grant, AADSTS70008), and answers any
// scripted error instead: each AADSTS code, 429 with Retry-After, 503.
//
//   test::fake_token_endpoint endpoint({.client_secret = "s"});
//   options.request.authority = auth::authority::parse(endpoint.authority()).value();
//   endpoint.push_error(test::token_error::for_code(70008));

#include <partner_center/auth/detail/base64url.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace partner_center::test {

// One scripted refusal.
struct token_error {
  int status = 400;
  std::string error = "invalid_grant";
  std::int64_t code = 0;  // AADSTS; 0 sends no error_codes
  std::string description;
  std::string retry_after;  // Retry-After header; empty: none

  // The status and OAuth error Entra ID answers with for a code (reference-error-codes).
  static token_error for_code(std::int64_t code) {
    token_error e;
    e.code = code;
    e.description = "AADSTS" + std::to_string(code) + ": scripted by the fake token endpoint.";
    switch (code) {
      case 7000215:
      case 7000222:
      case 700027:
        e.status = 401;
        e.error = "invalid_client";
        break;
      case 50076:
      case 50079:
        e.error = "interaction_required";
        break;
      case 50196:
        e.error = "invalid_request";
        break;
      default:
        break;
    }
    return e;
  }
  static token_error throttled(std::string retry_after) {
    token_error e;
    e.status = 429;
    e.error.clear();
    e.retry_after = std::move(retry_after);
    return e;
  }
  static token_error unavailable() {
    token_error e;
    e.status = 503;
    e.error = "temporarily_unavailable";
    e.description = "AADSTS90033: A transient error has occurred. Please try again.";
    return e;
  }
};

struct fake_token_options {
  std::string tenant_id = "2f7e2a0b-6c1d-4f3e-9a8b-5c4d3e2f1a0b";
  std::string tenant_domain = "contoso.onmicrosoft.com";  // the path may name either
  std::string client_id = "8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d";
  // The app's credential: a secret, a certificate (PEM) for client assertions, or neither (a
  // public client).
  std::string client_secret{};
  std::string certificate_pem{};
  std::string resource = "https://api.partnercenter.microsoft.com";
  std::string refresh_token = "0.AR8A-initial-refresh-token";
  std::chrono::seconds lifetime{3600};            // of each access token
  std::chrono::milliseconds answer_delay{0};      // every answer waits this long
  std::vector<std::string> amr = {"pwd", "mfa"};  // the access token's amr claim
};

class fake_token_endpoint {
 public:
  explicit fake_token_endpoint(fake_token_options options = {})
      : options_(std::move(options))
      , acceptor_(io_) {
    valid_refresh_token_ = options_.refresh_token;
    namespace asio = boost::asio;
    const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~fake_token_endpoint() {
    io_.stop();
    if (thread_.joinable())
      thread_.join();
  }
  fake_token_endpoint(const fake_token_endpoint&) = delete;
  fake_token_endpoint& operator=(const fake_token_endpoint&) = delete;

  [[nodiscard]] std::string authority() const {
    return "http://127.0.0.1:" + std::to_string(port_);
  }
  [[nodiscard]] const fake_token_options& options() const noexcept { return options_; }

  void push_error(token_error e) {
    std::lock_guard lock(mutex_);
    scripted_.push_back(std::move(e));
  }
  // Requests received, successes answered.
  [[nodiscard]] std::size_t requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  [[nodiscard]] std::size_t issued() const {
    std::lock_guard lock(mutex_);
    return issued_;
  }
  // The refresh token the next exchange must present.
  [[nodiscard]] std::string valid_refresh_token() const {
    std::lock_guard lock(mutex_);
    return valid_refresh_token_;
  }
  // The last access token issued.
  [[nodiscard]] std::string last_access_token() const {
    std::lock_guard lock(mutex_);
    return last_access_token_;
  }
  // Whether `access_token` is one this endpoint issued, not revoked and not expired: what a
  // resource server (the fake Partner Center's accept_token) checks.
  [[nodiscard]] bool accepts(std::string_view access_token) const {
    std::lock_guard lock(mutex_);
    const auto found = access_tokens_.find(std::string(access_token));
    if (found == access_tokens_.end())
      return false;
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    return now < found->second;
  }
  // Every access token issued so far stops being accepted (revoked sessions, a policy change).
  void revoke_access_tokens() {
    std::lock_guard lock(mutex_);
    access_tokens_.clear();
  }
  // The decoded form and path of the last request.
  [[nodiscard]] std::map<std::string, std::string> last_form() const {
    std::lock_guard lock(mutex_);
    return last_form_;
  }
  [[nodiscard]] std::string last_path() const {
    std::lock_guard lock(mutex_);
    return last_path_;
  }
  // Why the last request was refused, when the fake refused it for its form.
  [[nodiscard]] std::string last_problem() const {
    std::lock_guard lock(mutex_);
    return last_problem_;
  }

  // application/x-www-form-urlencoded, decoded independently of the library's encoder.
  static std::map<std::string, std::string> decode_form(std::string_view body) {
    std::map<std::string, std::string> out;
    auto decode = [](std::string_view s) {
      std::string r;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
          r += ' ';
        } else if (s[i] == '%' && i + 2 < s.size()) {
          r += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
          i += 2;
        } else {
          r += s[i];
        }
      }
      return r;
    };
    while (!body.empty()) {
      const std::size_t amp = body.find('&');
      const std::string_view field = body.substr(0, amp);
      const std::size_t eq = field.find('=');
      out[decode(field.substr(0, eq))] =
          eq == std::string_view::npos ? std::string() : decode(field.substr(eq + 1));
      body.remove_prefix(amp == std::string_view::npos ? body.size() : amp + 1);
    }
    return out;
  }

 private:
  using tcp = boost::asio::ip::tcp;
  using request_type = boost::beast::http::request<boost::beast::http::string_body>;
  using response_type = boost::beast::http::response<boost::beast::http::string_body>;

  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec)
        return;
      std::make_shared<session>(*this, std::move(socket))->start();
      accept();
    });
  }

  class session : public std::enable_shared_from_this<session> {
   public:
    session(fake_token_endpoint& server, tcp::socket socket)
        : server_(server)
        , stream_(std::move(socket))
        , timer_(stream_.get_executor()) {}

    void start() { read(); }

   private:
    void read() {
      auto self = shared_from_this();
      request_ = {};
      stream_.expires_after(std::chrono::seconds(30));
      boost::beast::http::async_read(stream_, buffer_, request_,
                                     [self](boost::system::error_code ec, std::size_t) {
                                       if (ec)
                                         return self->close();
                                       self->answer();
                                     });
    }
    void answer() {
      response_ = server_.handle(request_);
      response_.version(request_.version());
      response_.keep_alive(request_.keep_alive());
      response_.prepare_payload();
      if (server_.options_.answer_delay.count() == 0)
        return write();
      auto self = shared_from_this();
      timer_.expires_after(server_.options_.answer_delay);
      timer_.async_wait([self](boost::system::error_code) { self->write(); });
    }
    void write() {
      auto self = shared_from_this();
      boost::beast::http::async_write(stream_, response_,
                                      [self](boost::system::error_code ec, std::size_t) {
                                        if (ec || !self->response_.keep_alive())
                                          return self->close();
                                        self->read();
                                      });
    }
    void close() {
      boost::system::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream_.close();
    }

    fake_token_endpoint& server_;
    boost::beast::tcp_stream stream_;
    boost::asio::steady_timer timer_;
    boost::beast::flat_buffer buffer_;
    request_type request_;
    response_type response_;
  };

  static response_type json(int status, const boost::json::object& body) {
    response_type r;
    r.result(static_cast<unsigned>(status));
    r.set(boost::beast::http::field::content_type, "application/json; charset=utf-8");
    r.set(boost::beast::http::field::cache_control, "no-store, no-cache");
    r.body() = boost::json::serialize(body);
    return r;
  }

  // The error answer's documented shape (reference-error-codes).
  response_type refusal(const token_error& e) {
    boost::json::object o;
    const std::string trace = "0000aaaa-11bb-cccc-dd22-" + twelve_digits(++trace_counter_);
    const std::string correlation = "aaaa0000-bb11-2222-33cc-" + twelve_digits(trace_counter_);
    if (e.status == 429 && e.error.empty()) {
      response_type r = json(429, o);
      r.body().clear();
      if (!e.retry_after.empty())
        r.set(boost::beast::http::field::retry_after, e.retry_after);
      return r;
    }
    o["error"] = e.error;
    o["error_description"] = e.description + "\r\nTrace ID: " + trace +
                             "\r\nCorrelation ID: " + correlation +
                             "\r\nTimestamp: 2026-04-01 10:00:00Z";
    if (e.code != 0)
      o["error_codes"] = boost::json::array{e.code};
    o["timestamp"] = "2026-04-01 10:00:00Z";
    o["trace_id"] = trace;
    o["correlation_id"] = correlation;
    if (e.code != 0)
      o["error_uri"] = "https://login.microsoftonline.com/error?code=" + std::to_string(e.code);
    response_type r = json(e.status, o);
    if (!e.retry_after.empty())
      r.set(boost::beast::http::field::retry_after, e.retry_after);
    return r;
  }

  response_type problem(std::int64_t code, std::string error, std::string what, int status = 400) {
    last_problem_ = what;
    token_error e;
    e.status = status;
    e.error = std::move(error);
    e.code = code;
    e.description = "AADSTS" + std::to_string(code) + ": " + what;
    return refusal(e);
  }

  static std::string twelve_digits(std::uint64_t n) {
    std::string s = std::to_string(n);
    return std::string(12 - std::min<std::size_t>(12, s.size()), '0') + s;
  }

  response_type handle(const request_type& request) {
    namespace http = boost::beast::http;
    std::lock_guard lock(mutex_);
    ++requests_;
    last_problem_.clear();
    last_path_ = std::string(request.target());
    last_form_ = decode_form(request.body());
    const auto& form = last_form_;
    auto field = [&](const char* name) -> std::string {
      const auto it = form.find(name);
      return it == form.end() ? std::string() : it->second;
    };

    // The route: /{tenant}/oauth2/token or /{tenant}/oauth2/v2.0/token.
    bool v2 = false;
    const std::string id_prefix = "/" + options_.tenant_id + "/oauth2/";
    const std::string domain_prefix = "/" + options_.tenant_domain + "/oauth2/";
    std::string rest;
    if (last_path_.starts_with(id_prefix))
      rest = last_path_.substr(id_prefix.size());
    else if (last_path_.starts_with(domain_prefix))
      rest = last_path_.substr(domain_prefix.size());
    if (rest == "v2.0/token")
      v2 = true;
    else if (rest != "token")
      return problem(90002, "invalid_tenant", "Tenant or path not found: " + last_path_, 404);
    if (request.method() != http::verb::post)
      return problem(900561, "invalid_request", "The endpoint only accepts POST requests.");
    if (request[http::field::content_type] != "application/x-www-form-urlencoded")
      return problem(900144, "invalid_request", "The body is not a form.");

    if (!scripted_.empty()) {
      const token_error e = scripted_.front();
      scripted_.pop_front();
      return refusal(e);
    }

    if (field("grant_type") != "refresh_token")
      return problem(70003, "unsupported_grant_type", "The grant type is not supported.");
    if (field("client_id") != options_.client_id) {
      return problem(700016, "unauthorized_client",
                     "Application with identifier was not found in the directory.");
    }
    std::vector<std::string> scopes;
    if (v2) {
      if (form.count("resource") != 0) {
        return problem(901002, "invalid_request",
                       "The 'resource' request parameter is not supported.");
      }
      const std::string scope = field("scope");
      std::string_view s = scope;
      while (!s.empty()) {
        const std::size_t sp = s.find(' ');
        scopes.emplace_back(s.substr(0, sp));
        s.remove_prefix(sp == std::string_view::npos ? s.size() : sp + 1);
      }
      bool impersonation = false;
      for (const auto& sc : scopes)
        impersonation = impersonation || sc == options_.resource + "/user_impersonation";
      if (!impersonation)
        return problem(70011, "invalid_scope", "The provided value for 'scope' is not valid.");
    } else if (field("resource") != options_.resource) {
      return problem(500011, "invalid_resource", "The resource principal was not found.");
    }

    // The application's credential.
    if (!options_.client_secret.empty()) {
      if (form.count("client_secret") == 0) {
        return problem(7000218, "invalid_client",
                       "The request body must contain 'client_assertion' or 'client_secret'.", 401);
      }
      if (field("client_secret") != options_.client_secret)
        return problem(7000215, "invalid_client", "Invalid client secret provided.", 401);
    } else if (!options_.certificate_pem.empty()) {
      if (field("client_assertion_type") !=
          "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
        return problem(7000218, "invalid_client",
                       "The request body must contain 'client_assertion' or 'client_secret'.", 401);
      }
      const std::string audience = "http://127.0.0.1:" + std::to_string(port_) + last_path_;
      if (const std::string why = check_assertion(field("client_assertion"), audience);
          !why.empty()) {
        return problem(700027, "invalid_client", "Client assertion failed: " + why, 401);
      }
    }

    if (field("refresh_token") != valid_refresh_token_) {
      return problem(70008, "invalid_grant",
                     "The provided authorization code or refresh token has expired due to "
                     "inactivity.");
    }

    // Success: a new access token, and a new refresh token that replaces the old one (v2 only
    // when offline_access was asked for).
    const auto now = std::chrono::system_clock::now();
    const std::int64_t epoch =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    ++issued_;
    last_access_token_ = access_token(epoch);
    access_tokens_.emplace(last_access_token_, epoch + options_.lifetime.count());
    bool rotate = true;
    if (v2) {
      rotate = false;
      for (const auto& sc : scopes)
        rotate = rotate || sc == "offline_access";
    }
    boost::json::object o;
    o["token_type"] = "Bearer";
    const std::int64_t lifetime = options_.lifetime.count();
    if (v2) {
      o["scope"] = options_.resource + "/user_impersonation";
      o["expires_in"] = lifetime;
      o["ext_expires_in"] = lifetime;
    } else {
      o["scope"] = "user_impersonation";
      o["expires_in"] = std::to_string(lifetime);
      o["ext_expires_in"] = std::to_string(lifetime);
      o["expires_on"] = std::to_string(epoch + lifetime);
      o["not_before"] = std::to_string(epoch - 300);
      o["resource"] = options_.resource;
    }
    o["access_token"] = last_access_token_;
    if (rotate) {
      valid_refresh_token_ = "0.AR8A-rotated-" + std::to_string(issued_) + "-" +
                             twelve_digits(static_cast<std::uint64_t>(epoch) * 7919 + issued_);
      o["refresh_token"] = valid_refresh_token_;
    }
    o["id_token"] = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
    return json(200, o);
  }

  // An unsigned JWT with the claims `pc-customer token` shows (access-token-claims-reference).
  std::string access_token(std::int64_t epoch) const {
    boost::json::object header;
    header["typ"] = "JWT";
    header["alg"] = "none";
    boost::json::object claims;
    claims["aud"] = options_.resource;
    claims["iss"] = "https://sts.windows.net/" + options_.tenant_id + "/";
    claims["iat"] = epoch;
    claims["nbf"] = epoch;
    claims["exp"] = epoch + options_.lifetime.count();
    boost::json::array amr;
    for (const auto& a : options_.amr)
      amr.emplace_back(a);
    claims["amr"] = std::move(amr);
    claims["appid"] = options_.client_id;
    claims["oid"] = "7c0e1f2a-3b4c-4d5e-8f60-718293a4b5c6";
    claims["tid"] = options_.tenant_id;
    claims["upn"] = "admin@" + options_.tenant_domain;
    claims["uti"] = "token-" + std::to_string(issued_);
    claims["ver"] = "1.0";
    return auth::detail::base64url_encode(boost::json::serialize(header)) + "." +
           auth::detail::base64url_encode(boost::json::serialize(claims)) + ".";
  }

  // Empty when the client assertion is good: RS256 over the app's certificate key, aud this
  // endpoint, iss = sub = the client id, valid now.
  std::string check_assertion(const std::string& jwt, const std::string& audience) const {
    const std::size_t d1 = jwt.find('.');
    const std::size_t d2 = d1 == std::string::npos ? d1 : jwt.find('.', d1 + 1);
    if (d2 == std::string::npos)
      return "not a JWT";
    const auto header_text = auth::detail::base64url_decode(jwt.substr(0, d1));
    const auto claims_text = auth::detail::base64url_decode(jwt.substr(d1 + 1, d2 - d1 - 1));
    const auto signature = auth::detail::base64url_decode(jwt.substr(d2 + 1));
    if (!header_text || !claims_text || !signature)
      return "not base64url";
    boost::system::error_code ec;
    const auto header = boost::json::parse(*header_text, ec);
    const auto claims = ec ? boost::json::value() : boost::json::parse(*claims_text, ec);
    if (ec || !header.is_object() || !claims.is_object())
      return "not JSON";
    const auto& h = header.get_object();
    const auto& c = claims.get_object();
    if (!h.contains("alg") || h.at("alg") != "RS256")
      return "alg is not RS256";
    if (!c.contains("aud") || c.at("aud") != audience.c_str())
      return "aud is not this endpoint";
    if (!c.contains("iss") || c.at("iss") != options_.client_id.c_str() || !c.contains("sub") ||
        c.at("sub") != options_.client_id.c_str())
      return "iss or sub is not the client id";
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    if (!c.contains("exp") || !c.at("exp").is_int64() || c.at("exp").get_int64() < now)
      return "expired";
    if (!c.contains("nbf") || !c.at("nbf").is_int64() || c.at("nbf").get_int64() > now + 300)
      return "not yet valid";

    const std::string& pem = options_.certificate_pem;
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
    if (!cert)
      return "no certificate";
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(X509_get_pubkey(cert.get()),
                                                            &EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const std::string input = jwt.substr(0, d2);
    const bool ok =
        EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()),
                         signature->size(), reinterpret_cast<const unsigned char*>(input.data()),
                         input.size()) == 1;
    return ok ? std::string() : "the signature does not verify";
  }

  fake_token_options options_;
  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::thread thread_;

  mutable std::mutex mutex_;
  std::deque<token_error> scripted_;
  std::string valid_refresh_token_;
  std::string last_access_token_;
  std::map<std::string, std::int64_t> access_tokens_;  // issued, not revoked -> exp
  std::map<std::string, std::string> last_form_;
  std::string last_path_;
  std::string last_problem_;
  std::size_t requests_ = 0;
  std::size_t issued_ = 0;
  std::uint64_t trace_counter_ = 0;
};

}  // namespace partner_center::test
