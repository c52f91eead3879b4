#pragma once

// How pc-customer prints the verdict on one document: a human block (text) or one JSON line
// (json), as the command-line contract in README.md ("pc-customer") fixes it.

#include <partner_center/core/json_string.hpp>
#include <partner_center/core/violation.hpp>

#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

namespace pc_customer {

enum class output_format {
  text,
  json
};

struct document_verdict {
  std::string source;  // FILE or FILE:LINE
  const partner_center::report& violations;
  bool complete;  // read to the end (no syntax or limit stop)

  [[nodiscard]] bool valid() const { return complete && violations.valid(); }
};

inline void print_text(std::ostream& out, const document_verdict& verdict) {
  const std::size_t errors = verdict.violations.error_count();
  const std::size_t warnings = verdict.violations.size() - errors;
  out << verdict.source << ": " << (verdict.valid() ? "valid" : "invalid");
  if (!verdict.violations.empty()) {
    out << " (" << errors << (errors == 1 ? " error, " : " errors, ") << warnings
        << (warnings == 1 ? " warning)" : " warnings)");
  }
  out << '\n';
  for (const partner_center::violation& v : verdict.violations)
    out << "  " << v << '\n';
}

// `[{"path":…,"code":…,"severity":…,"message":…},…]`
inline void append_violations_json(std::string& out, const partner_center::report& violations) {
  using partner_center::append_json_string;
  out += '[';
  bool first = true;
  for (const partner_center::violation& v : violations) {
    if (!first)
      out += ',';
    first = false;
    out += "{\"path\":";
    append_json_string(out, v.path);
    out += ",\"code\":";
    append_json_string(out, to_string(v.code));
    out += ",\"severity\":";
    append_json_string(out, to_string(v.severity));
    out += ",\"message\":";
    append_json_string(out, v.message);
    out += '}';
  }
  out += ']';
}

inline void append_json_line(std::string& line, const document_verdict& verdict) {
  using partner_center::append_json_string;
  line += "{\"source\":";
  append_json_string(line, verdict.source);
  line += ",\"valid\":";
  line += verdict.valid() ? "true" : "false";
  line += ",\"violations\":";
  append_violations_json(line, verdict.violations);
  line += "}\n";
}

inline void append(std::string& printed, output_format format, const document_verdict& verdict) {
  if (format == output_format::json) {
    append_json_line(printed, verdict);
  } else if (verdict.violations.empty()) {
    // What most lines of a long --ndjson run print, written without a stream: constructing an
    // ostringstream per document (its locale included) cost about 6% of validating it.
    printed += verdict.source;
    printed += verdict.valid() ? ": valid\n" : ": invalid\n";
  } else {
    std::ostringstream text;
    print_text(text, verdict);
    printed += text.str();
  }
}

inline void print(std::ostream& out, output_format format, const document_verdict& verdict) {
  if (format == output_format::text) {
    print_text(out, verdict);
  } else {
    std::string line;
    append_json_line(line, verdict);
    out << line;
  }
}

}  // namespace pc_customer

namespace pc_customer {

// The violations alone, one a line after the source, for commands whose output is something
// else (encode prints JSON on standard output and its warnings here).
inline void print_text_violations_only(std::ostream& out, std::string_view source,
                                       const partner_center::report& violations) {
  for (const partner_center::violation& v : violations)
    out << source << ": " << v << '\n';
}

}  // namespace pc_customer
