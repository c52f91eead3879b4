#pragma once

// The offline library: the generic machinery (core: decode, validate, encode, JSON Schema) and
// the Partner Center resources and their rules (model). The REST layer is
// <partner_center/rest.hpp>, authentication <partner_center/auth.hpp>, each transport its own
// header under transports/. Include a topic header instead to pay only for what you use.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/version.hpp>

#include <partner_center/core/count_rules.hpp>
#include <partner_center/core/decode.hpp>
#include <partner_center/core/decode_options.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/core/enum_name.hpp>
#include <partner_center/core/error_code.hpp>
#include <partner_center/core/json_pointer.hpp>
#include <partner_center/core/json_string.hpp>
#include <partner_center/core/message.hpp>
#include <partner_center/core/number_rules.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/schema.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/validate.hpp>
#include <partner_center/core/value_kind.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/model/address.hpp>
#include <partner_center/model/billing_profile.hpp>
#include <partner_center/model/company_profile.hpp>
#include <partner_center/model/countries.hpp>
#include <partner_center/model/country_pattern.hpp>
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/country_rules.hpp>
#include <partner_center/model/country_rules_files.hpp>
#include <partner_center/model/country_validation_rules.hpp>
#include <partner_center/model/create_environment.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/model/create_request_options.hpp>
#include <partner_center/model/create_request_schema.hpp>
#include <partner_center/model/create_rules.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/model/pattern_match.hpp>
#include <partner_center/model/resource.hpp>
#include <partner_center/model/user_credentials.hpp>
