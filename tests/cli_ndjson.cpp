// pc-customer validate --ndjson over 5,000 generated lines, where the reader's batches and the
// two threads that check each batch meet: the halves of a batch, the last line of a batch and the
// first of the next, a long line that the 1 MiB read chunk cuts in two, blank and CRLF lines, a
// last line without a newline. Every line's verdict is known in advance, so the whole output is
// compared: any line lost, repeated, misnumbered or printed out of order shows.
//
// The names start with "ndjson: " so that the TSan job can pick these tests by name (the checking
// threads run in pc-customer, which that job builds with the same flags).

#include "support/command_line.hpp"

#include "../examples/pc-customer/ndjson_reader.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <string>
#include <vector>

namespace cli_ndjson_test {

namespace {

namespace test = partner_center::test;

// The reader's constants: the lines below are placed against them.
constexpr std::size_t chunk = pc_customer::ndjson_reader::chunk;
constexpr std::size_t batch = pc_customer::ndjson_reader::lines_per_batch;

// What a line holds, and so what pc-customer says of it.
enum class kind : std::uint8_t {
  valid,
  with_warning,  // valid, an unknown member ignored
  no_state,      // a US address without a state
  bad_email,
  truncated,  // the valid document without its last byte
  not_json,
  array,
  blank,  // skipped, yet counted as a line
};

// A valid create request; the number in the domain makes every line's text its own.
std::string document(std::size_t number, const std::string& state = R"(,"state":"WA")",
                     const std::string& email = "a@contoso.com") {
  char domain[32];
  std::snprintf(domain, sizeof domain, "d%06zu", number);
  return R"({"companyProfile":{"domain":")" + std::string(domain) +
         R"(.onmicrosoft.com"},"billingProfile":{"email":")" + email +
         R"(","culture":"en-US","language":"en","companyName":"Contoso","defaultAddress":)"
         R"({"country":"US","addressLine1":"1 Main St","city":"Redmond")" +
         state +
         R"(,"postalCode":"98052"}},)"
         R"("associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"})";
}

std::string text_of(kind k, std::size_t number) {
  switch (k) {
    case kind::valid:
      return document(number);
    case kind::with_warning: {
      std::string d = document(number);
      d.insert(d.size() - 1, R"(,"note":1)");
      return d;
    }
    case kind::no_state:
      return document(number, "");
    case kind::bad_email:
      return document(number, R"(,"state":"WA")", "a@contoso");
    case kind::truncated: {
      std::string d = document(number);
      d.pop_back();
      return d;
    }
    case kind::not_json:
      return "not json";
    case kind::array:
      return "[1,2]";
    case kind::blank:
      break;
  }
  return "";
}

// What is printed after "FILE:LINE: " (text format). Every document has the same length, so the
// column of the truncated one is the same on every line.
std::string verdict_of(kind k) {
  switch (k) {
    case kind::valid:
      return "valid\n";
    case kind::with_warning:
      return "valid (0 errors, 1 warning)\n"
             "  warning /note unknown_field: unknown member \"note\" is ignored\n";
    case kind::no_state:
      return "invalid (1 error, 0 warnings)\n"
             "  error /billingProfile/defaultAddress/state required: state is required for an "
             "address in \"US\"\n";
    case kind::bad_email:
      return "invalid (1 error, 0 warnings)\n"
             "  error /billingProfile/email format: email \"a@contoso\" is not one email address "
             "(local part of 1 to 64 characters, a domain with a dot, 254 characters at most, no "
             "spaces)\n";
    case kind::truncated:
      return "invalid (1 error, 0 warnings)\n"
             "  error (document) syntax: line 1, column 329: the document ends too early\n";
    case kind::not_json:
      return "invalid (1 error, 0 warnings)\n"
             "  error (document) syntax: line 1, column 1: not valid JSON\n";
    case kind::array:
      return "invalid (1 error, 0 warnings)\n"
             "  error (document) type: document must be an object, not an array\n";
    case kind::blank:
      break;
  }
  return "";
}

struct generated_line {
  kind what;
  std::string text;        // without its end of line
  std::string terminator;  // "\n", "\r\n", or "" for the last line
  std::size_t offset = 0;  // of its first byte in the file
};

// The lines with no verdict of their own: mostly valid, every kind present.
kind ordinary(std::size_t number) {
  static constexpr kind cycle[] = {
      kind::valid, kind::valid, kind::no_state,  kind::valid,       kind::bad_email,
      kind::valid, kind::valid, kind::truncated, kind::valid,       kind::not_json,
      kind::valid, kind::array, kind::valid,     kind::with_warning};
  return cycle[(number * 5) % std::size(cycle)];
}

class ndjson_file {
 public:
  static constexpr std::size_t total_lines = 5000;

