#pragma once

#include <partner_center/version.hpp>
