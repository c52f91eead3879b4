#pragma once

// One of a country's regular expressions (postal code, phone number, ...), compiled once and then
// tested against values: the seam between the country rules and the regex engine, PCRE2
// (https://www.pcre.org/current/doc/html/). Programs that include this header link libpcre2-8;
// the CMake target partner_center::partner_center does that.
//
// The service's patterns are .NET regular expressions. PCRE2 reads the .NET syntax they use and
// most of the rest (named groups, lookaround, backreferences, atomic groups, \uXXXX), and its
// ^ $ . mean what .NET's do; not .NET's balancing groups (refused) nor its class subtraction
// [a-z-[aeiou]] (read as another class), which no service pattern seen uses. A pattern from a file
// is untrusted input, and a backtracking engine can spend exponential time on one such as ^(a+)+$;
// so each test() runs on a fixed budget of match steps and memory, and a value the budget does not
// decide is reported as such, not waited for.
//
// PCRE2's JIT matches where it can, about four times faster than its interpreter on the
// service's patterns (US phone number 24 against 125 ns a value). It bounds ordinary
// backtracking by the same match limit, but not the backtracking of a repeat inside a lookaround
// (a lookahead of `.*X|.*Y|...` alternatives took 11 ms per value under the same budget), so a
// pattern that opens any group but a plain one is matched by the interpreter, which counts every
// backtrack (detail/pattern_groups.hpp). Where the JIT cannot be used at all (a system that
// refuses executable memory), the interpreter matches every pattern.

#include <partner_center/core/cxx20.hpp>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8  // this header calls the explicit *_8 functions either way
#endif
#include <pcre2.h>

#include <partner_center/core/text.hpp>
#include <partner_center/model/detail/pattern_groups.hpp>
#include <partner_center/model/pattern_match.hpp>

#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace partner_center::model {

// One of a country's regular expressions, compiled.
class country_pattern {
 public:
  // No address member the patterns apply to is near this long (addressLine1 allows 200).
  // UTF-16 code units, as the service counts.
  static constexpr std::size_t max_value_length = 256;
  // The service's patterns are under 200 characters; anything far longer is not a real one.
  static constexpr std::size_t max_pattern_length = 1000;
  // The match steps one test() may take (PCRE2's match limit, pcre2_set_match_limit). The
  // service's patterns take about one per character of a value they reject (about 260 for 256
  // characters), patterns such as ^(a|b)*$ or ^.*(foo|bar).*$ about four per character (1030). The
  // costliest step is a scan of the whole value: the slowest pattern measured, a case-insensitive
  // backreference over 254 accented letters, spends about 1 ms on 3000 steps.
  static constexpr std::uint32_t max_match_steps = 3000;
  // The backtracking memory one test() may take, in KiB (pcre2_set_heap_limit).
  static constexpr std::uint32_t max_match_memory_kib = 1024;

