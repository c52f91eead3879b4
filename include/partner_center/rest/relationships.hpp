#pragma once

// The indirect resellers of the signed-in provider:
// GET {base}/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf
// (https://learn.microsoft.com/partner-center/developer/retrieve-a-list-of-indirect-resellers).
// Creating a customer for a reseller requires that "the indirect reseller must have a
// partnership with the indirect provider" (the prerequisites of
// https://learn.microsoft.com/partner-center/developer/create-a-customer-for-an-indirect-reseller);
// find_reseller() checks exactly that.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/model/resource.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/response.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace partner_center::rest {

// PartnerRelationship (the response of retrieve-a-list-of-indirect-resellers): id is the
// partner's tenant id.
struct PartnerRelationship {
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::optional<std::string> relationshipType;  // "is_indirect_cloud_solution_provider_of"
  std::optional<std::string> state;             // "Active"
  std::optional<std::string> mpnId;
  std::optional<std::string> partnerId;
  std::optional<std::string> location;
  std::optional<model::ResourceAttributes> attributes;
};
BOOST_DESCRIBE_STRUCT(PartnerRelationship, (),
                      (id, name, relationshipType, state, mpnId, partnerId, location, attributes))

// Which side the caller is on: a provider lists its resellers with
// IsIndirectCloudSolutionProviderOf, a reseller its providers with IsIndirectResellerOf.
enum class relationship_type : std::uint8_t {
  indirect_cloud_solution_provider_of,
  indirect_reseller_of
};

// The query value is the .NET enum name, PascalCase: "the string representation of one of the
// member names found in PartnerRelationshipType" (retrieve-a-list-of-indirect-resellers).
inline constexpr std::string_view query_value(relationship_type type) noexcept {
  return type == relationship_type::indirect_cloud_solution_provider_of
             ? "IsIndirectCloudSolutionProviderOf"
             : "IsIndirectResellerOf";
}

inline result<http_request> build_list_relationships(
    const request_context& context,
    relationship_type type = relationship_type::indirect_cloud_solution_provider_of,
    const call_ids& ids = {}) {
  const query_parameter query[] = {{"relationship_type", query_value(type)}};
  return make_request(context, http_method::get,
                      context.base_url.endpoint({"relationships"}, query), {}, ids);
}

struct relationship_page {
  std::optional<std::int64_t> total_count;
  std::vector<PartnerRelationship> items;
};

inline result<relationship_page> parse_list_relationships(const http_response& response) {
  if (!is_success(response.status))
    return refusal(response);
  auto page =
      detail::decode_page<PartnerRelationship>(response, "a collection of partner relationships");
  if (!page)
    return page.error();
  relationship_page out{page->totalCount, {}};
  if (page->items)
    out.items = std::move(*page->items);
  return out;
}

enum class reseller_status : std::uint8_t {
  active,
  inactive,  // listed, but its state is not "Active"
  not_found  // no relationship with this tenant id
};

BOOST_DESCRIBE_ENUM(reseller_status, active, inactive, not_found)

inline constexpr std::string_view to_string(reseller_status s) noexcept {
  return enum_name(s, "unknown");
}

struct reseller_check {
  reseller_status status = reseller_status::not_found;
  std::optional<PartnerRelationship> relationship;
};

// Whether `associated_partner_id` is one of the listed resellers and active. GUIDs compare
// case-insensitively.
inline reseller_check find_reseller(const relationship_page& page,
                                    std::string_view associated_partner_id) {
  for (const auto& r : page.items) {
    if (r.id && text::iequals(*r.id, associated_partner_id)) {
      const bool active = r.state && text::iequals(*r.state, "Active");
      return {active ? reseller_status::active : reseller_status::inactive, r};
    }
  }
  return {};
}

}  // namespace partner_center::rest
