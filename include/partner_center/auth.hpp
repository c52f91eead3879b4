#pragma once

// App+User authentication for Partner Center: Microsoft Entra ID refresh-token grants (v1 and
// v2 endpoints), their answers and failures, client secrets and certificate assertions, refresh
// token stores, and a caching token provider to plug into rest::request_context. Sans-I/O: the
// token request is sent by the caller's transport (transports/ has two).
//
// client_assertion.hpp needs OpenSSL's libcrypto (link OpenSSL::Crypto); include the topic
// headers instead of this one to do without it when no certificate credential is used.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/auth/access_token_claims.hpp>
#include <partner_center/auth/client_assertion.hpp>
#include <partner_center/auth/cloud.hpp>
#include <partner_center/auth/failure.hpp>
#include <partner_center/auth/refresh_token_store.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/auth/token_answer.hpp>
#include <partner_center/auth/token_provider.hpp>
#include <partner_center/auth/token_request.hpp>