  // The pattern, or why it does not compile (PCRE2's message and the offset in the pattern).
  static boost::system::result<country_pattern, std::string> compile(std::string_view pattern) {
    using result = boost::system::result<country_pattern, std::string>;
    if (pattern.size() > max_pattern_length) {
      return result(boost::system::in_place_error,
                    "the regular expression has " + std::to_string(pattern.size()) +
                        " characters; at most " + std::to_string(max_pattern_length) +
                        " are accepted");
    }
    // PCRE2 restarts its match limit at each start position of a search, so a search over 256
    // positions could take 257 budgets. Searching as one anchored match, a lazy skip then the
    // pattern, puts every position under one budget; the verdict is the search's. As a side
    // effect, start-of-pattern items such as (*CR) or (*NO_JIT), which .NET does not have and
    // which would change `.` and `$` or the cost, do not compile.
    std::string search(search_prefix);
    search += pattern;
    search += ')';
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code_8* code = pcre2_compile_8(units(search), search.size(), options | PCRE2_ANCHORED,
                                         &error, &offset, compile_context());
    if (code == nullptr) {
      // Where the pattern alone does not compile either, its own error at its own offset.
      int alone_error = 0;
      PCRE2_SIZE alone_offset = 0;
      if (pcre2_code_8* alone = pcre2_compile_8(units(pattern), pattern.size(), options,
                                                &alone_error, &alone_offset, compile_context())) {
        pcre2_code_free_8(alone);
        offset = offset < search_prefix.size() ? 0 : offset - search_prefix.size();
        offset = offset > pattern.size() ? pattern.size() : offset;
      } else {
        error = alone_error;
        offset = alone_offset;
      }
      std::string why = "the regular expression \"";
      why += pattern;
      why += "\" does not compile: ";
      PCRE2_UCHAR8 message[256];
      if (pcre2_get_error_message_8(error, message, sizeof message) > 0)
        why += reinterpret_cast<const char*>(message);
      why += " (at offset " + std::to_string(offset) + ")";
      return result(boost::system::in_place_error, std::move(why));
    }
    pcre2_code_8* matched = matched_form(pattern, code);
    // The JIT leaves the compiled pattern for the interpreter when it fails, so a failure only
    // costs speed.
    const bool jit = detail::opens_only_plain_groups(pattern) &&
                     pcre2_jit_compile_8(matched, PCRE2_JIT_COMPLETE) == 0;
    return country_pattern(std::string(pattern), matched, jit);
  }

  [[nodiscard]] const std::string& text() const noexcept { return text_; }

  // True when test() runs PCRE2's JIT code, false when its interpreter (see above).
  [[nodiscard]] bool uses_jit() const noexcept { return jit_; }

  // A search, as .NET's Regex.Match and Regex.IsMatch do (the PowerShell module's
  // AddressValidator); the service's patterns are anchored ^...$, so this is a whole-value match
  // for them. Thread-safe: a compiled pattern is read-only, and each thread matches with its own
  // match data.
  [[nodiscard]] pattern_match test(std::string_view value) const {
    // A value has at least as many bytes as UTF-16 units: only a long one needs counting.
    if (value.size() > max_value_length && text::utf16_length(value) > max_value_length)
      return pattern_match::too_long;
    const scratch& mine = scratch::mine();
    // An empty string_view may hold nullptr, which PCRE2 before 10.43 refuses as a subject.
    const std::string_view subject = value.empty() ? std::string_view("") : value;
    // pcre2_jit_match skips the argument checks pcre2_match makes, which these arguments pass.
    // Without a JIT stack of its own, JIT code uses 32 KiB of the thread's stack (pcre2jit,
    // "Controlling the JIT stack") and a pattern that needs more ends with
    // PCRE2_ERROR_JIT_STACKLIMIT: on 256 characters, the patterns that exhaust it are those that
    // exhaust the interpreter's max_match_memory_kib (tested), so the verdicts stay the same.
    const int found = jit_ ? pcre2_jit_match_8(code_.get(), units(subject), subject.size(), 0, 0,
                                               mine.data, mine.context)
                           : pcre2_match_8(code_.get(), units(subject), subject.size(), 0, 0,
                                           mine.data, mine.context);
    if (found >= 0)
      return pattern_match::matched;
    if (found == PCRE2_ERROR_NOMATCH)
      return pattern_match::not_matched;
    // PCRE2_ERROR_MATCHLIMIT, _HEAPLIMIT, _JIT_STACKLIMIT or _NOMEMORY: the budget ran out.
    return pattern_match::too_complex;
  }

 private:
  static constexpr std::string_view search_prefix = "(?s:.*?)(?:";

  // UTF: `.` and a class match a code point, as .NET matches one UTF-16 unit (the same but
  // outside the Basic Multilingual Plane); invalid UTF-8 in a value matches nothing instead of
  // failing the match. ALT_BSUX: \uXXXX as in .NET. \C could split a character: refused.
  // Neither UCP nor DOTALL nor MULTILINE: \d is ASCII, `.` stops at \n, ^ $ anchor the value.
  static constexpr std::uint32_t options =
      PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_ALT_BSUX | PCRE2_NEVER_BACKSLASH_C;

