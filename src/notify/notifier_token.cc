#include "notify/notifier_token.hh"

#include <algorithm>

#include "webhook/secret_file.hh"

namespace hoist {
namespace {

// An access token goes into an HTTP header: printable ASCII without spaces.
bool is_http_token(const std::string& token) {
  return std::all_of(token.begin(), token.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace

std::optional<std::string> read_notifier_token(const NotifierConfig& config,
                                               const std::string& credentials_dir,
                                               std::string& problem) {
  problem.clear();
  const bool from_file = !config.token_file.empty();
  const std::string& name = config.token_credential;
  std::string what, path;
  if (from_file) {
    what = "access token file " + config.token_file;
    path = config.token_file;
  } else if (name.empty()) {
    problem = "no TokenFile= or TokenCredential=";
    return std::nullopt;
  } else if (credentials_dir.empty()) {
    problem = "access token credential " + name +
              " is not available: $CREDENTIALS_DIRECTORY is not set (give hoistd.service "
              "LoadCredential=" + name + ":PATH, or set TokenFile=)";
    return std::nullopt;
  } else {
    path = credentials_dir + "/" + name;
    what = "access token credential " + name + " (" + path + ")";
  }
  // TokenFile= has the rules of webhook secret files; credentials are systemd's to protect.
  std::optional<std::string> token = read_secret_file(path, from_file, problem);
  if (!token) {
    problem = what + " " + problem;
    return std::nullopt;
  }
  if (!is_http_token(*token)) {
    problem = what + " does not hold an access token (printable ASCII without spaces, on one line)";
    return std::nullopt;
  }
  return token;
}

}  // namespace hoist
