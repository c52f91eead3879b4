// The same structs with nlohmann/json and hand-written conversions.
#include <partner_center/model/customer.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <iterator>
#include <string>

namespace partner_center::model {
template <class T>
  requires boost::describe::has_describe_members<T>::value
void from_json(const nlohmann::json& j, T& out) {
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        if (auto it = j.find(d.name); it != j.end() && !it->is_null()) {
          using M = typename std::remove_cvref_t<decltype(out.*d.pointer)>::value_type;
          out.*d.pointer = it->template get<M>();
        }
      });
}
template <class T>
  requires boost::describe::has_describe_members<T>::value
void to_json(nlohmann::json& j, const T& in) {
  j = nlohmann::json::object();
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto d) {
        if (const auto& member = in.*d.pointer) j[d.name] = *member;
      });
}
NLOHMANN_JSON_SERIALIZE_ENUM(CustomerPartnerRelationship,
                             {{CustomerPartnerRelationship::unknown, "unknown"},
                              {CustomerPartnerRelationship::reseller, "reseller"},
                              {CustomerPartnerRelationship::advisor, "advisor"},
                              {CustomerPartnerRelationship::syndication, "syndication"},
                              {CustomerPartnerRelationship::microsoft_support, "microsoft_support"},
                              {CustomerPartnerRelationship::none, "none"}})
}  // namespace partner_center::model

int main() {
  const std::string text{std::istreambuf_iterator<char>(std::cin), {}};
  const auto customer = nlohmann::json::parse(text).get<partner_center::model::Customer>();
  std::cout << nlohmann::json(customer).dump() << '\n';
  return 0;
}
