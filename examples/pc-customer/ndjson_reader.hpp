#pragma once

// Reads newline-delimited JSON in batches of lines through one reused buffer, so memory stays
// flat whatever the input's size. A line longer than the document limit is not kept: it is
// skipped to its end and reported as a `limit` violation, never half-read.

#include <partner_center/core/violation.hpp>

#include <cstddef>
#include <cstring>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace pc_customer {

struct ndjson_line {
  std::size_t number = 0;  // 1-based line number
  std::string_view text;   // valid until the next batch
  bool too_long = false;
  std::size_t length = 0;
  std::size_t limit = 0;

  [[nodiscard]] partner_center::report limit_report() const {
    partner_center::report r;
    r.add("", partner_center::violation_code::limit,
          "the document has " + std::to_string(length) + " bytes; at most " +
              std::to_string(limit) + " are accepted");
    return r;
  }
};

class ndjson_reader {
 public:
  static constexpr std::size_t chunk = std::size_t{1} << 20;
  static constexpr std::size_t lines_per_batch = 2048;

  ndjson_reader(std::istream& in, std::size_t max_line) : in_(in), max_line_(max_line) {}

  // Fills `batch` with the next non-blank lines; false at the end of the input.
  bool next_batch(std::vector<ndjson_line>& batch) {
    batch.clear();
    // Lines of the previous batch point into buffer_: drop them only now.
    buffer_.erase(0, consumed_);
    consumed_ = 0;
    while (batch.size() < lines_per_batch) {
      const std::size_t newline = find_newline();
      if (newline == std::string::npos) {
        if (eof_) {
          if (consumed_ < buffer_.size())
            take_line(buffer_.size(), batch);
          break;
        }
        // Reading more moves the buffer: hand out the lines taken so far first.
        if (!batch.empty())
          break;
        if (buffer_.size() - consumed_ > max_line_) {
          skip_long_line(batch);
        } else {
          read_more();
        }
        continue;
      }
      take_line(newline, batch);
    }
    return !batch.empty();
  }

  [[nodiscard]] std::size_t bytes_read() const noexcept { return bytes_read_; }

 private:
  std::size_t find_newline() const {
    const void* found = std::memchr(buffer_.data() + consumed_, '\n', buffer_.size() - consumed_);
    return found == nullptr
               ? std::string::npos
               : static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data());
  }

  void take_line(std::size_t end, std::vector<ndjson_line>& batch) {
    std::string_view line(buffer_.data() + consumed_, end - consumed_);
    consumed_ = end < buffer_.size() ? end + 1 : end;
    ++line_number_;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos)
      return;
    if (line.size() > max_line_) {
      batch.push_back({line_number_, {}, true, line.size(), max_line_});
      return;
    }
    batch.push_back({line_number_, line, false, line.size(), max_line_});
  }

  // The current line is longer than any document may be: count it out without keeping it.
  void skip_long_line(std::vector<ndjson_line>& batch) {
    std::size_t length = buffer_.size() - consumed_;
    buffer_.erase(consumed_);
    for (;;) {
      std::string piece(chunk, '\0');
      in_.read(piece.data(), static_cast<std::streamsize>(piece.size()));
      const auto got = static_cast<std::size_t>(in_.gcount());
      bytes_read_ += got;
      piece.resize(got);
      const std::size_t newline = piece.find('\n');
      if (newline != std::string::npos) {
        length += newline;
        buffer_.append(piece, newline + 1);
        break;
      }
      length += got;
      if (got == 0) {
        eof_ = true;
        break;
      }
    }
    ++line_number_;
    batch.push_back({line_number_, {}, true, length, max_line_});
  }

  void read_more() {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + chunk);
    in_.read(buffer_.data() + old_size, static_cast<std::streamsize>(chunk));
    const auto got = static_cast<std::size_t>(in_.gcount());
    buffer_.resize(old_size + got);
    bytes_read_ += got;
    if (got == 0)
      eof_ = true;
  }

  std::istream& in_;
  std::size_t max_line_;
  std::string buffer_;
  std::size_t consumed_ = 0;
  std::size_t line_number_ = 0;
  std::size_t bytes_read_ = 0;
  bool eof_ = false;
};

}  // namespace pc_customer
