#pragma once

// Splits one fuzz input into fields the way libFuzzer's FuzzedDataProvider does, for the two
// calls build_request makes, so the target also builds with compilers that lack
// <fuzzer/FuzzedDataProvider.h> (g++, which replays the seeds in ctest) and every seed keeps the
// fields it had. The semantics are those of FuzzedDataProvider::ConsumeRandomLengthString and
// ConsumeRemainingBytesAsString in LLVM's compiler-rt/include/fuzzer/FuzzedDataProvider.h
// (documented at https://github.com/google/fuzzing/blob/master/docs/split-inputs.md).

#include <cstddef>
#include <cstdint>
#include <string>

namespace fuzz {

class field_reader {
 public:
  field_reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  // At most `max_length` characters. "\\" is one backslash; a backslash followed by any other
  // byte ends the field, both bytes consumed; a backslash that is the input's last byte is kept
  // as itself; the end of the input ends the field too.
  std::string next(std::size_t max_length) {
    std::string field;
    for (std::size_t i = 0; i < max_length && size_ != 0; ++i) {
      char c = take();
      if (c == '\\' && size_ != 0) {
        c = take();
        if (c != '\\')
          break;
      }
      field += c;
    }
    return field;
  }

  // Everything not read yet.
  std::string rest() {
    std::string all(reinterpret_cast<const char*>(data_), size_);
    data_ += size_;
    size_ = 0;
    return all;
  }

 private:
  char take() {
    const auto c = static_cast<char>(*data_);
    ++data_;
    --size_;
    return c;
  }

  const std::uint8_t* data_;
  std::size_t size_;
};

}  // namespace fuzz
