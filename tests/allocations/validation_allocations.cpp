// Validation of a valid document allocates nothing; violations allocate only when reported.
// A binary of its own, since it replaces the global operator new.

#include "counting_allocator.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/model/create_request.hpp>

#include <catch2/catch_test_macros.hpp>

#include <string>

using namespace partner_center;
using namespace partner_center::model;

namespace {

Customer parse(const std::string& json) {
  auto result = decode<Customer>(json);
  REQUIRE(result.valid());
  return result.value;
}

// US (state list, postal and phone patterns), PT (postal pattern, languages), DE (no country
// rules), RU (registration number).
const char* const valid_documents[] = {
    R"({"companyProfile":{"domain":"a.onmicrosoft.com"},"billingProfile":{"email":"a@b.com",
       "culture":"en-US","language":"en","companyName":"Contoso","defaultAddress":{"country":"US",
       "state":"WA","city":"Redmond","postalCode":"98052","phoneNumber":"425-555-0101",
       "addressLine1":"One Microsoft Way"}},
       "associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"})",
    R"({"companyProfile":{"domain":"a.onmicrosoft.com"},"billingProfile":{"email":"a@b.com",
       "culture":"pt-PT","language":"pt","companyName":"Contoso","defaultAddress":{"country":"PT",
       "city":"Lisboa","postalCode":"1000-001","addressLine1":"Rua 1"}},
       "associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"})",
    R"({"companyProfile":{"domain":"a.onmicrosoft.com"},"billingProfile":{"email":"a@b.com",
       "culture":"de-DE","language":"de","companyName":"Contoso","defaultAddress":{"country":"DE",
       "city":"Berlin","postalCode":"10115","addressLine1":"Unter den Linden 1"}},
       "associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"})",
    R"({"companyProfile":{"domain":"a.onmicrosoft.com","organizationRegistrationNumber":"7707083893"},
       "billingProfile":{"email":"a@b.com","culture":"ru-RU","language":"ru","companyName":"Contoso",
       "defaultAddress":{"country":"RU","city":"Moscow","postalCode":"101000",
       "phoneNumber":"+7 495 000 00 00","addressLine1":"Tverskaya 1"}},
       "associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"})",
};

}  // namespace

TEST_CASE("validating a valid document allocates nothing", "[allocations]") {
  for (const char* json : valid_documents) {
    const Customer customer = parse(json);
    report violations;
    validate_create_request(customer, violations);  // warms per-thread regex scratch space
    REQUIRE(violations.empty());
    CAPTURE(json);
    CHECK(allocations_during([&] { validate_create_request(customer, violations); }) == 0);
    CHECK(violations.empty());
  }
}

TEST_CASE("violations allocate only when reported", "[allocations]") {
  Customer customer = parse(valid_documents[0]);
  customer.billingProfile->email = "not an address";
  report warm_up;  // first use builds the built-in country rules and per-thread regex state
  validate_create_request(customer, warm_up);
  report violations;
  const std::size_t count =
      allocations_during([&] { validate_create_request(customer, violations); });
  REQUIRE(violations.size() == 1);
  CHECK(count > 0);
  CHECK(count <= 8);  // the violation's path, message and the report's storage
}

TEST_CASE("decoding allocates only for text longer than the small-string buffer", "[allocations]") {
  const std::string json =
      R"({"id":"short","commerceId":"also short","attributes":{"objectType":"Customer"}})";
  Customer customer;
  report violations;
  CHECK(allocations_during([&] { decode(json, customer, violations); }) == 0);
  CHECK(violations.empty());
}

TEST_CASE("encoding into a reserved buffer allocates nothing", "[allocations]") {
  const Customer customer = parse(valid_documents[0]);
  std::string buffer;
  buffer.reserve(4096);
  CHECK(allocations_during([&] { encode_to(buffer, customer); }) == 0);
  CHECK(buffer.size() > 100);
}
