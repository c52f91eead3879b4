#pragma once

// A Partner Center stand-in for end-to-end tests: a Boost.Beast server on 127.0.0.1, an
// ephemeral port, its own thread, plain or TLS (a certificate made at start). It checks the
// headers of https://learn.microsoft.com/partner-center/developer/headers, stores customers,
// deduplicates creates by MS-RequestId as the service does ("This API is idempotent",
// https://learn.microsoft.com/partner-center/developer/create-a-customer), and answers the
// pre-flight calls. Faults can be
// scripted per request or drawn at random for creates: 429 with Retry-After, 503, a slow answer,
// a dropped connection (before or after the create is stored), or a malformed body.
// Bearer tokens are checked against `token`, or by `accept_token` when set (a test wires it to a
// fake token endpoint, so that only its unexpired tokens pass): anything else gets 401.
//
//   test::fake_partner_center server;          // or ({.tls = true})
//   rest::client c{transports::curl_transport{}, ...server.base_url()...};
//   server.push_faults({test::fault::throttle, test::fault::drop_after});

#include "self_signed_certificate.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/rest/request_context.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center::test {

enum class fault : std::uint8_t {
  none,
  throttle,     // 429, Retry-After: 1, the gateway's body
  unavailable,  // 503, empty body
  slow,         // the answer is held back for slow_delay (the create is stored first)
  drop_before,  // the connection is closed before the request is looked at
  drop_after,   // the create is stored, then the connection is closed without an answer
  malformed,    // 201 with a truncated JSON body (the create is stored)
  mfa_missing   // 401 with code 900421, as for a token from a sign-in without MFA
};

struct fake_options {
  bool tls = false;
  std::string token = "test-token";
  std::chrono::milliseconds slow_delay{1000};
  // The Retry-After of fault::throttle, in seconds.
  int throttle_retry_after = 1;
  // Random faults for creates: each create request gets one with this probability, the kind
  // drawn evenly from random_kinds.
  double random_fault_probability = 0.0;
  std::vector<fault> random_kinds = {fault::throttle, fault::unavailable, fault::drop_before,
                                     fault::drop_after};
  unsigned seed = 12345;
  std::size_t page_size = 100;  // customers per page of a list
  // Whether a bearer token is valid; empty: only `token` is.
  std::function<bool(std::string_view)> accept_token{};
};

class fake_partner_center {
 public:
  struct stats {
    std::size_t requests = 0;
    std::size_t create_requests = 0;
    std::size_t deduplicated = 0;  // creates answered from the MS-RequestId store
    std::size_t unauthorized = 0;  // 401s for a missing, unknown or expired token
    std::map<fault, std::size_t> faults;
  };

  explicit fake_partner_center(fake_options options = {})
      : options_(std::move(options))
      , random_(options_.seed)
      , ssl_(boost::asio::ssl::context::tls_server)
      , acceptor_(io_) {
    namespace asio = boost::asio;
    if (options_.tls) {
      certificate_ = make_self_signed_certificate();
      ssl_.use_certificate_chain(
          asio::buffer(certificate_.certificate_pem.data(), certificate_.certificate_pem.size()));
      ssl_.use_private_key(
          asio::buffer(certificate_.private_key_pem.data(), certificate_.private_key_pem.size()),
          asio::ssl::context::pem);
    }
    const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }

  ~fake_partner_center() {
    io_.stop();
    if (thread_.joinable())
      thread_.join();
  }

