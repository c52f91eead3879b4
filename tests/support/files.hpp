#pragma once

// Files in tests: a scratch directory removed at the end, and whole-file reads and writes.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace partner_center::test {

inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline void write_text_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A fresh directory under the system's temporary directory, removed with all it holds at the end.
class temp_directory {
 public:
  temp_directory() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("pc-test-" + std::to_string(random()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~temp_directory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temp_directory(const temp_directory&) = delete;
  temp_directory& operator=(const temp_directory&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::filesystem::path operator/(std::string_view name) const {
    return path_ / name;
  }

  // Writes `content` to `name` in the directory, making the directories `name` names
  // ("nested/FR.json"), and returns the file's path (not [[nodiscard]]: writing is the point, the
  // path is for those who need it).
  std::string write(const std::string& name, std::string_view content) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    write_text_file(file, content);
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace partner_center::test
