// Arbitrary bytes as a create-customer request: decode and validate in every mode (strict and
// lenient, indirect reseller and direct), then re-encode what decoded completely and check that
// the canonical form is a fixed point: decode(encode(x)) encodes to the same text, with no
// violation even in strict mode, and validates the same.

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool strict : {false, true}) {
    for (const auto creation : {customer_creation::indirect_reseller, customer_creation::direct}) {
      const auto checked = pc::model::validate_create_request_json(
          text, {.creation = creation, .decoding = {.strict = strict}});
      fuzz::check_report(checked.violations, checked.complete);
      if (checked.complete)
        check_round_trip(checked.value, creation);
    }
  }
  return 0;
}
