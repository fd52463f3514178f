// [SelfUpdate] of hoist.conf: whether and where hoistd looks for new
// releases of itself, how often, and what it does with them. Plain data;
// read by the config loader through read_selfupdate_group().
// docs/configuration.md documents the keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hoist {

class ConfigFile;

struct SelfUpdateConfig {
  enum class Forge { GitHub, Gitea };  // Gitea's API is Forgejo's too
  enum class Mode { Notify, Apply };

  bool enabled = false;
  std::string source;  // https://HOST/OWNER/NAME (http:// to a loopback address)
  Forge forge = Forge::GitHub;  // Forge=, or detected from the host (github.com: GitHub)
  uint64_t interval_usec = 6ull * 3600 * 1000 * 1000;
  // How long a new version must stay up (after READY=1) to be kept.
  uint64_t grace_usec = 60ull * 1000 * 1000;
  Mode mode = Mode::Notify;
  bool prerelease = false;
  std::string asset = "hoist-*.tar.gz";  // shell glob of the release file
  std::string checksums = "SHA256SUMS";  // the release's sha256sum-style file
  std::string keyring;                   // gpgv keyring: the checksum file must be signed
  std::string signature = "SHA256SUMS.asc";

  bool operator==(const SelfUpdateConfig&) const = default;
};

// The latest-release API URL of config's Source=:
// https://api.github.com/repos/OWNER/NAME/releases/latest (GitHub),
// https://HOST/api/v1/repos/OWNER/NAME/releases/latest (Gitea, Forgejo);
// without Prerelease=yes. "" if Source= is not https://HOST/OWNER/NAME.
std::string latest_release_api_url(const SelfUpdateConfig& config);

// The list of releases (newest first), which Prerelease=yes looks through.
std::string releases_api_url(const SelfUpdateConfig& config);

// Reads [SelfUpdate]; problems go to the file's errors. Enabled=yes needs
// Source=.
void read_selfupdate_group(ConfigFile& file, SelfUpdateConfig& config);

}  // namespace hoist
