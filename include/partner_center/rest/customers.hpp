#pragma once

// The customer operations:
//   create   POST {base}/v1/customers         (associatedPartnerId: for an indirect reseller)
//            https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller
//   get      GET  {base}/v1/customers/{id}
//            https://learn.microsoft.com/partner-center/developer/get-a-customer-by-id
//   list     GET  {base}/v1/customers?size=..&filter={"Field":"IndirectReseller",...}
//            then seekOperation=Next with MS-ContinuationToken for further pages
//            https://learn.microsoft.com/partner-center/developer/get-a-list-of-customers
//            https://learn.microsoft.com/partner-center/developer/get-a-customer-by-name
// Builders validate what they send; parsers turn any answer into a value or a failure, reading
// at most max_customers_per_page customers from one page.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/encode.hpp>
#include <partner_center/core/message.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/redact.hpp>
#include <partner_center/rest/redaction.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/response.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace partner_center::rest {

// The most customers read from one page. The documented examples page by tens (the .NET sample
// on get-a-list-of-customers reads "chunks of 40"; get-a-customer-by-name lets the caller "set a
// page size"); 1,000 is well above any page size asked for in them. Past it the page is refused
// before any item is decoded: a megabyte of "{}," would otherwise become some 350,000 Customer
// values.
inline constexpr std::size_t max_customers_per_page = 1000;
// The most customers client::list_all_customers collects (some hundreds of megabytes at most);
// a longer listing is read page by page with list_customers.
inline constexpr std::size_t max_listed_customers = 100'000;

struct create_options {
  // Sets associatedPartnerId (the indirect reseller's tenant id) before validation; empty keeps
  // the customer's own.
  std::string reseller_id{};
  // How the body is checked: creation kind, domain suffixes, country rules.
  model::create_request_options request{};
  // Fixed ids for this create; the request id is the service's idempotency key (MS-RequestId,
  // https://learn.microsoft.com/partner-center/developer/headers).
  call_ids ids{};
};

// A create request's body, validated and encoded: what both create paths (client::create_customer
// and create_customer_with_preflight) send, so that they check the same rules, the caller's
// country rules included.
struct create_body {
  model::Customer customer;  // as sent: associatedPartnerId set from create_options::reseller_id
  std::string json;          // the encoded body
};

// Validates `customer` as a create request under `options.request` (creation kind, domain
// suffixes, country rules) and encodes it. An invalid one gives an invalid_request failure with
// every violation.
inline result<create_body> create_request_body(const model::Customer& customer,
                                               const create_options& options = {}) {
  create_body out{customer, {}};
  if (!options.reseller_id.empty())
    out.customer.associatedPartnerId = options.reseller_id;
  report violations;
  if (!model::validate_create_request(out.customer, violations, options.request)) {
    std::string message = "the customer is not a valid create request (" +
                          std::to_string(violations.error_count()) + " errors); not sent";
    return invalid_request(std::move(message), std::move(violations));
  }
  out.json = encode(out.customer);
  return out;
}

// POST /v1/customers with a body create_request_body made.
inline result<http_request> build_create_customer(const request_context& context,
                                                  const create_body& body,
                                                  const call_ids& ids = {}) {
  return make_request(context, http_method::post, context.base_url.endpoint({"customers"}),
                      body.json, ids);
}

// POST /v1/customers. The customer is validated as a create request first (create_request_body);
// an invalid one gives an invalid_request failure with every violation and no request.
inline result<http_request> build_create_customer(const request_context& context,
                                                  const model::Customer& customer,
                                                  const create_options& options = {}) {
  auto body = create_request_body(customer, options);
  if (!body)
    return body.error();
  return build_create_customer(context, *body, options.ids);
}

// The documented answer is 201 Created with the new Customer
// (https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller;
// the swagger, MicrosoftDocs/partner-center-sdk rest-swagger-specs/CustomerService.json, says
// 200): both are success. The customer includes userCredentials with the admin password.
inline result<model::Customer> parse_create_customer(const http_response& response) {
  if (!is_success(response.status))
    return refusal(response);
  return detail::decode_body<model::Customer>(response, "a Customer");
}

// GET /v1/customers/{id}; the id is the customer's tenant id, a GUID (get-a-customer-by-id).
inline result<http_request> build_get_customer(const request_context& context,
                                               std::string_view customer_id,
                                               const call_ids& ids = {}) {
  if (!model::formats::is_guid(customer_id)) {
    return invalid_request("customer id " + quote_for_message(customer_id) + " is not a GUID");
  }
  return make_request(context, http_method::get,
                      context.base_url.endpoint({"customers", customer_id}), {}, ids);
}

