#pragma once

// Every public header includes this one first, so that a program compiled below C++20 stops at
// one line saying so rather than at whichever C++20 feature comes first (std::span, concepts, a
// defaulted operator==). MSVC leaves __cplusplus at 199711L unless /Zc:__cplusplus is given and
// reports the /std level in _MSVC_LANG
// (https://learn.microsoft.com/en-us/cpp/preprocessor/predefined-macros).

#if defined(_MSVC_LANG) && _MSVC_LANG > __cplusplus
#define PARTNER_CENTER_CPLUSPLUS _MSVC_LANG
#else
#define PARTNER_CENTER_CPLUSPLUS __cplusplus
#endif

#if PARTNER_CENTER_CPLUSPLUS < 202002L
#error partner_center needs C++20: compile with -std=c++20 (g++, clang++) or /std:c++20 (MSVC)
#endif

#undef PARTNER_CENTER_CPLUSPLUS
