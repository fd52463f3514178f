// A forge release as GitHub's and Gitea's/Forgejo's REST APIs describe it
// (GET .../releases/latest): its tag, whether it is a pre-release or a
// draft, and its assets; and the sha256sum-style checksum file that comes
// with it. Pure: parsing text, for the self-update (issue 7).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoist {

struct ReleaseAsset {
  std::string name;
  std::string url;  // browser_download_url
  uint64_t size = 0;

  bool operator==(const ReleaseAsset&) const = default;
};

struct ForgeRelease {
  std::string tag;  // tag_name
  std::string name;
  std::string html_url;
  bool prerelease = false;
  bool draft = false;
  std::vector<ReleaseAsset> assets;
};

// Parses the JSON object of one release; nullopt with error naming what is
// missing or malformed (tag_name is required; assets without a name or a
// download URL are left out).
std::optional<ForgeRelease> parse_release_json(std::string_view json, std::string& error);

// The newest release in json: the one release of .../releases/latest, or
// of the list .../releases the one with the highest version among those
// that are not drafts, nor pre-releases unless prerelease is set.
std::optional<ForgeRelease> newest_release(std::string_view json, bool prerelease, std::string& error);

// The first asset whose name matches pattern (shell glob: '*', '?').
const ReleaseAsset* find_asset(const ForgeRelease& release, std::string_view pattern);

// The SHA-256 (64 lower-case hex digits) that a checksum file in
// sha256sum's format ("HEX  NAME" or "HEX *NAME" per line) gives for
// asset; nullopt with error if it names the asset not once or malformed.
std::optional<std::string> checksum_for(std::string_view sums, std::string_view asset, std::string& error);

}  // namespace hoist