  fake_partner_center(const fake_partner_center&) = delete;
  fake_partner_center& operator=(const fake_partner_center&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  // http://127.0.0.1:PORT, or https://HOST:PORT for TLS (the certificate names localhost and
  // 127.0.0.1).
  [[nodiscard]] std::string base_url(std::string_view host = "127.0.0.1") const {
    return std::string(options_.tls ? "https://" : "http://") + std::string(host) + ":" +
           std::to_string(port_);
  }
  [[nodiscard]] const std::string& certificate_pem() const noexcept {
    return certificate_.certificate_pem;
  }
  [[nodiscard]] const std::string& token() const noexcept { return options_.token; }
  // Connections accepted so far: zero means nothing reached the server, not even a request it
  // could not read.
  [[nodiscard]] std::size_t connections() const noexcept { return connections_.load(); }

  // Faults for the next requests, any route, in order.
  void push_faults(std::initializer_list<fault> faults) {
    std::lock_guard lock(mutex_);
    scripted_.insert(scripted_.end(), faults);
  }
  void add_reseller(std::string id, std::string state = "Active") {
    std::lock_guard lock(mutex_);
    resellers_.emplace_back(std::move(id), std::move(state));
  }
  void take_domain(std::string domain) {
    std::lock_guard lock(mutex_);
    taken_domains_.insert(lower(domain));
  }

  [[nodiscard]] std::vector<model::Customer> customers() const {
    std::lock_guard lock(mutex_);
    std::vector<model::Customer> out;
    for (const auto& [id, c] : customers_)
      out.push_back(c);
    return out;
  }
  [[nodiscard]] std::size_t customer_count() const {
    std::lock_guard lock(mutex_);
    return customers_.size();
  }
  [[nodiscard]] stats statistics() const {
    std::lock_guard lock(mutex_);
    return stats_;
  }
  // Header problems seen (a well-behaved client leaves this empty).
  [[nodiscard]] std::vector<std::string> header_problems() const {
    std::lock_guard lock(mutex_);
    return header_problems_;
  }
  // The decoded "filter" query value of every list request, in arrival order.
  [[nodiscard]] std::vector<std::string> filters() const {
    std::lock_guard lock(mutex_);
    return filters_;
  }
  // The MS-RequestId of every request, in arrival order.
  [[nodiscard]] std::vector<std::string> request_ids() const {
    std::lock_guard lock(mutex_);
    return request_ids_;
  }
  // The body of every create request, faulted ones included, in arrival order.
  [[nodiscard]] std::vector<std::string> create_bodies() const {
    std::lock_guard lock(mutex_);
    return create_bodies_;
  }

 private:
  using tcp = boost::asio::ip::tcp;
  using request_type = boost::beast::http::request<boost::beast::http::string_body>;
  using response_type = boost::beast::http::response<boost::beast::http::string_body>;

  struct reply {
    response_type response;
    fault applied = fault::none;
  };

  static std::string lower(std::string s) {
    for (char& c : s)
      c = text::ascii_lower(c);
    return s;
  }

  // Plain completion handlers, not C++20 coroutines: clang 14 cannot assemble coroutine frames
  // with debug information ("Cannot represent a difference across sections").
  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec)
        return;  // the acceptor was closed: the server is stopping
      ++connections_;
      if (options_.tls) {
        std::make_shared<session<boost::asio::ssl::stream<boost::beast::tcp_stream>>>(
            *this, boost::beast::tcp_stream(std::move(socket)), ssl_)
            ->start();
      } else {
        std::make_shared<session<boost::beast::tcp_stream>>(
            *this, boost::beast::tcp_stream(std::move(socket)))
            ->start();
      }
      accept();
    });
  }

  // One connection: (TLS handshake,) then read, answer, repeat while kept alive.
  template <class Stream>
  class session : public std::enable_shared_from_this<session<Stream>> {
   public:
    template <class... Args>
    session(fake_partner_center& server, Args&&... args)
        : server_(server)
        , stream_(std::forward<Args>(args)...)
        , timer_(stream_.get_executor()) {}

    void start() {
      auto self = this->shared_from_this();
      lowest().expires_after(std::chrono::seconds(30));
      if constexpr (std::is_same_v<Stream, boost::beast::tcp_stream>) {
        read();
      } else {
        stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                [self](boost::system::error_code ec) {
                                  if (!ec)
                                    self->read();
                                });
      }
    }

   private:
    boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(stream_); }

    void close() {
      boost::system::error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
      lowest().close();
    }

    void read() {
      auto self = this->shared_from_this();
      parser_.emplace();
      parser_->body_limit(1 << 20);
      lowest().expires_after(std::chrono::seconds(30));
      boost::beast::http::async_read(stream_, buffer_, *parser_,
                                     [self](boost::system::error_code ec, std::size_t) {
                                       if (ec)
                                         return self->close();
                                       self->answer();
                                     });
    }

    void answer() {
      request_ = parser_->release();
      reply_ = server_.handle(request_);
      if (reply_.applied == fault::drop_before || reply_.applied == fault::drop_after)
        return close();  // no answer at all
      reply_.response.version(request_.version());
      reply_.response.keep_alive(request_.keep_alive());
      reply_.response.prepare_payload();
      if (reply_.applied != fault::slow)
        return write();
      auto self = this->shared_from_this();
      timer_.expires_after(server_.options_.slow_delay);
      timer_.async_wait([self](boost::system::error_code) { self->write(); });
    }

    void write() {
      auto self = this->shared_from_this();
      lowest().expires_after(std::chrono::seconds(30));
      boost::beast::http::async_write(stream_, reply_.response,
                                      [self](boost::system::error_code ec, std::size_t) {
                                        if (ec || !self->reply_.response.keep_alive())
                                          return self->close();
                                        self->read();
                                      });
    }

    fake_partner_center& server_;
    Stream stream_;
    boost::asio::steady_timer timer_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    request_type request_;
    reply reply_;
  };

  fault next_fault(bool is_create) {
    if (!scripted_.empty()) {
      const fault f = scripted_.front();
      scripted_.pop_front();
      return f;
    }
    if (is_create && options_.random_fault_probability > 0 && !options_.random_kinds.empty()) {
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      if (unit(random_) < options_.random_fault_probability) {
        std::uniform_int_distribution<std::size_t> pick(0, options_.random_kinds.size() - 1);
        return options_.random_kinds[pick(random_)];
      }
    }
    return fault::none;
  }

  static response_type json_response(int status, std::string body) {
    response_type r;
    r.result(static_cast<unsigned>(status));
    if (!body.empty())
      r.set(boost::beast::http::field::content_type, "application/json; charset=utf-8");
    r.body() = std::move(body);
    return r;
  }

  static response_type error_response(int status, std::string_view code, std::string description) {
    boost::json::object o;
    o["code"] = code;
    o["description"] = std::move(description);
    o["data"] = boost::json::array();
    o["source"] = "FakePartnerCenter";
    return json_response(status, boost::json::serialize(o));
  }

  reply handle(const request_type& request) {
    std::lock_guard lock(mutex_);
    ++stats_.requests;
    const std::string request_id(request["MS-RequestId"]);
    request_ids_.push_back(request_id);
    const std::string target(request.target());
    auto url = boost::urls::parse_origin_form(target);
    std::string path = url ? std::string(url->path()) : std::string();
    const bool is_create =
        request.method() == boost::beast::http::verb::post && path == "/v1/customers";
    if (is_create) {
      ++stats_.create_requests;
      create_bodies_.push_back(request.body());
    }

    reply r;
    r.applied = next_fault(is_create);
    ++stats_.faults[r.applied];
    switch (r.applied) {
      case fault::drop_before:
        return r;
      case fault::throttle: {
        const std::string seconds = std::to_string(options_.throttle_retry_after);
        r.response = json_response(
            429, R"({ "statusCode": 429, "message": "Rate limit is exceeded. Try again in )" +
                     seconds + R"( seconds." })");
        r.response.set(boost::beast::http::field::retry_after, seconds);
        return r;
      }
      case fault::unavailable:
        r.response = json_response(503, "");
        return r;
      case fault::mfa_missing:
        r.response = error_response(401, "900421",
                                    "The access token does not carry a multi-factor "
                                    "authentication claim.");
        return r;
      default:
        break;
    }
    r.response = route(request, url ? &*url : nullptr, path, is_create);
    r.response.set("MS-RequestId", request_id);
    r.response.set("MS-CorrelationId", std::string(request["MS-CorrelationId"]));
    if (r.applied == fault::malformed) {
      r.response.result(201);
      r.response.body() = R"({"id":"0","companyProfile":{"domain":)";
    }
    return r;
  }

  bool authorized(std::string_view authorization) const {
    constexpr std::string_view scheme = "Bearer ";
    if (!authorization.starts_with(scheme))
      return false;
    const std::string_view token = authorization.substr(scheme.size());
    return options_.accept_token ? options_.accept_token(token) : token == options_.token;
  }

  // Header rules of https://learn.microsoft.com/partner-center/developer/headers; the first
  // problem found is returned (and recorded).
  std::optional<response_type> check_headers(const request_type& request) {
    auto problem = [&](std::string what) {
      header_problems_.push_back(what);
      return error_response(400, "400", std::move(what));
    };
    if (!authorized(request["Authorization"])) {
      ++stats_.unauthorized;
      response_type r = json_response(401, "");
      r.set(boost::beast::http::field::www_authenticate, "OAuth realm=urn:cpsvc:cpid:fake");
      return r;
    }
    if (request["Accept"] != "application/json")
      return problem("Accept is not application/json");
    if (!model::formats::is_guid(request["MS-RequestId"]))
      return problem("MS-RequestId is not a GUID");
    if (!model::formats::is_guid(request["MS-CorrelationId"]))
      return problem("MS-CorrelationId is not a GUID");
    if (request["MS-Contract-Version"] != "v1")
      return problem("MS-Contract-Version is not v1");
    if (request.method() == boost::beast::http::verb::post &&
        request[boost::beast::http::field::content_type] != "application/json")
      return problem("Content-Type is not application/json");
    return std::nullopt;
  }

  response_type route(const request_type& request, const boost::urls::url_view* url,
                      const std::string& path, bool is_create) {
    namespace http = boost::beast::http;
    if (auto refused = check_headers(request))
      return std::move(*refused);
    const http::verb verb = request.method();
    if (is_create)
      return create(request);
    constexpr std::string_view customers_prefix = "/v1/customers/";
    if (verb == http::verb::get && path.starts_with(customers_prefix)) {
      const auto found = customers_.find(lower(path.substr(customers_prefix.size())));
      if (found == customers_.end())
        return error_response(404, "60003", "Tenant not found");
      model::Customer c = found->second;
      c.userCredentials.reset();  // only the create answer has them
      return json_response(200, encode(c));
    }
    if (verb == http::verb::get && path == "/v1/customers" && url != nullptr)
      return list_customers(request, *url);
    constexpr std::string_view domains_prefix = "/v1/domains/";
    if (verb == http::verb::head && path.starts_with(domains_prefix)) {
      const bool taken = taken_domains_.count(lower(path.substr(domains_prefix.size()))) != 0;
      return json_response(taken ? 200 : 404, "");
    }
    if (verb == http::verb::get && path == "/v1/relationships")
      return relationships(url);
    if (verb == http::verb::get && path.starts_with("/v1/countryvalidationrules/")) {
      if (path.ends_with("/US") || path.ends_with("/us"))
        return json_response(200, us_rules);
      return error_response(400, "20000", "No validation rules were found");
    }
    if (verb == http::verb::post && path == "/v1/validations/address")
      return json_response(200, R"({"status":"VerifiedShippable","suggestedAddresses":[]})");
    return error_response(404, "404", "no route for " + path);
  }

  response_type create(const request_type& request) {
    const std::string request_id = lower(std::string(request["MS-RequestId"]));
    if (const auto done = created_by_request_.find(request_id); done != created_by_request_.end()) {
      ++stats_.deduplicated;
      return json_response(201, done->second);
    }
    const auto checked = model::validate_create_request_json(request.body());
    if (!checked.valid()) {
      std::string first;
      for (const auto& v : checked.violations) {
        if (v.severity == severity::error) {
          first = v.path + " " + v.message;
          break;
        }
      }
      return error_response(400, "3000", "Invalid property: " + first);
    }
    model::Customer c = checked.value;
    if (!resellers_.empty()) {
      bool active = false;
      for (const auto& [id, state] : resellers_)
        active = active || (text::iequals(id, *c.associatedPartnerId) && state == "Active");
      if (!active)
        return error_response(400, "800016", "PartnerID isn't a valid Indirect Reseller");
    }
    const std::string domain = lower(*c.companyProfile->domain);
    if (taken_domains_.count(domain) != 0)
      return error_response(409, "409", "The domain already exists");
    const std::string id = rest::new_guid();
    c.id = id;
    c.commerceId = id;
    c.companyProfile->tenantId = id;
    c.relationshipToPartner = model::CustomerPartnerRelationship::reseller;
    c.userCredentials = model::UserCredentials{"admin", "P@ss-" + rest::new_guid().substr(0, 8)};
    c.attributes = model::ResourceAttributes{std::nullopt, "Customer"};
    taken_domains_.insert(domain);
    customers_.emplace(id, c);
    std::string body = encode(c);
    created_by_request_.emplace(request_id, body);
    return json_response(201, std::move(body));
  }

  response_type list_customers(const request_type& request, const boost::urls::url_view& url) {
    // The filter JSON as sent; its Value picks the reseller (starts_with, case ignored).
    std::string reseller;
    if (auto it = url.params().find("filter"); it != url.params().end()) {
      filters_.push_back((*it).value);
      boost::system::error_code ec;
      const auto filter = boost::json::parse(std::string((*it).value), ec);
      if (ec || !filter.is_object() || !filter.as_object().contains("Value"))
        return error_response(400, "800002", "Invalid request input: filter");
      reseller = lower(std::string(filter.as_object().at("Value").as_string()));
    }
    std::size_t start = 0;
    const std::string token(request["MS-ContinuationToken"]);
    if (!token.empty()) {
      const auto saved = continuations_.find(token);
      if (saved == continuations_.end())
        return error_response(400, "800002", "Invalid continuation token");
      reseller = saved->second.first;
      start = saved->second.second;
    }
    std::vector<const model::Customer*> matching;
    for (const auto& [id, c] : customers_) {
      if (lower(c.associatedPartnerId.value_or("")).starts_with(reseller))
        matching.push_back(&c);
    }
    std::string body = R"({"totalCount":)" + std::to_string(matching.size()) + R"(,"items":[)";
    std::size_t i = start;
    for (; i < matching.size() && i < start + options_.page_size; ++i) {
      model::Customer c = *matching[i];
      c.userCredentials.reset();
      if (i > start)
        body += ',';
      body += encode(c);
    }
    body += ']';
    if (i < matching.size()) {
      const std::string next = "page-" + std::to_string(continuations_.size() + 1);
      continuations_.emplace(next, std::pair{reseller, i});
      body += R"(,"continuationToken":")" + next + '"';
    }
    body += R"(,"attributes":{"objectType":"Collection"}})";
    return json_response(200, std::move(body));
  }

  response_type relationships(const boost::urls::url_view* url) {
    if (url == nullptr || url->params().find("relationship_type") == url->params().end() ||
        (*url->params().find("relationship_type")).value != "IsIndirectCloudSolutionProviderOf")
      return error_response(400, "800002", "relationship_type is missing or not supported");
    boost::json::array items;
    for (const auto& [id, state] : resellers_) {
      boost::json::object o;
      o["id"] = id;
      o["name"] = "Reseller " + id.substr(0, 8);
      o["relationshipType"] = "is_indirect_cloud_solution_provider_of";
      o["state"] = state;
      o["attributes"] = boost::json::object{{"objectType", "PartnerRelationship"}};
      items.push_back(std::move(o));
    }
    boost::json::object page;
    page["totalCount"] = items.size();
    page["items"] = std::move(items);
    page["attributes"] = boost::json::object{{"objectType", "Collection"}};
    return json_response(200, boost::json::serialize(page));
  }

  // The real US answer (microsoft/Partner-Center-PowerShell,
  // test/PowerShell.UnitTests/SessionRecords/GetPartnerCountryValidation.json), shortened to the
  // members the tests read.
  static constexpr const char* us_rules =
      R"({"iso2Code":"US","defaultCulture":"en-US","isStateRequired":true,"supportedStatesList":["WA","NY"],"supportedLanguagesList":["en","es"],"supportedCulturesList":["en-US","es-US"],"isPostalCodeRequired":true,"postalCodeRegex":"^\\d{5}(-\\d{4})?$","isCityRequired":true,"attributes":{"objectType":"CountryValidationRules"}})";

  fake_options options_;
  std::mt19937 random_;
  certificate_pair certificate_;
  boost::asio::ssl::context ssl_;  // outlives io_, whose pending handlers hold TLS streams
  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<std::size_t> connections_{0};
  std::thread thread_;

  mutable std::mutex mutex_;  // guards everything below (handlers run on the server thread)
  std::deque<fault> scripted_;
  std::map<std::string, model::Customer> customers_;       // by lower-case id
  std::map<std::string, std::string> created_by_request_;  // MS-RequestId -> create answer
  std::map<std::string, std::pair<std::string, std::size_t>> continuations_;
  std::vector<std::pair<std::string, std::string>> resellers_;  // id, state
  std::set<std::string> taken_domains_;
  std::vector<std::string> header_problems_;
  std::vector<std::string> request_ids_;
  std::vector<std::string> create_bodies_;
  std::vector<std::string> filters_;
  stats stats_;
};

}  // namespace partner_center::test
