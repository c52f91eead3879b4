#pragma once

// Domain availability: HEAD {base}/v1/domains/{domain} answers 200 when the domain exists (taken)
// and 404 when it is free, with no body
// (https://learn.microsoft.com/partner-center/developer/verify-domain-availability). Check before
// creating: the create call has no documented error code for a taken domain (none in
// https://learn.microsoft.com/partner-center/developer/error-codes).

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/response.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace partner_center::rest {

enum class domain_availability : std::uint8_t {
  available,
  taken
};

BOOST_DESCRIBE_ENUM(domain_availability, available, taken)

inline constexpr std::string_view to_string(domain_availability a) noexcept {
  return enum_name(a, "unknown");
}

inline result<http_request> build_domain_availability(const request_context& context,
                                                      std::string_view domain,
                                                      const call_ids& ids = {}) {
  if (text::is_blank(domain))
    return invalid_request("the domain to check is empty");
  return make_request(context, http_method::head, context.base_url.endpoint({"domains", domain}),
                      {}, ids);
}

// 404 is the answer "available" here, not an error.
inline result<domain_availability> parse_domain_availability(const http_response& response) {
  if (response.status == 404)
    return domain_availability::available;
  if (is_success(response.status))
    return domain_availability::taken;
  return refusal(response);
}

}  // namespace partner_center::rest
