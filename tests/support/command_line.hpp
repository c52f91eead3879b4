#pragma once

// Running pc-customer from a test: a scratch directory for its files, the path of the tool as the
// build named it, and a child process with its own environment whose standard output and standard
// error are kept apart.

#include "files.hpp"

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace partner_center::test {

// pc-customer where the build put it (PARTNER_CENTER_PC_CUSTOMER, defined by CMake when the
// examples are built with the tests), or empty when it was not built. A path that names no file
// is returned as it is: the test that runs it fails rather than skips.
inline std::string pc_customer_path() {
#ifdef PARTNER_CENTER_PC_CUSTOMER
  return PARTNER_CENTER_PC_CUSTOMER;
#else
  return {};
#endif
}

struct run_result {
  int status = -1;  // the exit status; -1 when killed by a signal
  std::string out;  // standard output
  std::string err;  // standard error
  [[nodiscard]] std::string both() const { return out + err; }
};

// A child process: `program args...` with this process's environment plus `environment`
// ("NAME=value" entries, which win), standard input from /dev/null.
class child_process {
 public:
  child_process(const std::string& program, const std::vector<std::string>& args,
                const std::vector<std::string>& environment = {}) {
    std::vector<std::string> env_strings = environment;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string_view entry(*e);
      const std::string_view name = entry.substr(0, entry.find('='));
      bool overridden = false;
      for (const std::string& mine : environment)
        overridden = overridden || std::string_view(mine).substr(0, mine.find('=')) == name;
      if (!overridden)
        env_strings.emplace_back(entry);
    }
    std::vector<std::string> argv_strings{program};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_strings)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (std::string& e : env_strings)
      envp.push_back(e.data());
    envp.push_back(nullptr);

    out_ = directory_.path() / "stdout";
    err_ = directory_.path() / "stderr";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int spawned =
        ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
  }
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;
  ~child_process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int ignored = 0;
      ::waitpid(pid_, &ignored, 0);
    }
  }

  [[nodiscard]] pid_t pid() const noexcept { return pid_; }

  run_result wait() {
    int status = 0;
    REQUIRE(::waitpid(pid_, &status, 0) == pid_);
    pid_ = -1;
    run_result r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text_file(out_);
    r.err = read_text_file(err_);
    return r;
  }

 private:
  temp_directory directory_;
  std::filesystem::path out_;
  std::filesystem::path err_;
  pid_t pid_ = -1;
};

inline run_result run(const std::string& program, const std::vector<std::string>& args,
                      const std::vector<std::string>& environment = {}) {
  return child_process(program, args, environment).wait();
}

}  // namespace partner_center::test
