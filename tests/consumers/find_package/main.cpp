#include <partner_center/partner_center.hpp>

int main() {
  return partner_center::version_major == 0 ? 0 : 1;
}
