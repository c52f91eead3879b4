#pragma once

// The service's address rules for one country: GET {base}/v1/countryvalidationrules/{iso2}
// (https://learn.microsoft.com/partner-center/developer/get-market-specific-validation-data). The
// answer comes back both decoded and as the JSON text the service sent, which
// the country rule loader takes as it takes a file.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/message.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/model/country_validation_rules.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/response.hpp>

#include <string>
#include <string_view>

namespace partner_center::rest {

struct country_rules_answer {
  model::CountryValidationRules rules;
  std::string json;  // the body, byte order mark removed
};

// The path parameter is "the two-character ISO country code" (same page); the SDKs refuse
// anything else (ParameterValidator.ValidateCountryCode in partner-center-sdk-for-dotNET,
// Source/PartnerSDK/Utilities/ParameterValidator.cs).
inline result<http_request> build_get_country_validation_rules(const request_context& context,
                                                               std::string_view iso2,
                                                               const call_ids& ids = {}) {
  if (iso2.size() != 2 || !text::is_ascii_alpha(iso2[0]) || !text::is_ascii_alpha(iso2[1])) {
    return invalid_request("country " + quote_for_message(iso2) +
                           " is not a two-letter ISO 3166-1 code");
  }
  return make_request(context, http_method::get,
                      context.base_url.endpoint({"countryvalidationrules", iso2}), {}, ids);
}

inline result<country_rules_answer> parse_country_validation_rules(const http_response& response) {
  if (!is_success(response.status))
    return refusal(response);
  auto rules =
      detail::decode_body<model::CountryValidationRules>(response, "CountryValidationRules");
  if (!rules)
    return rules.error();
  return country_rules_answer{std::move(*rules), std::string(text::strip_bom(response.body))};
}

}  // namespace partner_center::rest
