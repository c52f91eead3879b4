// The same structs decoded and encoded with Boost.JSON + Boost.Describe alone (value_to with a
// lenient conversion, value_from, serialize), no validation: the floor our umbrella adds to.
#include <partner_center/model/customer.hpp>

#include <boost/json.hpp>

#include <iostream>
#include <iterator>
#include <string>

namespace partner_center::model {
template <class T>
  requires boost::describe::has_describe_members<T>::value
T tag_invoke(boost::json::value_to_tag<T>, const boost::json::value& v) {
  T out{};
  const auto& object = v.as_object();
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        if (const auto* member = object.if_contains(d.name); member && !member->is_null()) {
          using M = std::remove_cvref_t<decltype(out.*d.pointer)>;
          out.*d.pointer = boost::json::value_to<M>(*member);
        }
      });
  return out;
}
}  // namespace partner_center::model

int main() {
  const std::string text{std::istreambuf_iterator<char>(std::cin), {}};
  const auto customer =
      boost::json::value_to<partner_center::model::Customer>(boost::json::parse(text));
  std::cout << boost::json::serialize(boost::json::value_from(customer)) << '\n';
  return 0;
}
