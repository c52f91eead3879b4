#pragma once

// The REST layer: sans-I/O requests and answers of the Partner Center calls a provider makes to
// create customers (customers, domains, relationships, country validation rules, address
// validation), their failures and service errors, retries, the client over a transport of your
// own, pre-flight checks and batch creation with its journal. Includes the offline library
// (<partner_center/partner_center.hpp>). Transports are separate: transports/curl_transport.hpp
// or transports/beast_transport.hpp, whichever HTTP stack you already have.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/partner_center.hpp>

#include <partner_center/rest/address_validation.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/batch_create.hpp>
#include <partner_center/rest/batch_journal.hpp>
#include <partner_center/rest/batch_limiter.hpp>
#include <partner_center/rest/batch_summary.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/rest/country_validation_rules.hpp>
#include <partner_center/rest/credentials_file.hpp>
#include <partner_center/rest/credentials_sink.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/domains.hpp>
#include <partner_center/rest/error_codes.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/http.hpp>
#include <partner_center/rest/preflight.hpp>
#include <partner_center/rest/redact.hpp>
#include <partner_center/rest/redaction.hpp>
#include <partner_center/rest/relationships.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/resource_collection.hpp>
#include <partner_center/rest/response.hpp>
#include <partner_center/rest/retry.hpp>
#include <partner_center/rest/secure_erase.hpp>
#include <partner_center/rest/service_error.hpp>
