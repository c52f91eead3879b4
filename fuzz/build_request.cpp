// Arbitrary field values turned into requests: base URL, bearer token, locale, application name,
// ids that become path segments, a filter and a continuation token that become query and header,
// and a customer JSON that becomes a create request's body. The fields are separated by a
// backslash and one other character ("\\" is a backslash), so any byte, CR, LF and NUL
// included, can reach any field; the last field takes the rest of the input.
//
// Whatever the values, a request that is built has only well-formed header fields, goes to https
// (or http on loopback), keeps each id as exactly one path segment, carries the filter and the
// customer unchanged, and never prints the token; a refusal is one line.

#include "field_reader.hpp"
#include "fuzz_check.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/country_validation_rules.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/domains.hpp>
#include <partner_center/rest/redact.hpp>
#include <partner_center/rest/request_context.hpp>

#include <boost/url/url.hpp>
#include <boost/url/url_view.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>

namespace {

namespace pc = partner_center;
namespace rest = partner_center::rest;

struct fields {
  std::string base_url;
  std::string token;
  std::string locale;
  std::string application;
  std::string customer_id;
  std::string domain;
  std::string iso2;
  std::string request_id;
  std::string filter_value;
  std::string continuation_token;
  std::string customer_json;
};

fields read_fields(const std::uint8_t* data, std::size_t size) {
  fuzz::field_reader input(data, size);
  fields f;
  for (std::string* field :
       {&f.base_url, &f.token, &f.locale, &f.application, &f.customer_id, &f.domain, &f.iso2,
        &f.request_id, &f.filter_value, &f.continuation_token}) {
    *field = input.next(4096);
  }
  f.customer_json = input.rest();
  return f;
}

std::string_view view(boost::core::string_view s) {
  return {s.data(), s.size()};
}

void check_refusal(const rest::failure& f) {
  FUZZ_CHECK(!f.message.empty());
  FUZZ_CHECK(f.message.find_first_of("\r\n") == std::string::npos);
  FUZZ_CHECK(f.message.size() <= fuzz::max_message_size);
  fuzz::check_report(f.violations, true);
}

// What a request prints does not depend on its token: the same request with another token
// prints the same text.
void check_token_hidden(const rest::http_request& request) {
  rest::http_request other = request;
  other.headers.set("Authorization", "Bearer another-token");
  FUZZ_CHECK(rest::redacted(other) == rest::redacted(request));
}

void check_request(const rest::http_request& request, const rest::request_context& context,
                   const fields& f) {
  const auto scheme = view(request.url.scheme());
  FUZZ_CHECK(scheme == "https" || (scheme == "http" && context.base_url.is_loopback()));
  FUZZ_CHECK(context.base_url.same_origin(request.url));
  FUZZ_CHECK(!request.url.has_fragment());
  for (const auto& h : request.headers) {
    FUZZ_CHECK(rest::is_valid_header_name(h.name));
    FUZZ_CHECK(rest::is_valid_header_value(h.value));
  }
  const std::string* authorization = request.headers.find("Authorization");
  FUZZ_CHECK(authorization != nullptr && *authorization == "Bearer " + f.token);
  check_token_hidden(request);
}

// The request's path ends with /v1/{collection}/{id}, the id decoded back unchanged.
void check_last_segments(const rest::http_request& request, std::string_view collection,
                         std::string_view id) {
  const auto segments = boost::urls::url_view(request.url).segments();  // decoded
  FUZZ_CHECK(segments.size() >= 3);
  auto it = segments.end();
  const std::string last = *--it;
  const std::string before = *--it;
  const std::string version = *--it;
  FUZZ_CHECK(last == id);
  FUZZ_CHECK(before == collection);
  FUZZ_CHECK(version == "v1");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fields f = read_fields(data, size);

  auto base = rest::base_url::parse(f.base_url);
  if (!base) {
    check_refusal(base.error());
    return 0;
  }
  rest::request_context context;
  context.base_url = std::move(*base);
  context.token = rest::static_token(f.token);
  context.locale = f.locale;
  context.application = f.application;
  const rest::call_ids ids{f.request_id, {}};

  if (auto r = rest::build_get_customer(context, f.customer_id, ids)) {
    check_request(*r, context, f);
    check_last_segments(*r, "customers", f.customer_id);
  } else {
    check_refusal(r.error());
  }

  if (auto r = rest::build_domain_availability(context, f.domain, ids)) {
    check_request(*r, context, f);
    check_last_segments(*r, "domains", f.domain);
  } else {
    check_refusal(r.error());
  }

  if (auto r = rest::build_get_country_validation_rules(context, f.iso2, ids)) {
    check_request(*r, context, f);
    check_last_segments(*r, "countryvalidationrules", f.iso2);
  } else {
    check_refusal(r.error());
  }

  rest::list_customers_query query = rest::customers_of_reseller(f.filter_value);
  query.continuation_token = f.continuation_token;
  if (auto r = rest::build_list_customers(context, query, ids)) {
    check_request(*r, context, f);
    const auto params = boost::urls::url_view(r->url).params();  // decoded
    const auto filter = params.find("filter");
    FUZZ_CHECK(filter != params.end());
    FUZZ_CHECK((*filter).value == rest::to_json(*query.filter));
    if (!f.continuation_token.empty())
      FUZZ_CHECK(r->headers.value_or("MS-ContinuationToken") == f.continuation_token);
  } else {
    check_refusal(r.error());
  }

  const auto customer = pc::decode<pc::model::Customer>(f.customer_json);
  if (!customer.complete)
    return 0;
  rest::create_options options;
  options.ids = ids;
  if (auto r = rest::build_create_customer(context, customer.value, options)) {
    check_request(*r, context, f);
    const auto segments = boost::urls::url_view(r->url).segments();
    FUZZ_CHECK(!segments.empty() && *std::prev(segments.end()) == "customers");
    const auto body = pc::decode<pc::model::Customer>(r->body, pc::decode_options{.strict = true});
    FUZZ_CHECK(body.complete && body.violations.empty());
    FUZZ_CHECK(r->body == pc::encode(customer.value));
  } else {
    check_refusal(r.error());
  }

  // A response that echoes the customer prints the same whatever its password and cookie.
  pc::model::Customer echoed = customer.value;
  rest::http_response response;
  response.status = 201;
  response.headers.add("Set-Cookie", f.token);
  auto& credentials = echoed.userCredentials.emplace();
  credentials.password = "first-password";
  const std::string first = rest::redacted_json(echoed);
  response.body = pc::encode(echoed);
  const std::string first_response = rest::redacted(response);
  credentials.password = "second-password";
  FUZZ_CHECK(rest::redacted_json(echoed) == first);
  response.body = pc::encode(echoed);
  response.headers.set("Set-Cookie", "another-cookie");
  FUZZ_CHECK(rest::redacted(response) == first_response);
  return 0;
}
