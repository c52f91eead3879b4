#pragma once

// The library's own version, the only place it is written: CMakeLists.txt reads these three
// lines for project(VERSION), so each stays `#define NAME number`.

#include <partner_center/core/cxx20.hpp>

#define PARTNER_CENTER_VERSION_MAJOR 0
#define PARTNER_CENTER_VERSION_MINOR 1
#define PARTNER_CENTER_VERSION_PATCH 0

namespace partner_center {
inline constexpr int version_major = PARTNER_CENTER_VERSION_MAJOR;
inline constexpr int version_minor = PARTNER_CENTER_VERSION_MINOR;
inline constexpr int version_patch = PARTNER_CENTER_VERSION_PATCH;
}  // namespace partner_center
