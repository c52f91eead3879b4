#pragma once

// client<Transport>: the operations of this layer, sent through any HTTP stack, with the retry
// rules of retry.hpp. A transport is any callable that takes the request and returns a response
// or a transport_error:
//
//   auto send = [&](const rest::http_request& r) -> rest::transport_result { ... };
//   rest::client c{send, {.context = {.base_url = ..., .token = rest::static_token(t)}}};
//   auto customer = c.create_customer(customer, {.reseller_id = "484e548c-..."});
//
// An adapter for another HTTP stack is a dozen lines: map the request, send it, map the answer
// or the error (the retry rules only look at transport_errc):
//
//   struct my_transport {
//     my_http::session* session;
//     rest::transport_result operator()(const rest::http_request& r) {
//       my_http::request out{to_string(r.method), r.url.buffer(), r.body};
//       for (const auto& h : r.headers)
//         out.headers.emplace_back(h.name, h.value);
//       auto in = session->send(out);
//       if (!in)
//         return rest::transport_error{in.timed_out() ? rest::transport_errc::timeout
//                                                     : rest::transport_errc::connect_failed};
//       rest::http_response answer{in->status, {}, std::move(in->body)};
//       for (auto& [name, value] : in->headers)
//         answer.headers.add(name, value);
//       return answer;
//     }
//   };
//
// Every attempt of one logical call carries the same MS-RequestId and MS-CorrelationId, so a
// create retried after a timeout or a lost answer is deduplicated by the service instead of
// creating a second customer ("If there's a timeout, the retry call should include the same
// value", https://learn.microsoft.com/partner-center/developer/headers). The next logical call
// gets new ids. Clock, sleep and randomness are options, so tests run without waiting.
//
// A 401 means the service refused the token (expired early, revoked, issued before a policy
// change): when the context has token_rejected, the client calls it and sends the request once
// more, at once and with the same ids, with the token the provider gives next. Once per call: a
// second 401 is final. A 401 with code 900421 (error_codes::mfa_required) is final at once: a
// token from a sign-in without multi-factor authentication stays one after any refresh.
//
// The bearer token goes only to the base URL's origin, and over http:// only to a loopback host:
// any other request is refused as invalid_request before the transport is called (authorize() in
// request_context.hpp). Once the last attempt is over, the Authorization header of the client's
// request is overwritten and removed.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/model/customer.hpp>
#include <partner_center/rest/address_validation.hpp>
#include <partner_center/rest/country_validation_rules.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/domains.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/relationships.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/retry.hpp>
#include <partner_center/rest/service_error.hpp>

#include <chrono>
#include <concepts>
#include <cstddef>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center::rest {

// A callable taking the request and returning a response (any status) or a transport_error.
template <class T>
concept transport = std::invocable<T&, const http_request&> &&
    std::convertible_to<std::invoke_result_t<T&, const http_request&>, transport_result>;

// One attempt that will be retried, for logs and metrics. Holds no secret.
struct retry_event {
  int attempt = 0;  // the attempt that just ended, 1 for the first
  http_method method = http_method::get;
  std::string url;
  std::string request_id;
  int status = 0;                        // the answer's status, 0 when there was none
  std::optional<transport_error> error;  // why there was no answer
  std::chrono::milliseconds delay{0};    // the wait before the next attempt
};

inline double default_random_unit() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

struct client_options {
  request_context context{};
  retry_policy retry{};
  std::function<std::chrono::steady_clock::time_point()> now = [] {
    return std::chrono::steady_clock::now();
  };
  std::function<void(std::chrono::milliseconds)> sleep = [](std::chrono::milliseconds d) {
    std::this_thread::sleep_for(d);
  };
  // Measures a Retry-After HTTP-date when the answer has no Date header.
  std::function<std::chrono::system_clock::time_point()> wall_clock = [] {
    return std::chrono::system_clock::now();
  };
  // Uniform in [0, 1), for the backoff's jitter.
  std::function<double()> random_unit = &default_random_unit;
  std::function<void(const retry_event&)> on_retry{};
};

