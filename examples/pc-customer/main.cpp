// pc-customer: check, encode and send Partner Center create-customer requests from the shell.
// The command-line contract is DESIGN.md's; each subcommand lives in its own header.

#include "demo_command.hpp"
#include "encode_command.hpp"
#include "request_command.hpp"
#include "schema_command.hpp"
#include "send_command.hpp"
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
    "  send FILE [options]       create the customer (token from PARTNER_CENTER_TOKEN)\n"
    "  send --ndjson FILE --journal PATH --credentials-dir DIR [options]\n"
    "                            create one customer per line, exactly once, resumable\n";

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
  std::cerr << "pc-customer: unknown command \"" << command << "\"\n" << usage;
  return 2;
}
