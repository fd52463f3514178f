// Semantic versions of releases: parsing (a leading 'v', pre-release and
// build parts, what is refused) and precedence, with the ordering example
// of semver.org 2.0.0 §11.
#include <gtest/gtest.h>

#include "selfupdate/version.hh"

using namespace hoist;

namespace {

Version v(const char* text) {
  std::string error;
  auto parsed = parse_version(text, error);
  EXPECT_TRUE(parsed) << text << ": " << error;
  return parsed.value_or(Version{});
}

}  // namespace

TEST(Version, Parses) {
  const Version a = v("v1.4.10-rc.1+build.7");
  EXPECT_EQ(a.major, 1u);
  EXPECT_EQ(a.minor, 4u);
  EXPECT_EQ(a.patch, 10u);
  EXPECT_EQ(a.prerelease, (std::vector<std::string>{"rc", "1"}));
  EXPECT_EQ(a.build, "build.7");
  EXPECT_TRUE(a.is_prerelease());
  EXPECT_EQ(a.to_string(), "1.4.10-rc.1+build.7");
  EXPECT_EQ(v("0.1.0").to_string(), "0.1.0");
  EXPECT_FALSE(v("2.0.0").is_prerelease());
}

TEST(Version, RefusesWhatIsNoVersion) {
  for (const char* bad : {"", "v", "1.2", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-", "1.2.3-rc..1",
                          "1.2.3-01", "1.2.3+", "1.2.3-rc_1", "vv1.2.3", "99999999999999999999.0.0"}) {
    std::string error;
    EXPECT_FALSE(parse_version(bad, error)) << bad;
    EXPECT_NE(error.find(bad), std::string::npos) << "the error names the text: " << error;
  }
}

TEST(Version, PrecedenceAsSemverSays) {
  const char* ordered[] = {"1.0.0-alpha",      "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                           "1.0.0-beta.2",     "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0",
                           "1.0.1",            "1.1.0",         "1.10.0",           "2.0.0"};
  for (size_t i = 0; i < std::size(ordered); i++)
    for (size_t j = 0; j < std::size(ordered); j++) {
      const int want = i < j ? -1 : i > j ? 1 : 0;
      EXPECT_EQ(compare_versions(v(ordered[i]), v(ordered[j])), want) << ordered[i] << " vs " << ordered[j];
    }
  EXPECT_EQ(compare_versions(v("1.0.0+a"), v("v1.0.0+b")), 0) << "build metadata does not count";
}