template <transport Transport>
class client {
 public:
  explicit client(Transport transport, client_options options = {})
      : transport_(std::move(transport))
      , options_(std::move(options)) {}

  [[nodiscard]] const client_options& options() const noexcept { return options_; }
  [[nodiscard]] client_options& options() noexcept { return options_; }
  [[nodiscard]] const request_context& context() const noexcept { return options_.context; }
  [[nodiscard]] Transport& transport() noexcept { return transport_; }

  // Sends with retries. The response is the final one, whatever its status; a failure means no
  // response came back (or no token was available to send one).
  result<http_response> send(http_request request) {
    exchange done = exchange_with_retries(request);
    if (done.unsent)
      return std::move(*done.unsent);
    if (!done.outcome)
      return annotate(transport_failure(done.outcome.error()), done);
    return std::move(*done.outcome);
  }

  // POST /v1/customers, after validating the customer as a create request. Retries reuse the
  // request id, so at most one customer is created per call.
  result<model::Customer> create_customer(const model::Customer& customer,
                                          const create_options& options = {}) {
    return call(build_create_customer(context(), customer, options), &parse_create_customer);
  }

  // POST /v1/customers with a body create_request_body validated (create_customer_with_preflight
  // sends what its validation step approved).
  result<model::Customer> create_customer(const create_body& body, const call_ids& ids = {}) {
    return call(build_create_customer(context(), body, ids), &parse_create_customer);
  }

  result<model::Customer> get_customer(std::string_view customer_id) {
    return call(build_get_customer(context(), customer_id), &parse_get_customer);
  }

  result<customer_page> list_customers(const list_customers_query& query) {
    return call(build_list_customers(context(), query), &parse_list_customers);
  }

  // Every page, following continuation tokens; at most `max_pages` requests and
  // `max_customers` customers (a limit failure past either: read such a listing page by page).
  result<std::vector<model::Customer>> list_all_customers(
      list_customers_query query, int max_pages = 1000,
      std::size_t max_customers = max_listed_customers) {
    std::vector<model::Customer> all;
    for (int page_number = 0; page_number < max_pages; ++page_number) {
      auto page = list_customers(query);
      if (!page)
        return page.error();
      if (page->items.size() > max_customers - all.size()) {
        const std::string limit = std::to_string(max_customers);
        report found;
        found.add({"", violation_code::limit, severity::error,
                   "more than " + limit + " customers in one listing"});
        return unexpected_response(200,
                                   "the listing holds more than " + limit +
                                       " customers, the most list_all_customers collects; read "
                                       "it page by page with list_customers",
                                   std::move(found));
      }
      for (auto& c : page->items)
        all.push_back(std::move(c));
      if (page->continuation_token.empty() || page->continuation_token == query.continuation_token)
        return all;
      query.continuation_token = std::move(page->continuation_token);
    }
    report found;
    found.add({"", violation_code::limit, severity::error,
               "more than " + std::to_string(max_pages) + " pages in one listing"});
    return unexpected_response(200, "more than " + std::to_string(max_pages) + " pages",
                               std::move(found));
  }

  result<domain_availability> check_domain(std::string_view domain) {
    return call(build_domain_availability(context(), domain), &parse_domain_availability);
  }

  result<relationship_page> list_relationships(
      relationship_type type = relationship_type::indirect_cloud_solution_provider_of) {
    return call(build_list_relationships(context(), type), &parse_list_relationships);
  }

  // Whether `reseller_id` is an active indirect reseller of the signed-in provider.
  result<reseller_check> check_reseller(std::string_view reseller_id) {
    auto page = list_relationships();
    if (!page)
      return page.error();
    return find_reseller(*page, reseller_id);
  }

  result<country_rules_answer> country_validation_rules(std::string_view iso2) {
    return call(build_get_country_validation_rules(context(), iso2),
                &parse_country_validation_rules);
  }

  result<address_validation> validate_address(const model::Address& address) {
    return call(build_validate_address(context(), address), &parse_validate_address);
  }

 private:
  struct exchange {
    transport_result outcome{transport_error{}};
    std::optional<failure> unsent;  // nothing was sent: no token
    int attempts = 0;
    bool gave_up = false;
  };