  ndjson_file() {
    // Batch 1: lines 1..batch, all in the first chunk; its two halves meet after line batch/2.
    // Distinct verdicts on each side of both seams.
    const std::size_t half = batch / 2;
    while (lines_.size() < batch + 1) {
      const std::size_t n = lines_.size() + 1;
      kind k = ordinary(n);
      if (n == half)
        k = kind::no_state;
      if (n == half + 1)
        k = kind::bad_email;
      if (n == batch - 1)
        k = kind::not_json;
      if (n == batch)
        k = kind::valid;
      if (n == batch + 1)
        k = kind::array;
      add(k);
    }
    // Blank lines (empty, white space, a CRLF blank) and a CRLF document: skipped and counted.
    add(kind::blank, "");
    add(kind::blank, " \t ");
    add(kind::blank, "", "\r\n");
    add(kind::with_warning, "", "\r\n");
    // Then ordinary lines up to the long one, which the first chunk's end cuts inside the
    // company name: its text is `{`, `pad` spaces, the rest of a document with 60,000 spaces
    // before its closing brace.
    const std::size_t cut_at = document(0).find("Contoso") + 3;
    const std::size_t longest = text_of(kind::with_warning, 0).size() + 1;
    const std::size_t before_long = text_of(kind::bad_email, 0).size() + 1;
    while (size_ + longest + before_long + cut_at <= chunk)
      add(ordinary(lines_.size() + 1));
    // The line before is invalid, the long one valid, the one after invalid again.
    add(kind::bad_email);
    long_line_ = lines_.size() + 1;
    const std::size_t pad = chunk - size_ - cut_at;
    std::string long_text = document(long_line_);
    long_text.insert(1, pad, ' ');
    long_text.insert(long_text.size() - 1, 60000, ' ');
    add(kind::valid, long_text);
    add(kind::no_state);
    // The rest, a blank line now and then, the last one without a newline.
    while (lines_.size() < total_lines - 1)
      add(lines_.size() % 700 == 0 ? kind::blank : ordinary(lines_.size() + 1));
    add(kind::array, "", "");
  }

  [[nodiscard]] std::string text() const {
    std::string out;
    out.reserve(size_);
    for (const generated_line& l : lines_)
      out += l.text + l.terminator;
    return out;
  }

  // What pc-customer validate --ndjson prints for the file under `name`.
  [[nodiscard]] std::string expected_output(const std::string& name) const {
    std::string out;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].what != kind::blank)
        out += name + ':' + std::to_string(i + 1) + ": " + verdict_of(lines_[i].what);
    }
    return out;
  }

  [[nodiscard]] const generated_line& line(std::size_t number) const {
    return lines_.at(number - 1);
  }
  [[nodiscard]] std::size_t line_count() const noexcept { return lines_.size(); }
  [[nodiscard]] std::size_t long_line() const noexcept { return long_line_; }

 private:
  // A line of kind `k` (its text made from its number unless given), and its end of line.
  void add(kind k, std::string text = "", std::string terminator = "\n") {
    const std::size_t number = lines_.size() + 1;
    if (text.empty() && k != kind::blank)
      text = text_of(k, number);
    lines_.push_back({k, std::move(text), std::move(terminator), size_});
    size_ += lines_.back().text.size() + lines_.back().terminator.size();
  }

  std::vector<generated_line> lines_;
  std::size_t size_ = 0;
  std::size_t long_line_ = 0;
};

std::string tool() {
  const std::string path = test::pc_customer_path();
  REQUIRE_FALSE(path.empty());  // the examples are built with the tests
  return path;
}

}  // namespace

TEST_CASE("ndjson: the generated file puts its lines where the reader's seams are",
          "[cli][ndjson]") {
  const ndjson_file file;
  CHECK(file.line_count() == ndjson_file::total_lines);
  // The first batch is whole: its lines and the next one end inside the first chunk.
  const generated_line& after_batch = file.line(batch + 1);
  CHECK(after_batch.offset + after_batch.text.size() < chunk);
  // The first chunk ends inside the long line, within its document's company name.
  const generated_line& long_line = file.line(file.long_line());
  CHECK(long_line.offset < chunk);
  CHECK(long_line.offset + long_line.text.size() > chunk + 60000);
  CHECK(file.text().substr(chunk - 3, 7) == "Contoso");
  // So the second batch ends before the long line, cut short by the chunk, yet is long enough to
  // be split between two threads (validate_command.hpp does from 64 documents).
  std::size_t second_batch = 0;
  for (std::size_t n = batch + 1; n < file.long_line(); ++n)
    second_batch += file.line(n).what == kind::blank ? 0 : 1;
  CHECK(second_batch < batch);
  CHECK(second_batch >= 64);
  // Every kind occurs, in both halves of the first batch.
  for (const kind k : {kind::valid, kind::with_warning, kind::no_state, kind::bad_email,
                       kind::truncated, kind::not_json, kind::array}) {
    CAPTURE(static_cast<int>(k));
    bool first_half = false;
    bool second_half = false;
    for (std::size_t n = 1; n <= batch; ++n) {
      if (file.line(n).what == k)
        (n <= batch / 2 ? first_half : second_half) = true;
    }
    CHECK(first_half);
    CHECK(second_half);
  }
  // A truncated line is one byte short of a document, as verdict_of's column assumes.
  CHECK(text_of(kind::truncated, 1).size() == 328);
}

TEST_CASE("ndjson: 5,000 lines in batches, halves and chunks, printed in order", "[cli][ndjson]") {
  const ndjson_file file;
  test::temp_directory dir;
  const std::string path = dir.write("customers.ndjson", file.text());
  const auto r = test::run(tool(), {"validate", "--ndjson", path});
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  const std::string expected = file.expected_output(path);
  CHECK(r.out.size() == expected.size());
  // Where the output first differs, rather than two megabytes of it.
  std::size_t same = 0;
  while (same < r.out.size() && same < expected.size() && r.out[same] == expected[same])
    ++same;
  const auto around = [same](const std::string& s) {
    return s.substr(same < 300 ? 0 : same - 300, 600);
  };
  CAPTURE(same, around(r.out), around(expected));
  CHECK(r.out == expected);
}

}  // namespace cli_ndjson_test
