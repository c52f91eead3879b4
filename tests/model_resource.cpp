#include <partner_center/model/resource.hpp>

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>

#include <catch2/catch_test_macros.hpp>

namespace model_resource_test {

using namespace partner_center;
using namespace partner_center::model;

TEST_CASE("links with headers and attributes round-trip", "[resource]") {
  const std::string json =
      R"({"self":{"uri":"/customers","method":"GET","headers":[{"key":"k","value":"v"}]},)"
      R"("next":{"uri":"/customers?page=2","method":"GET","headers":[]}})";
  const auto r = decode<ResourceLinks>(json);
  CHECK(r.valid());
  CHECK(r.value.self->headers->at(0).value == "v");
  CHECK(encode(r.value) == json);
  CHECK(encode(ResourceAttributes{std::nullopt, "Customer"}) == R"({"objectType":"Customer"})");
}

}  // namespace model_resource_test
