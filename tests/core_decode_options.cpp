#include <partner_center/core/decode_options.hpp>

#include <catch2/catch_test_macros.hpp>

namespace core_decode_options_test {

TEST_CASE("decode options default to lenient, 32 levels and 1 MiB", "[decode_options]") {
  constexpr partner_center::decode_options options;
  STATIC_REQUIRE_FALSE(options.strict);
  STATIC_REQUIRE(options.max_depth == 32);
  STATIC_REQUIRE(options.max_document_size == 1024 * 1024);
}

}  // namespace core_decode_options_test
