// Replays saved inputs through a fuzz target's LLVMFuzzerTestOneInput without libFuzzer, so the
// seeds in fuzz/corpus/<target> run the target's checks in ctest with any compiler. A broken
// check aborts (FUZZ_CHECK), which fails the test.
//
//   fuzz_replay_<target> PATH...    each PATH a file, or a directory whose files are all replayed
//
// Exits non-zero when a path is missing or unreadable and when no input at all was found: a
// replay of nothing must not pass. The files of a directory run in name order, and each one's
// path is printed before it runs, so the last path printed before an abort is the input that
// broke the check.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

// Defined by the target (fuzz/<target>.cpp), as libFuzzer expects it:
// https://llvm.org/docs/LibFuzzer.html#fuzz-target
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool read_file(const fs::path& path, std::vector<char>& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Runs one input from a buffer of exactly its size, as libFuzzer does, so a read past its end is
// a read past an allocation (which AddressSanitizer reports when the replay is built with it).
bool run(const fs::path& path) {
  std::vector<char> bytes;
  if (!read_file(path, bytes)) {
    std::fprintf(stderr, "fuzz_replay: cannot read %s\n", path.string().c_str());
    return false;
  }
  std::printf("%s (%zu bytes)\n", path.string().c_str(), bytes.size());
  std::fflush(stdout);
  const auto input = std::make_unique<std::uint8_t[]>(std::max<std::size_t>(bytes.size(), 1));
  std::copy(bytes.begin(), bytes.end(), input.get());
  // 0 and -1 are the only values libFuzzer defines; anything else is the target's mistake.
  const int result = LLVMFuzzerTestOneInput(input.get(), bytes.size());
  if (result != 0 && result != -1) {
    std::fprintf(stderr, "fuzz_replay: %s: the target returned %d\n", path.string().c_str(),
                 result);
    return false;
  }
  return true;
}

// The regular files of `path` (itself when it is one), in name order.
bool inputs_of(const fs::path& path, std::vector<fs::path>& out) {
  std::error_code error;
  if (fs::is_regular_file(path, error)) {
    out.push_back(path);
    return true;
  }
  if (!fs::is_directory(path, error)) {
    std::fprintf(stderr, "fuzz_replay: %s is neither a file nor a directory\n",
                 path.string().c_str());
    return false;
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error))
      files.push_back(it->path());
  }
  if (error) {
    std::fprintf(stderr, "fuzz_replay: cannot list %s: %s\n", path.string().c_str(),
                 error.message().c_str());
    return false;
  }
  std::sort(files.begin(), files.end());
  out.insert(out.end(), files.begin(), files.end());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PATH...\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    if (!inputs_of(argv[i], inputs))
      return 1;
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "fuzz_replay: no input found; a replay of nothing proves nothing\n");
    return 1;
  }
  for (const fs::path& path : inputs) {
    if (!run(path))
      return 1;
  }
  std::printf("fuzz_replay: %zu inputs ran\n", inputs.size());
  return 0;
}
