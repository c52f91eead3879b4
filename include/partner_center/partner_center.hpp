#pragma once

// Everything: the generic machinery (core) and the Partner Center resources and rules (model).
// Include a topic header instead to pay only for what you use.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/version.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/core/json_pointer.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/validate.hpp>
#include <partner_center/core/violation.hpp>

#include <partner_center/model/address.hpp>
#include <partner_center/model/billing_profile.hpp>
#include <partner_center/model/company_profile.hpp>
#include <partner_center/model/countries.hpp>
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/country_validation_rules.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/model/formats.hpp>
#include <partner_center/model/resource.hpp>
#include <partner_center/model/user_credentials.hpp>
