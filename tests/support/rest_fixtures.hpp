#pragma once

// What the tests of the REST request builders and answer parsers share: a context with nothing
// but a token, and an answer as a transport hands it over.

#include <partner_center/rest/http.hpp>
#include <partner_center/rest/request_context.hpp>

#include <string>
#include <utility>

namespace partner_center::test {

// The public cloud (request_context's default base URL) and a fixed token: all a builder needs
// to make a request. No test here sends it, so the token's value only shows in headers.
inline rest::request_context token_context(std::string token = "t") {
  rest::request_context c;
  c.token = rest::static_token(std::move(token));
  return c;
}

// An HTTP answer for a parser to read.
inline rest::http_response http_answer(int status, std::string body = {},
                                       rest::http_headers headers = {}) {
  rest::http_response r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

}  // namespace partner_center::test