inline result<model::Customer> parse_get_customer(const http_response& response) {
  if (!is_success(response.status))
    return refusal(response);
  return detail::decode_body<model::Customer>(response, "a Customer");
}

// A customer search filter, sent as JSON in the query (get-a-customer-by-name). Field is a
// CustomerSearchField name (CompanyName, Domain, IndirectReseller, IndirectCloudSolutionProvider);
// "starts_with" is the only operator the customer search supports.
struct customer_filter {
  std::string field;
  std::string value;
  std::string op = "starts_with";
};

inline std::string to_json(const customer_filter& filter) {
  boost::json::object o;
  o["Field"] = filter.field;
  o["Value"] = filter.value;
  o["Operator"] = filter.op;
  return boost::json::serialize(o);
}

struct list_customers_query {
  std::optional<customer_filter> filter{};
  std::optional<int> size{};  // page size; the documented example sends 0
  // From the previous page: asks for the next one (seekOperation=Next + MS-ContinuationToken).
  std::string continuation_token{};
};

// The customers of one indirect reseller, as the documented example asks for them
// (https://learn.microsoft.com/partner-center/developer/get-customers-of-an-indirect-reseller).
inline list_customers_query customers_of_reseller(std::string_view reseller_id) {
  list_customers_query query;
  query.filter = customer_filter{"IndirectReseller", std::string(reseller_id), "starts_with"};
  query.size = 0;
  return query;
}

inline result<http_request> build_list_customers(const request_context& context,
                                                 const list_customers_query& query,
                                                 const call_ids& ids = {}) {
  std::vector<query_parameter> params;
  std::string size;
  if (query.size) {
    if (*query.size < 0)
      return invalid_request("page size must not be negative");
    size = std::to_string(*query.size);
    params.push_back({"size", size});
  }
  std::string filter;
  if (query.filter) {
    filter = to_json(*query.filter);
    params.push_back({"filter", filter});
  }
  if (!query.continuation_token.empty())
    params.push_back({"seekOperation", "Next"});
  auto request = make_request(context, http_method::get,
                              context.base_url.endpoint({"customers"}, params), {}, ids);
  if (request && !query.continuation_token.empty()) {
    if (!is_valid_header_value(query.continuation_token))
      return invalid_request("the continuation token contains CR, LF or NUL and is refused");
    request->headers.set("MS-ContinuationToken", query.continuation_token);
  }
  return request;
}

struct customer_page {
  std::optional<std::int64_t> total_count;
  std::vector<model::Customer> items;
  // Empty on the last page. Pass it back in list_customers_query::continuation_token.
  std::string continuation_token;
};

inline result<customer_page> parse_list_customers(const http_response& response) {
  if (!is_success(response.status))
    return refusal(response);
  auto page = detail::decode_page<model::Customer>(response, "a collection of customers",
                                                   max_customers_per_page, "customers");
  if (!page)
    return page.error();
  customer_page out;
  out.total_count = page->totalCount;
  if (page->items)
    out.items = std::move(*page->items);
  out.continuation_token = detail::continuation_token_of(*page);
  return out;
}

// The customer as canonical JSON (camelCase, absent members omitted), password redacted.
inline std::string redacted_json(const model::Customer& customer) {
  if (customer.userCredentials && customer.userCredentials->password) {
    model::Customer copy = customer;
    copy.userCredentials->password = std::string(redacted_marker);
    return encode(copy);
  }
  return encode(customer);
}

// What `pc-customer request` prints: the create request for `customer` (under `options`, its
// reseller id included) against `base_url_text` (empty: the public cloud), with the token shown
// as "Bearer <redacted>". Fails like build_create_customer, or on an unusable base URL.
inline result<std::string> redacted_create_request(const model::Customer& customer,
                                                   const create_options& options = {},
                                                   std::string_view base_url_text = {}) {
  auto base = base_url::parse(base_url_text.empty() ? public_cloud_base_url : base_url_text);
  if (!base)
    return base.error();
  request_context context;
  context.base_url = std::move(*base);
  context.token = static_token("placeholder");  // never shown: redacted() hides it
  auto request = build_create_customer(context, customer, options);
  if (!request)
    return request.error();
  return redacted(*request);
}

}  // namespace partner_center::rest
