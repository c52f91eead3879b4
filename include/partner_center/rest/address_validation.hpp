#pragma once

// Address validation: POST {base}/v1/validations/address
// (https://learn.microsoft.com/partner-center/developer/validate-an-address).
// Two contracts are in the wild and both are read:
//   since 2021-05-17: 200 + {originalAddress, suggestedAddresses, status, validationMessage};
//   before:           200 with an empty body = valid, 400 code 2007 with the finding as JSON
//                     inside description = invalid.
// The change broke the PowerShell module's validation
// (https://github.com/microsoft/Partner-Center-PowerShell/issues/367 and issues/383); this parser
// takes both.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/encode.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/model/address.hpp>
#include <partner_center/model/resource.hpp>
#include <partner_center/rest/detail/body_text.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/response.hpp>
#include <partner_center/rest/service_error.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace partner_center::rest {

struct AddressValidationResponse {
  std::optional<model::Address> originalAddress;
  std::optional<std::vector<model::Address>> suggestedAddresses;
  std::optional<std::string> status;  // "VerifiedShippable", "StreetPartial", ...
  std::optional<std::string> validationMessage;
  std::optional<model::ResourceAttributes> attributes;
};
BOOST_DESCRIBE_STRUCT(AddressValidationResponse, (),
                      (originalAddress, suggestedAddresses, status, validationMessage, attributes))

struct address_validation {
  bool verified = false;  // the service accepts the address as it is
  std::string status;     // the current contract's status; "" under the old one
  std::string message;    // validationMessage, or the old contract's reason
  std::string code;       // the old contract's inner code, e.g. "60071" (ZipCityInvalid)
  std::vector<model::Address> suggestions;
};

// "Verified shippable" and "Verified" are the statuses that need nothing from the user; the
// others (Interaction required, Street partial, Premises partial, Multiple, None, Not validated)
// do (the status table of validate-an-address).
inline bool is_verified_status(std::string_view status) noexcept {
  return text::iequals(status, "VerifiedShippable") || text::iequals(status, "Verified");
}

// The body has the members the operation documents: addressLine1, addressLine2, city, state,
// postalCode, country (the request body of validate-an-address).
inline result<http_request> build_validate_address(const request_context& context,
                                                   const model::Address& address,
                                                   const call_ids& ids = {}) {
  model::Address body;
  body.addressLine1 = address.addressLine1;
  body.addressLine2 = address.addressLine2;
  body.city = address.city;
  body.state = address.state;
  body.postalCode = address.postalCode;
  body.country = address.country;
  if (!body.country || body.country->empty())
    return invalid_request("the address to validate has no country");
  return make_request(context, http_method::post,
                      context.base_url.endpoint({"validations", "address"}), encode(body), ids);
}

inline result<address_validation> parse_validate_address(const http_response& response) {
  if (is_success(response.status)) {
    if (detail::is_blank_body(text::strip_bom(response.body)))
      return address_validation{true, "", "", "", {}};  // the old contract's "valid"
    auto decoded =
        detail::decode_body<AddressValidationResponse>(response, "an AddressValidationResponse");
    if (!decoded)
      return decoded.error();
    address_validation out;
    out.status = decoded->status.value_or("");
    out.verified = is_verified_status(out.status);
    out.message = decoded->validationMessage.value_or("");
    if (decoded->suggestedAddresses)
      out.suggestions = std::move(*decoded->suggestedAddresses);
    return out;
  }
  service_error error = parse_service_error(response);
  if (response.status == 400 && error.has_code(error_codes::address_validation_failed)) {
    address_validation out;
    out.code = error.inner_code;
    out.message = !error.inner_reason.empty() ? error.inner_reason : error.description;
    return out;
  }
  return service_failure(std::move(error));
}

}  // namespace partner_center::rest
