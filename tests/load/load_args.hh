// hoist-load's command line, parsed and checked without touching the
// network. Every error names the option that is wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hoist::load {

inline constexpr unsigned kDefaultConcurrency = 4;
inline constexpr unsigned kMaxConcurrency = 64;
inline constexpr double kDefaultDurationSec = 10;
inline constexpr double kMaxDurationSec = 600;
inline constexpr unsigned kDefaultTimeoutMs = 5000;
inline constexpr unsigned kMaxTimeoutMs = 60000;
inline constexpr size_t kMaxBodyBytes = 16 * 1024 * 1024;

// In a --header value, replaced by the request's number (1, 2, 3, ... in the
// order requests are sent, across all clients).
inline constexpr std::string_view kRequestNumber = "{n}";

struct LoadHeader {
  std::string name;
  std::string value;  // may hold kRequestNumber
};

struct LoadOptions {
  std::string url;
  std::string method = "GET";
  std::string body_file;             // the request body is this file's content ("" none)
  std::vector<LoadHeader> headers;   // in the order given
  unsigned concurrency = kDefaultConcurrency;
  // How long the load runs; with until_file, the most it may run.
  double duration_sec = kDefaultDurationSec;
  std::string until_file;  // stop as soon as this path exists ("" never)
  unsigned timeout_ms = kDefaultTimeoutMs;
  std::string expect_body;  // a 2xx answer without this text failed ("" any)
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
// Without --duration, --until-file runs at most kMaxDurationSec. --header may
// be given many times. The body file is not read here.
LoadArgs parse_load_args(const std::vector<std::string>& args);

// value with every kRequestNumber replaced by n.
std::string with_request_number(std::string_view value, uint64_t n);

}  // namespace hoist::load
