// hoist-load's command line, parsed and checked without touching the
// network. Every error names the option that is wrong.
#pragma once

#include <string>
#include <vector>

namespace hoist::load {

inline constexpr unsigned kDefaultConcurrency = 4;
inline constexpr unsigned kMaxConcurrency = 64;
inline constexpr double kDefaultDurationSec = 10;
inline constexpr double kMaxDurationSec = 600;
inline constexpr unsigned kDefaultTimeoutMs = 5000;
inline constexpr unsigned kMaxTimeoutMs = 60000;

struct LoadOptions {
  std::string url;
  unsigned concurrency = kDefaultConcurrency;
  // How long the load runs; with until_file, the most it may run.
  double duration_sec = kDefaultDurationSec;
  std::string until_file;  // stop as soon as this path exists ("" never)
  unsigned timeout_ms = kDefaultTimeoutMs;
  bool json = false;
  bool help = false;
};

struct LoadArgs {
  LoadOptions options;
  std::string error;  // names the bad option; empty on success
  bool ok() const { return error.empty(); }
};

// Parses the arguments after the program name. Options are long only
// ("--concurrency 8" or "--concurrency=8"), plus -h. --help skips the checks.
// Without --duration, --until-file runs at most kMaxDurationSec.
LoadArgs parse_load_args(const std::vector<std::string>& args);

}  // namespace hoist::load
