// Arbitrary bytes as the service's answer to a create (a Customer): decode, and when the text was
// read to its end, encode and check that the canonical form is a fixed point.

#include "fuzz_check.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/model/customer.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace pc = partner_center;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto decoded = pc::decode<pc::model::Customer>(text);
  fuzz::check_report(decoded.violations, decoded.complete);
  if (!decoded.complete)
    return 0;
  const std::string canonical = pc::encode(decoded.value);
  const auto again = pc::decode<pc::model::Customer>(canonical, pc::decode_options{.strict = true});
  FUZZ_CHECK(again.complete);
  FUZZ_CHECK(again.violations.empty());
  FUZZ_CHECK(pc::encode(again.value) == canonical);
  return 0;
}
