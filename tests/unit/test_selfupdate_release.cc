// Forge releases as the GitHub and Gitea/Forgejo APIs return them, the asset
// a pattern picks, and the checksum file's line for an asset.
#include <gtest/gtest.h>

#include "common/str_cat.hh"
#include "selfupdate/release.hh"

using namespace hoist;

namespace {

// The shape of GET /repos/OWNER/NAME/releases/latest (GitHub; Gitea's has the
// same members), trimmed.
constexpr const char* kRelease = R"({
  "url": "https://api.github.com/repos/hoist/hoist/releases/1",
  "html_url": "https://github.com/hoist/hoist/releases/tag/v0.2.0",
  "id": 1, "tag_name": "v0.2.0", "target_commitish": "main", "name": "hoist 0.2.0",
  "draft": false, "prerelease": false, "created_at": "2026-11-20T10:00:00Z",
  "assets": [
    {"name": "hoist-0.2.0-x86_64.tar.gz", "size": 1843200, "content_type": "application/gzip",
     "browser_download_url": "https://github.com/hoist/hoist/releases/download/v0.2.0/hoist-0.2.0-x86_64.tar.gz"},
    {"name": "SHA256SUMS", "size": 120,
     "browser_download_url": "https://github.com/hoist/hoist/releases/download/v0.2.0/SHA256SUMS"},
    {"name": "no-url"}
  ]})";

const std::string kSha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

}  // namespace

TEST(ForgeRelease, ParsesTheApiShape) {
  std::string error;
  auto r = parse_release_json(kRelease, error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->tag, "v0.2.0");
  EXPECT_EQ(r->name, "hoist 0.2.0");
  EXPECT_FALSE(r->prerelease);
  EXPECT_FALSE(r->draft);
  ASSERT_EQ(r->assets.size(), 2u) << "an asset without a download URL is left out";
  EXPECT_EQ(r->assets[0].size, 1843200u);
  const ReleaseAsset* tarball = find_asset(*r, "hoist-*-x86_64.tar.gz");
  ASSERT_NE(tarball, nullptr);
  EXPECT_EQ(tarball->name, "hoist-0.2.0-x86_64.tar.gz");
  EXPECT_EQ(find_asset(*r, "*.deb"), nullptr);
}

TEST(ForgeRelease, RefusesWhatIsNoRelease) {
  std::string error;
  EXPECT_FALSE(parse_release_json("{", error));
  EXPECT_NE(error.find("not JSON"), std::string::npos) << error;
  EXPECT_FALSE(parse_release_json("[]", error));
  EXPECT_FALSE(parse_release_json(R"({"name": "x"})", error));
  EXPECT_NE(error.find("tag_name"), std::string::npos) << error;
}

TEST(ForgeRelease, ChecksumOfAnAsset) {
  const std::string sums = kSha + "  hoist-0.2.0-x86_64.tar.gz\n" + std::string(64, 'a') +
                           " *hoist-0.2.0-aarch64.tar.gz\r\n";
  std::string error;
  EXPECT_EQ(checksum_for(sums, "hoist-0.2.0-x86_64.tar.gz", error), kSha);
  EXPECT_EQ(checksum_for(sums, "hoist-0.2.0-aarch64.tar.gz", error), std::string(64, 'a'))
      << "binary mode '*' and CRLF lines";
  EXPECT_FALSE(checksum_for(sums, "hoist-0.2.0-riscv.tar.gz", error));
  EXPECT_NE(error.find("no line for hoist-0.2.0-riscv.tar.gz"), std::string::npos) << error;
  EXPECT_FALSE(checksum_for(sums + sums, "hoist-0.2.0-x86_64.tar.gz", error));
  EXPECT_NE(error.find("more than once"), std::string::npos) << error;
  EXPECT_FALSE(checksum_for("abc  x.tar.gz\n", "x.tar.gz", error));
  EXPECT_NE(error.find("not a SHA-256"), std::string::npos) << error;
  EXPECT_EQ(checksum_for(std::string(64, 'F') + "  x\n", "x", error), std::string(64, 'f'));
}

namespace {

// A release in the list of GET .../releases.
std::string listed(const std::string& tag, bool prerelease = false, bool draft = false) {
  return R"({"tag_name": ")" + tag + R"(", "prerelease": )" + (prerelease ? "true" : "false") +
         R"(, "draft": )" + (draft ? "true" : "false") + "}";
}

}  // namespace

TEST(ForgeRelease, NewestOfOneRelease) {
  std::string error;
  auto r = newest_release(kRelease, false, error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->tag, "v0.2.0");
  EXPECT_EQ(r->assets.size(), 2u);
  r = newest_release(listed("nightly", true), false, error);
  ASSERT_TRUE(r) << "the one of .../latest is taken as it is: " << error;
  EXPECT_EQ(r->tag, "nightly");
}

TEST(ForgeRelease, NewestOfAList) {
  const std::string list =
      str_cat({"[", listed("v0.3.0-rc.1", true), ", ", listed("v0.4.0", false, true), ", ", listed("v0.2.1"), ", ",
               listed("v0.10.0-beta", true), ", ", listed("latest"), ", ", listed("v0.2.0"), ", 42, {}]"});
  std::string error;
  auto r = newest_release(list, false, error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->tag, "v0.2.1") << "not a draft, not a pre-release";
  r = newest_release(list, true, error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->tag, "v0.10.0-beta") << "by version, not by text nor order";
}

TEST(ForgeRelease, NewestNeedsAVersionTag) {
  std::string error;
  EXPECT_FALSE(newest_release("[]", false, error));
  EXPECT_EQ(error, "no release with a semantic version tag");
  error.clear();
  EXPECT_FALSE(newest_release(str_cat({"[", listed("latest"), ", ", listed("v1.0.0-rc.1", true), "]"}), false, error));
  EXPECT_EQ(error, "no release with a semantic version tag");
  EXPECT_FALSE(newest_release("\"v1.0.0\"", false, error));
  EXPECT_EQ(error, "the releases are neither a JSON object nor an array");
  EXPECT_FALSE(newest_release("[", false, error));
  EXPECT_NE(error.find("not JSON"), std::string::npos) << error;
}

TEST(SelfUpdateRelease, DeepOrNonStrictJsonIsRefusedBeforeParsing) {
  std::string error;
  EXPECT_FALSE(parse_release_json(std::string(100000, '[') + std::string(100000, ']'), error));
  EXPECT_EQ(error, "the release nests deeper than 64 levels");
  EXPECT_FALSE(newest_release("/*\"*/" + std::string(100000, '['), false, error));
  EXPECT_EQ(error.rfind("the release is not JSON: byte 1 is '/'", 0), 0u) << error;
}
