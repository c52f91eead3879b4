// Must not compile: "id" and "ID" are one member name to a decoder that matches names
// ASCII-case-insensitively, so "ID" could never be filled.
#include <partner_center/core/decode.hpp>

#include <boost/describe/class.hpp>

#include <string>

struct Order {
  std::string id;
  std::string ID;
};
BOOST_DESCRIBE_STRUCT(Order, (), (id, ID))

int main() {
  return partner_center::decode<Order>("{}").valid() ? 0 : 1;
}
