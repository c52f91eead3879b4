#include <partner_center/core/json_pointer.hpp>

#include <catch2/catch_test_macros.hpp>

namespace core_json_pointer_test {

using partner_center::json_path;

TEST_CASE("paths escape ~ and / as RFC 6901 says", "[json_pointer]") {
  json_path path;
  CHECK(path.str().empty());
  path.push("billingProfile");
  path.push("a/b~c");
  path.push(std::size_t{12});
  CHECK(path.str() == "/billingProfile/a~1b~0c/12");
  CHECK(path.str_with("x") == "/billingProfile/a~1b~0c/12/x");
  path.pop();
  path.pop();
  CHECK(path.str() == "/billingProfile");
  CHECK(path.depth() == 1);
}

TEST_CASE("push and pop stay balanced past the stored depth", "[json_pointer]") {
  json_path path;
  for (std::size_t i = 0; i < json_path::max_depth + 5; ++i)
    path.push(i);
  for (std::size_t i = 0; i < json_path::max_depth + 4; ++i)
    path.pop();
  CHECK(path.str() == "/0");
}

}  // namespace core_json_pointer_test
