// Arbitrary bytes as a create-customer request: decode and validate in every mode (strict and
// lenient, indirect reseller and direct), then re-encode what decoded completely and check that
// the canonical form is a fixed point: decode(encode(x)) encodes to the same text, with no
// violation even in strict mode, and validates the same. A request that carries an administrator
// password (userCredentials.password, which the rules refuse in a create request) gets no
// violation whose message or path quotes it.

#include "fuzz_check.hpp"

#include <partner_center/core/encode.hpp>
#include <partner_center/model/create_request.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace pc = partner_center;
using pc::model::customer_creation;

std::string lines(const pc::report& found) {
  std::string out;
  for (const pc::violation& v : found) {
    out += v.path;
    out += ' ';
    out += to_string(v.code);
    out += ' ';
    out += v.message;
    out += '\n';
  }
  return out;
}

void check_round_trip(const pc::model::Customer& value, customer_creation creation) {
  const std::string canonical = pc::encode(value);
  const auto again = pc::decode<pc::model::Customer>(canonical, pc::decode_options{.strict = true});
  FUZZ_CHECK(again.complete);
  FUZZ_CHECK(again.violations.empty());
  FUZZ_CHECK(pc::encode(again.value) == canonical);
  // The rules see the same value, so they must say the same thing.
  const pc::model::create_request_options options{.creation = creation};
  FUZZ_CHECK(lines(pc::model::validate_create_request(value, options)) ==
             lines(pc::model::validate_create_request(again.value, options)));
}

// Another password of the same length: each printable ASCII byte but space moved to the next
// one ('~' wraps to '!'), other bytes kept, so the text stays valid or invalid UTF-8 alike.
std::string other_password(std::string_view password) {
  std::string other(password);
  for (char& c : other) {
    if (c >= '!' && c <= '~')
      c = c == '~' ? '!' : static_cast<char>(c + 1);
  }
  return other;
}

bool quotes(std::string_view text, std::string_view password) {
  return text.find(password) != std::string_view::npos;
}

// No violation quotes the password. Its text may be in a message or a path by coincidence (a
// password "must" or "user", or one equal to another value a message quotes), so a violation is
// a finding when it contains the password and the same violation of the same request with
// another password does not. Both requests are read from their canonical text, so the decoder
// sees the password too. Passwords under 4 bytes are left out: too short to recognise.
void check_password_unquoted(const pc::model::Customer& value,
                             const pc::model::create_request_options& options) {
  if (!value.userCredentials || !value.userCredentials->password)
    return;
  const std::string& password = *value.userCredentials->password;
  const std::string other = other_password(password);
  if (password.size() < 4 || other == password)
    return;
  pc::model::Customer twin = value;
  twin.userCredentials->password = other;
  const auto mine = pc::model::validate_create_request_json(pc::encode(value), options);
  const auto theirs = pc::model::validate_create_request_json(pc::encode(twin), options);
  FUZZ_CHECK(mine.violations.size() == theirs.violations.size());
  auto their = theirs.violations.begin();
  for (const pc::violation& v : mine.violations) {
    FUZZ_CHECK(!quotes(v.message, password) || quotes(their->message, password));
    FUZZ_CHECK(!quotes(v.path, password) || quotes(their->path, password));
    ++their;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool strict : {false, true}) {
    for (const auto creation : {customer_creation::indirect_reseller, customer_creation::direct}) {
      const pc::model::create_request_options options{.creation = creation,
                                                      .decoding = {.strict = strict}};
      const auto checked = pc::model::validate_create_request_json(text, options);
      fuzz::check_report(checked.violations, checked.complete);
      if (checked.complete) {
        check_round_trip(checked.value, creation);
        check_password_unquoted(checked.value, options);
      }
    }
  }
  return 0;
}
