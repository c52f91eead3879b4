#pragma once

// The utility resources every Partner Center resource carries: links to related resources and
// metadata attributes (ResourceLinks and ResourceAttributes in
// https://learn.microsoft.com/partner-center/developer/utility-resources).

#include <partner_center/core/cxx20.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <vector>

namespace partner_center::model {

// One entry of a link's headers (KeyValuePair on the wire).
struct KeyValuePair {
  std::optional<std::string> key;
  std::optional<std::string> value;
};
BOOST_DESCRIBE_STRUCT(KeyValuePair, (), (key, value))

struct Link {
  std::optional<std::string> uri;
  std::optional<std::string> method;
  std::optional<std::vector<KeyValuePair>> headers;
};
BOOST_DESCRIBE_STRUCT(Link, (), (uri, method, headers))

struct ResourceLinks {
  std::optional<Link> self;
  std::optional<Link> next;
  std::optional<Link> previous;
};
BOOST_DESCRIBE_STRUCT(ResourceLinks, (), (self, next, previous))

struct ResourceAttributes {
  std::optional<std::string> etag;        // the object's version
  std::optional<std::string> objectType;  // "Customer", "CustomerBillingProfile", ...
};
BOOST_DESCRIBE_STRUCT(ResourceAttributes, (), (etag, objectType))

}  // namespace partner_center::model