  // What test() runs. A pattern that anchors itself (every top-level branch starts with ^, as all
  // of the service's do) is only ever tried at the start of the value, so the lazy skip adds
  // nothing but steps: such a pattern is matched bare, at about half the cost. PCRE2 sets
  // PCRE2_ANCHORED in PCRE2_INFO_ALLOPTIONS when it finds a pattern so anchored (pcre2api,
  // "Information about a compiled pattern"). The search form was compiled first either way, so
  // what compiles and what is refused does not change.
  static pcre2_code_8* matched_form(std::string_view pattern, pcre2_code_8* search) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code_8* bare = pcre2_compile_8(units(pattern), pattern.size(), options, &error, &offset,
                                         compile_context());
    std::uint32_t all_options = 0;
    if (bare != nullptr && pcre2_pattern_info_8(bare, PCRE2_INFO_ALLOPTIONS, &all_options) == 0 &&
        (all_options & PCRE2_ANCHORED) != 0) {
      pcre2_code_free_8(search);
      return bare;
    }
    pcre2_code_free_8(bare);  // accepts nullptr
    return search;
  }

  static PCRE2_SPTR8 units(std::string_view s) noexcept {
    return reinterpret_cast<PCRE2_SPTR8>(s.data());
  }

  // A line feed is the newline, as in .NET, whatever newline PCRE2 was built with by default.
  static pcre2_compile_context_8* compile_context() {
    struct owner {
      pcre2_compile_context_8* context = pcre2_compile_context_create_8(nullptr);
      owner() {
        // boost::throw_exception: without exceptions (BOOST_NO_EXCEPTIONS) it calls the
        // program's handler instead of throwing.
        if (context == nullptr)
          boost::throw_exception(std::bad_alloc());
        pcre2_set_newline_8(context, PCRE2_NEWLINE_LF);
      }
      ~owner() { pcre2_compile_context_free_8(context); }
      owner(const owner&) = delete;
      owner& operator=(const owner&) = delete;
    };
    static const owner shared;  // pcre2_compile only reads it, so threads can share it
    return shared.context;
  }

  // One match data and match context per thread, made on its first match and reused: after
  // that a match allocates nothing (PCRE2 10.41 and later keep the interpreter's backtracking
  // frames in the match data), which keeps validation of a valid document allocation-free.
  struct scratch {
    pcre2_match_data_8* data = pcre2_match_data_create_8(1, nullptr);  // only the verdict
    pcre2_match_context_8* context = pcre2_match_context_create_8(nullptr);

    scratch() {
      if (data == nullptr || context == nullptr) {
        free();
        boost::throw_exception(std::bad_alloc());
      }
      pcre2_set_match_limit_8(context, max_match_steps);
      pcre2_set_heap_limit_8(context, max_match_memory_kib);
    }
    ~scratch() { free(); }
    scratch(const scratch&) = delete;
    scratch& operator=(const scratch&) = delete;

    void free() noexcept {
      pcre2_match_data_free_8(data);  // both accept nullptr
      pcre2_match_context_free_8(context);
    }
    static const scratch& mine() {
      thread_local const scratch per_thread;
      return per_thread;
    }
  };

  country_pattern(std::string text, pcre2_code_8* code, bool jit)
      : text_(std::move(text))
      , code_(code, pcre2_code_free_8)
      , jit_(jit) {}

  std::string text_;
  std::shared_ptr<pcre2_code_8> code_;  // shared by copies; never modified after compile()
  bool jit_ = false;
};

inline std::ostream& operator<<(std::ostream& out, const country_pattern& pattern) {
  return out << pattern.text();
}

}  // namespace partner_center::model
