// pc-customer: check, encode and send Partner Center create-customer requests from the shell.
// The command-line contract is README.md's ("pc-customer"); each subcommand lives in its own
// header.

#include "demo_command.hpp"
#include "encode_command.hpp"
#include "request_command.hpp"
#include "schema_command.hpp"
#include "send_command.hpp"
#include "token_command.hpp"
#include "validate_command.hpp"

#include <iostream>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view usage =
    "usage: pc-customer <command> [options]\n"
    "\n"
    "commands:\n"
    "  demo                      check the documented example and a broken variant\n"
    "  validate [FILE|-]...      check create requests offline (--help for options)\n"
    "  encode FILE               print the canonical camelCase JSON of a document\n"
    "  schema [--strict]         print the JSON Schema of the create request (--help for more)\n"
    "  request FILE [options]    print the HTTP request that send would make, token redacted\n"
    "                            (--show-auth: the App+User token request too, redacted)\n"
    "  send FILE [options]       create the customer\n"
    "  send --ndjson FILE --journal PATH --credentials-dir DIR [options]\n"
    "                            create one customer per line, exactly once, resumable\n"
    "  token [options]           get one access token and print its expiry and claims (tenant,\n"
    "                            user, MFA), never the token: are the credentials good?\n"
    "\n"
    "The bearer token of send, request and token: PARTNER_CENTER_TOKEN when it is set, otherwise\n"
    "App+User (the secure application model), exchanging a refresh token from an MFA sign-in:\n"
    "  --tenant TENANT             the partner tenant's id or onmicrosoft.com domain\n"
    "  --client-id ID              the application (client) id of the app registration\n"
    "  --client-secret-file PATH   a file holding the client secret, or\n"
    "  --client-certificate PEM    the app's certificate and private key (--client-key PEM for\n"
    "                              a key of its own)\n"
    "  --refresh-token-file PATH   read at start, rewritten (0600, atomically) at each rotation\n"
    "  --authority URL             default: the base URL's cloud (login.microsoftonline.com)\n"
    "or PARTNER_CENTER_TENANT, PARTNER_CENTER_CLIENT_ID, PARTNER_CENTER_CLIENT_SECRET_FILE,\n"
    "PARTNER_CENTER_REFRESH_TOKEN_FILE.\n";

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << usage;
    return args.empty() ? 2 : 0;
  }
  const std::string_view command = args[0];
  const std::span<const std::string_view> rest(args.begin() + 1, args.end());
  if (command == "demo")
    return pc_customer::run_demo(std::cout);
  if (command == "validate") {
    if (!rest.empty() && (rest[0] == "--help" || rest[0] == "-h")) {
      std::cout << pc_customer::validate_usage;
      return 0;
    }
    return pc_customer::run_validate(rest, std::cout, std::cerr);
  }
  if (command == "encode")
    return pc_customer::run_encode(rest, std::cout, std::cerr);
  if (command == "schema")
    return pc_customer::run_schema(rest, std::cout, std::cerr);
  if (command == "request")
    return pc_customer::run_request(rest, std::cout, std::cerr);
  if (command == "send")
    return pc_customer::run_send(rest, std::cout, std::cerr);
  if (command == "token")
    return pc_customer::run_token(rest, std::cout, std::cerr);
  std::cerr << "pc-customer: unknown command \"" << command << "\"\n" << usage;
  return 2;
}
