#pragma once

// Reading a success body into a resource. Answers are decoded tolerantly: a member this library
// does not know is the service moving ahead, not an error (it stays a warning in the report).

#include <partner_center/core/decode.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/service_error.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

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
  if (is_blank_body(strip_bom(response.body)))
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

// A success body as a JSON value, for envelopes with numbers (totalCount) that the described
// decoder does not model.
inline result<boost::json::value> parse_json_body(const http_response& response,
                                                  std::string_view what) {
  const std::string_view body = strip_bom(response.body);
  if (is_blank_body(body))
    return unexpected_response(response.status, "the body is empty; expected " + std::string(what));
  if (body.size() > max_response_body)
    return unexpected_response(response.status, "the body is larger than the limit");
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto parsed = boost::json::parse(body, ec, {}, options);
  if (ec) {
    return unexpected_response(response.status, "the body is not JSON (" + ec.message() +
                                                    "); expected " + std::string(what) + ": " +
                                                    excerpt(body));
  }
  return parsed;
}

// Decodes one JSON value (an item of a collection) as T.
template <class T>
result<T> decode_value(const boost::json::value& json, int status, std::string_view what) {
  http_response item;
  item.status = status;
  item.body = boost::json::serialize(json);
  return decode_body<T>(item, what);
}

inline std::optional<std::int64_t> integer_member(const boost::json::object& o,
                                                  std::string_view name) {
  const auto* v = member(o, name);
  if (v == nullptr)
    return std::nullopt;
  if (const auto* i = v->if_int64())
    return *i;
  if (const auto* u = v->if_uint64())
    return static_cast<std::int64_t>(*u);
  return std::nullopt;
}

// {"totalCount":..,"items":[..]} with each item decoded as T. More than `max_items` items is a
// failure with a `limit` violation at /items, found before any item is decoded; `plural` names
// the items in its message ("customers").
template <class T>
result<std::vector<T>> decode_items(const boost::json::object& collection, int status,
                                    std::string_view what,
                                    std::size_t max_items = static_cast<std::size_t>(-1),
                                    std::string_view plural = "items") {
  std::vector<T> items;
  const auto* list = member(collection, "items");
  if (list == nullptr || list->is_null())
    return items;
  if (!list->is_array())
    return unexpected_response(status, "\"items\" is not an array");
  const auto& array = list->get_array();
  if (array.size() > max_items) {
    const std::string limit = std::to_string(max_items);
    report found;
    found.add({"/items", violation_code::limit, severity::error,
               "more than " + limit + " " + std::string(plural) + " in one page"});
    return unexpected_response(status,
                               "the page holds " + std::to_string(array.size()) + " " +
                                   std::string(plural) + "; at most " + limit +
                                   " are read from one page",
                               std::move(found));
  }
  items.reserve(array.size());
  for (const auto& element : array) {
    auto item = decode_value<T>(element, status, what);
    if (!item)
      return item.error();
    items.push_back(std::move(*item));
  }
  return items;
}

}  // namespace detail

// Any non-success answer as a failure of kind service.
inline failure refusal(const http_response& response) {
  return service_failure(parse_service_error(response));
}

}  // namespace partner_center::rest
