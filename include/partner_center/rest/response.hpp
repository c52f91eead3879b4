#pragma once

// Reading a success body into a resource. Answers are decoded tolerantly: a member this library
// does not know is the service moving ahead, not an error (it stays a warning in the report).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/rest/detail/body_text.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/resource_collection.hpp>
#include <partner_center/rest/service_error.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace partner_center::rest {

// Answers larger than this are refused before decoding: a page of customers is tens of KB.
inline constexpr std::size_t max_response_body = std::size_t{16} << 20;

namespace detail {

inline decode_options response_decoding() {
  decode_options options;
  options.strict = false;
  options.max_document_size = max_response_body;
  return options;
}

// Decodes a success body as T. Malformed JSON, JSON of the wrong kind, or an empty body is an
// unexpected_response; unknown members are not.
template <class T>
result<T> decode_body(const http_response& response, std::string_view what) {
  if (is_blank_body(text::strip_bom(response.body)))
    return unexpected_response(response.status, "the body is empty; expected " + std::string(what));
  T value{};
  report problems;
  const bool complete = decode(response.body, value, problems, response_decoding());
  bool wrong_kind = false;
  for (const auto& v : problems) {
    if (v.severity == severity::error && v.code == violation_code::type && v.path.empty())
      wrong_kind = true;
  }
  if (!complete || wrong_kind) {
    return unexpected_response(response.status, "the body is not " + std::string(what),
                               std::move(problems));
  }
  return value;
}

// True for a problem with the shape of the page itself (not an object, items not an array, an
// item not an object), as opposed to a member of an item the service returned in a shape this
// library does not expect, which stays in the report as the item decoder leaves it.
inline bool is_page_shape_problem(const violation& v) noexcept {
  if (v.severity != severity::error || v.code != violation_code::type)
    return false;
  const std::string_view path = v.path;
  if (path.empty() || path == "/items")
    return true;
  return path.starts_with("/items/") &&
         path.find('/', std::string_view("/items/").size()) == std::string_view::npos;
}

// Decodes a page straight into its items. More than `max_items` items is a failure with a
// `limit` violation at /items; the items past the limit are skipped by the parser, never
// stored. `plural` names the items in messages ("customers").
template <class Item>
result<resource_collection<Item>> decode_page(const http_response& response, std::string_view what,
                                              std::size_t max_items = 10'000,
                                              std::string_view plural = "items") {
  if (is_blank_body(text::strip_bom(response.body)))
    return unexpected_response(response.status, "the body is empty; expected " + std::string(what));
  decode_options options = response_decoding();
  options.max_array_size = max_items;
  resource_collection<Item> page;
  report problems;
  const bool complete = decode(response.body, page, problems, options);
  if (!complete) {
    return unexpected_response(response.status, "the body is not " + std::string(what),
                               std::move(problems));
  }
  for (const auto& v : problems) {
    if (v.code == violation_code::limit && v.path == "/items") {
      const std::string limit = std::to_string(max_items);
      return unexpected_response(response.status,
                                 "the page holds more than " + limit + " " + std::string(plural) +
                                     "; at most " + limit + " are read from one page",
                                 std::move(problems));
    }
    if (is_page_shape_problem(v)) {
      return unexpected_response(response.status, "the body is not " + std::string(what),
                                 std::move(problems));
    }
  }
  return page;
}

// The continuation token of a page: "continuationToken", or the MS-ContinuationToken header of
// the next link (ResourceLinks,
// https://learn.microsoft.com/partner-center/developer/utility-resources#resourcelinks).
template <class Item>
std::string continuation_token_of(const resource_collection<Item>& page) {
  if (page.continuationToken)
    return *page.continuationToken;
  if (!page.links || !page.links->next || !page.links->next->headers)
    return {};
  for (const link_header& h : *page.links->next->headers) {
    if (h.key && h.value && text::iequals(*h.key, "MS-ContinuationToken"))
      return *h.value;
  }
  return {};
}

}  // namespace detail

// Any non-success answer as a failure of kind service.
inline failure refusal(const http_response& response) {
  return service_failure(parse_service_error(response));
}

}  // namespace partner_center::rest
