#pragma once

// What the transport tests share: a client against the fake server with short retry delays, a
// valid customer with a domain of its own, and the stress run of many logical creates.

#include "documents.hpp"
#include "fake_partner_center.hpp"

#include <partner_center/rest/client.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>

namespace partner_center::test {

inline constexpr const char* reseller_id = "484e548c-f5f3-4528-93a9-c16c6373cb59";

// Retries that wait milliseconds, not seconds: Retry-After: 1 becomes 2 ms.
inline rest::client_options fast_retry_options(const fake_partner_center& server,
                                               std::string_view host = "127.0.0.1") {
  rest::client_options o;
  o.context.base_url = rest::base_url::parse(server.base_url(host)).value();
  o.context.token = rest::static_token(server.token());
  o.retry.max_attempts = 12;
  o.retry.initial_backoff = std::chrono::milliseconds(1);
  o.retry.max_backoff = std::chrono::milliseconds(4);
  o.retry.max_retry_after = std::chrono::milliseconds(2);
  return o;
}

// The documented customer with a domain of its own.
inline model::Customer customer_numbered(std::size_t n) {
  model::Customer c = documented_customer();
  c.companyProfile->domain = "contoso" + std::to_string(n) + ".onmicrosoft.com";
  return c;
}

// The number of logical creates of the stress run: PARTNER_CENTER_STRESS_CREATES, or `fallback`.
inline std::size_t stress_creates(std::size_t fallback) {
  if (const char* text = std::getenv("PARTNER_CENTER_STRESS_CREATES")) {
    const long n = std::strtol(text, nullptr, 10);
    if (n > 0)
      return static_cast<std::size_t>(n);
  }
  return fallback;
}

// `count` logical creates through `client` against `server`, which injects faults into 10% of
// create requests. Ends with exactly one customer per logical create: none lost, none twice.
template <class Client>
void run_stress(Client& client, fake_partner_center& server, std::size_t count) {
  std::set<std::string> ids;
  std::size_t failures = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const auto created = client.create_customer(customer_numbered(i));
    if (!created) {
      ++failures;
      UNSCOPED_INFO("create " << i << ": " << created.error().summary());
      continue;
    }
    ids.insert(*created->id);
  }
  const auto stats = server.statistics();
  CHECK(failures == 0);
  CHECK(ids.size() == count);
  CHECK(server.customer_count() == count);
  std::set<std::string> domains;
  for (const auto& c : server.customers())
    domains.insert(*c.companyProfile->domain);
  CHECK(domains.size() == count);
  CHECK(server.header_problems().empty());
  // The faults did happen, and lost answers were deduplicated by MS-RequestId.
  CHECK(stats.create_requests > count);
  if (count >= 100) {
    CHECK(stats.faults.at(fault::drop_after) > 0);
    CHECK(stats.deduplicated >= stats.faults.at(fault::drop_after));
  }
}

}  // namespace partner_center::test
