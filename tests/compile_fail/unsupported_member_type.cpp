// Must not compile: std::set is not a kind the core reads or writes. Built four times, once per
// walker (PARTNER_CENTER_WALKER 0..3: decode, encode, validate, schema); each must stop at the
// one static_assert of value_kind.hpp.
#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/core/schema.hpp>
#include <partner_center/core/validate.hpp>

#include <boost/describe/class.hpp>

#include <set>

struct Order {
  std::set<int> ids;
};
BOOST_DESCRIBE_STRUCT(Order, (), (ids))

int main() {
  Order order;
#if PARTNER_CENTER_WALKER == 0
  return partner_center::decode<Order>("{}").valid() ? 0 : 1;
#elif PARTNER_CENTER_WALKER == 1
  return static_cast<int>(partner_center::encode(order).size());
#elif PARTNER_CENTER_WALKER == 2
  return partner_center::validate(order).valid() ? 0 : 1;
#else
  return static_cast<int>(partner_center::json_schema<Order>().size());
#endif
}
