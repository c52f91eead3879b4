#pragma once

// The benchmark programs' command line: Google Benchmark's own flags, plus `--smoke`, which runs
// each benchmark for the shortest time (CI checks that they run and agree, not how fast).

#include <algorithm>
#include <string_view>
#include <vector>

namespace bench {

inline std::vector<char*> arguments_with_smoke(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  bool smoke = false;
  std::erase_if(args, [&](char* a) { return std::string_view(a) == "--smoke" && (smoke = true); });
  static char min_time[] = "--benchmark_min_time=0.0001";
  if (smoke)
    args.push_back(min_time);
  return args;
}

}  // namespace bench
