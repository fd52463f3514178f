// Running a helper program (systemd-analyze, gpgv, tar, a downloaded
// hoistd --version) from the main loop with GSubprocess: no shell, its
// output (stdout and stderr merged) collected, a time limit, and a handle
// that cancels.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hoist {

struct CommandResult {
  bool exited_ok = false;  // ran and exited with status 0
  bool started = false;    // the program could be run at all
  std::string output;      // stdout and stderr
  std::string error;       // why it could not run or how it ended ("exited with status 2")
};

using CommandFn = std::function<void(const CommandResult&)>;

// Runs argv[0] (looked up in PATH) with argv and extra environment
// variables; fn gets the result, always from the main loop (never before
// run_command returns), unless the returned handle is dropped first: that
// kills the program and fn is never called. A program still running after
// timeout_sec (0: no limit) is killed and reported as timed out.
std::shared_ptr<void> run_command(const std::vector<std::string>& argv,
                                  const std::vector<std::pair<std::string, std::string>>& env, CommandFn fn,
                                  unsigned timeout_sec = 0);

}  // namespace hoist
