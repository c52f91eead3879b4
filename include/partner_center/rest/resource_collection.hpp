#pragma once

// The envelope of a page of resources: {"totalCount", "items", "links", "attributes"}
// (ResourceCollection and ResourceLinks,
// https://learn.microsoft.com/partner-center/developer/utility-resources). Described like any
// resource, so a page decodes in one pass straight into its items; no DOM is built.

#include <partner_center/core/cxx20.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace partner_center::rest {

struct link_header {
  std::optional<std::string> key;
  std::optional<std::string> value;
};
BOOST_DESCRIBE_STRUCT(link_header, (), (key, value))

struct resource_link {
  std::optional<std::string> uri;
  std::optional<std::string> method;
  std::optional<std::vector<link_header>> headers;
};
BOOST_DESCRIBE_STRUCT(resource_link, (), (uri, method, headers))

struct resource_links {
  std::optional<resource_link> self;
  std::optional<resource_link> next;
  std::optional<resource_link> previous;
};
BOOST_DESCRIBE_STRUCT(resource_links, (), (self, next, previous))

template <class Item>
struct resource_collection {
  std::optional<std::int64_t> totalCount;
  std::optional<std::vector<Item>> items;
  // Some answers carry the token here instead of in the next link's header.
  std::optional<std::string> continuationToken;
  std::optional<resource_links> links;

  BOOST_DESCRIBE_CLASS(resource_collection, (), (totalCount, items, continuationToken, links), (),
                       ())
};

}  // namespace partner_center::rest
