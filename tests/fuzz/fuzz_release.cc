// fuzz-release: a forge's release JSON (parse_release_json, newest_release
// with and without pre-releases), its assets (find_asset) and a checksum
// file (checksum_for). Input: the JSON, then optionally a line "#sums" and
// the checksum file's text.
//
// Properties: JSON text json_text_problem lets through nests no deeper than
// it counts (fuzz_json.hh), and text it refuses is refused; a refusal says why; every asset is found by its own name as a
// pattern; the newest release of a list is neither a draft nor (unless
// asked for) a pre-release and has a semantic version tag; a checksum is 64
// lower-case hex digits.
#include <string>

#include "fuzz_check.hh"
#include "fuzz_json.hh"
#include "selfupdate/release.hh"
#include "selfupdate/version.hh"

using namespace hoist;

namespace {

constexpr std::string_view kSumsLine = "\n#sums\n";

bool is_lower_hex(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

void check_release(const ForgeRelease& release, std::string_view sums) {
  FUZZ_CHECK(!release.tag.empty());
  for (const auto& asset : release.assets) {
    FUZZ_CHECK(!asset.name.empty() && !asset.url.empty());
    FUZZ_CHECK(find_asset(release, asset.name) != nullptr);
    std::string error;
    if (const auto sum = checksum_for(sums, asset.name, error))
      FUZZ_CHECK(is_lower_hex(*sum));
    else
      FUZZ_CHECK(!error.empty());
  }
  find_asset(release, "hoistd-*-x86_64.tar.gz");
}

void check_newest(std::string_view json, std::string_view sums, bool prerelease) {
  std::string error;
  const auto newest = newest_release(json, prerelease, error);
  if (!newest) {
    FUZZ_CHECK(!error.empty());
    return;
  }
  check_release(*newest, sums);
  // From a list: only releases with a version tag, no drafts, pre-releases if asked.
  const size_t start = json.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && json[start] == '[') {
    FUZZ_CHECK(!newest->draft);
    FUZZ_CHECK(prerelease || !newest->prerelease);
    FUZZ_CHECK(parse_version(newest->tag, error));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = fuzz::text_of(data, size);
  const size_t split = input.find(kSumsLine);
  const std::string_view json = input.substr(0, split);
  const std::string_view sums = split == std::string_view::npos ? "" : input.substr(split + kSumsLine.size());

  fuzz::check_json_guard(json);
  std::string error;
  const auto release = parse_release_json(json, error);
  if (release)
    check_release(*release, sums);
  else
    FUZZ_CHECK(!error.empty());
  FUZZ_CHECK(json_text_problem(json).empty() || !release);
  check_newest(json, sums, false);
  check_newest(json, sums, true);
  return 0;
}
