// Creates a customer for an indirect reseller with libcurl: offline validation, domain
// availability, reseller relationship, then the create, retried safely.
//
//   PARTNER_CENTER_TOKEN=<bearer token> create_with_curl [--base-url URL] [--reseller ID] [FILE]
//
// FILE is a create request as JSON; without it, the customer in create_example.hpp is used.
// Without a token nothing is sent: the program prints the request it would send, token redacted.

#include "../create_example.hpp"

#include <partner_center/transports/curl_transport.hpp>

int main(int argc, char** argv) {
  return create_example::run_create_example<partner_center::transports::curl_transport>(
      "create_with_curl", argc, argv);
}