  static failure annotate(failure f, const exchange& done) {
    f.attempts = done.attempts;
    f.gave_up = done.gave_up;
    return f;
  }

  template <class Parse>
  auto call(result<http_request> request, Parse parse) -> decltype(parse(http_response{})) {
    if (!request)
      return request.error();
    exchange done = exchange_with_retries(*request);
    if (done.unsent)
      return std::move(*done.unsent);
    if (!done.outcome)
      return annotate(transport_failure(done.outcome.error()), done);
    auto parsed = parse(*done.outcome);
    if (!parsed)
      return annotate(parsed.error(), done);
    return parsed;
  }

  // The wait before the next attempt, or nullopt when the outcome is final.
  std::optional<std::chrono::milliseconds> retry_delay(const transport_result& outcome,
                                                       int attempt) const {
    const retry_policy& policy = options_.retry;
    if (outcome) {
      if (!is_retryable_status(outcome->status))
        return std::nullopt;
      const auto wall = std::chrono::time_point_cast<std::chrono::seconds>(options_.wall_clock());
      const service_error e = parse_service_error(*outcome, wall);
      // Retry-After is honoured as asked (up to the cap); 429 without one, and the 5xx, back off.
      if (e.retry_after)
        return capped_retry_after(policy, *e.retry_after);
    } else if (!outcome.error().retryable()) {
      return std::nullopt;
    }
    const double unit = options_.random_unit ? options_.random_unit() : default_random_unit();
    return backoff_delay(policy, attempt, unit);
  }

  // A 401 that another token may turn into a success: the context can drop the refused token,
  // and the service did not say the sign-in lacked MFA.
  bool token_refused(const transport_result& outcome) const {
    if (!outcome || outcome->status != 401 || !options_.context.token_rejected)
      return false;
    return !parse_service_error(*outcome).has_code(error_codes::mfa_required);
  }

  // `request` is the client's own copy (send() takes it by value, call() builds it): its
  // Authorization header is wiped on every way out, once no attempt is left to carry it.
  exchange exchange_with_retries(http_request& request) {
    struct wipe_authorization {
      http_request& request;
      ~wipe_authorization() { request.headers.wipe("Authorization"); }
    } wipe_on_exit{request};
    exchange done;
    const auto start = options_.now();
    int max_attempts = std::max(1, options_.retry.max_attempts);
    bool reauthorized = false;
    for (int attempt = 1;; ++attempt) {
      // A fresh token for each attempt: a long backoff may outlive the previous one.
      if (auto authorized = authorize(request, context()); !authorized) {
        done.unsent = authorized.error();
        done.unsent->attempts = done.attempts;
        return done;
      }
      done.outcome = std::invoke(transport_, std::as_const(request));
      done.attempts = attempt;
      std::optional<std::chrono::milliseconds> delay;
      if (token_refused(done.outcome)) {
        options_.context.token_rejected();
        if (reauthorized)
          return done;
        // Not a retry of a fault: it does not use up one of max_attempts, and waits for nothing.
        reauthorized = true;
        ++max_attempts;
        delay = std::chrono::milliseconds{0};
      } else {
        delay = retry_delay(done.outcome, attempt);
      }
      if (!delay)
        return done;
      if (attempt >= max_attempts) {
        done.gave_up = true;
        return done;
      }
      const auto elapsed =
          std::chrono::duration_cast<std::chrono::milliseconds>(options_.now() - start);
      if (elapsed + *delay > options_.retry.max_total) {
        done.gave_up = true;
        return done;
      }
      if (options_.on_retry) {
        retry_event event;
        event.attempt = attempt;
        event.method = request.method;
        event.url = std::string(request.url.buffer());
        event.request_id = request.headers.value_or("MS-RequestId");
        if (done.outcome)
          event.status = done.outcome->status;
        else
          event.error = done.outcome.error();
        event.delay = *delay;
        options_.on_retry(event);
      }
      if (delay->count() > 0)
        options_.sleep(*delay);
    }
  }

  Transport transport_;
  client_options options_;
};

}  // namespace partner_center::rest
