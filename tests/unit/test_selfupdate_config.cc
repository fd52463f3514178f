// [SelfUpdate] of hoist.conf: defaults, every key, the forge detected from
// Source=, the API URLs, and the errors that name the key.
#include <gtest/gtest.h>

#include "core/config_loader.hh"

using namespace hoist;

namespace {

struct Parsed {
  DaemonConfig daemon;
  std::vector<std::string> errors;
};

Parsed parse(const std::string& text) {
  std::vector<ConfigProblem> errors, warnings;
  Parsed p;
  p.daemon = parse_daemon_config("/etc/hoist/hoist.conf", text, daemon_defaults(), errors, warnings);
  for (const auto& e : errors) p.errors.push_back(e.to_string());
  EXPECT_TRUE(warnings.empty()) << warnings.front().to_string();
  return p;
}

}  // namespace

TEST(SelfUpdateConfig, OffByDefault) {
  const auto p = parse("");
  EXPECT_FALSE(p.daemon.self_update.enabled);
  EXPECT_EQ(p.daemon.self_update.mode, SelfUpdateConfig::Mode::Notify);
  EXPECT_EQ(p.daemon.self_update.interval_usec, 6ull * 3600 * 1000000);
}

TEST(SelfUpdateConfig, EveryKey) {
  const auto p = parse(
      "[SelfUpdate]\nEnabled=yes\nSource=https://github.com/hoist/hoist\nIntervalSec=1h\nMode=apply\n"
      "Prerelease=yes\nAsset=hoist-*-x86_64.tar.gz\nChecksums=sums.txt\nKeyring=/etc/hoist/release.gpg\n"
      "Signature=sums.txt.sig\n");
  EXPECT_TRUE(p.errors.empty()) << p.errors.front();
  const SelfUpdateConfig& c = p.daemon.self_update;
  EXPECT_TRUE(c.enabled);
  EXPECT_EQ(c.forge, SelfUpdateConfig::Forge::GitHub);
  EXPECT_EQ(c.interval_usec, 3600ull * 1000000);
  EXPECT_EQ(c.mode, SelfUpdateConfig::Mode::Apply);
  EXPECT_TRUE(c.prerelease);
  EXPECT_EQ(c.asset, "hoist-*-x86_64.tar.gz");
  EXPECT_EQ(c.checksums, "sums.txt");
  EXPECT_EQ(c.keyring, "/etc/hoist/release.gpg");
  EXPECT_EQ(c.signature, "sums.txt.sig");
  EXPECT_EQ(latest_release_api_url(c), "https://api.github.com/repos/hoist/hoist/releases/latest");
  EXPECT_EQ(releases_api_url(c), "https://api.github.com/repos/hoist/hoist/releases");
}

TEST(SelfUpdateConfig, GiteaAndForgejoFromTheHost) {
  auto c = parse("[SelfUpdate]\nSource=https://codeberg.org/hoist/hoist.git\n").daemon.self_update;
  EXPECT_EQ(c.forge, SelfUpdateConfig::Forge::Gitea);
  EXPECT_EQ(latest_release_api_url(c), "https://codeberg.org/api/v1/repos/hoist/hoist/releases/latest");
  c = parse("[SelfUpdate]\nForge=github\nSource=https://git.example.org:8443/ops/hoist/\n").daemon.self_update;
  EXPECT_EQ(latest_release_api_url(c), "https://git.example.org:8443/api/v3/repos/ops/hoist/releases/latest")
      << "GitHub Enterprise";
}

TEST(SelfUpdateConfig, ErrorsNameTheKey) {
  const auto p = parse("[SelfUpdate]\nEnabled=yes\nSource=http://github.com/hoist/hoist\nMode=always\nForge=svn\n");
  ASSERT_EQ(p.errors.size(), 3u);
  EXPECT_NE(p.errors[0].find(":5: [SelfUpdate] Forge=: \"svn\" is not one of github, gitea and forgejo"),
            std::string::npos)
      << p.errors[0];
  EXPECT_NE(p.errors[1].find(":3: [SelfUpdate] Source=: \"http://github.com/hoist/hoist\" is not a repository URL"),
            std::string::npos)
      << p.errors[1];
  EXPECT_NE(p.errors[2].find(":4: [SelfUpdate] Mode=: \"always\" is not one of notify and apply"), std::string::npos)
      << p.errors[2];
  const auto missing = parse("[SelfUpdate]\nEnabled=yes\n");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_NE(missing.errors[0].find("[SelfUpdate] Source=: missing"), std::string::npos) << missing.errors[0];
}

TEST(SelfUpdateConfig, PlainHttpOnlyToThisMachine) {
  auto p = parse("[SelfUpdate]\nForge=github\nSource=http://127.0.0.1:8931/o/n\n");
  EXPECT_TRUE(p.errors.empty()) << p.errors.front();
  SelfUpdateConfig c = p.daemon.self_update;
  EXPECT_EQ(c.source, "http://127.0.0.1:8931/o/n");
  EXPECT_EQ(c.forge, SelfUpdateConfig::Forge::GitHub);
  EXPECT_EQ(latest_release_api_url(c), "http://127.0.0.1:8931/api/v3/repos/o/n/releases/latest");
  EXPECT_EQ(releases_api_url(c), "http://127.0.0.1:8931/api/v3/repos/o/n/releases");
  c = parse("[SelfUpdate]\nForge=gitea\nSource=http://localhost:3000/o/n\n").daemon.self_update;
  EXPECT_EQ(latest_release_api_url(c), "http://localhost:3000/api/v1/repos/o/n/releases/latest");
  c = parse("[SelfUpdate]\nForge=forgejo\nSource=http://[::1]:3000/o/n\n").daemon.self_update;
  EXPECT_EQ(releases_api_url(c), "http://[::1]:3000/api/v1/repos/o/n/releases");

  for (const char* url : {"http://192.168.1.10/o/n", "http://git.example.org/o/n", "http://127.0.0.2/o/n"}) {
    p = parse(std::string("[SelfUpdate]\nSource=") + url + "\n");
    ASSERT_EQ(p.errors.size(), 1u) << url;
    EXPECT_NE(p.errors[0].find("is not a repository URL https://HOST/OWNER/NAME (http:// only to 127.0.0.1, ::1 or "
                               "localhost)"),
              std::string::npos)
        << p.errors[0];
    EXPECT_EQ(p.daemon.self_update.source, "");
  }
}

TEST(SelfUpdateConfig, GraceSec) {
  EXPECT_EQ(parse("").daemon.self_update.grace_usec, 60ull * 1000000);
  EXPECT_EQ(parse("[SelfUpdate]\nGraceSec=5min\n").daemon.self_update.grace_usec, 300ull * 1000000);
  EXPECT_EQ(parse("[SelfUpdate]\nGraceSec=90\n").daemon.self_update.grace_usec, 90ull * 1000000);
  EXPECT_EQ(parse("[SelfUpdate]\nGraceSec=0\n").daemon.self_update.grace_usec, 0u) << "kept at once";
  const auto p = parse("[SelfUpdate]\nGraceSec=soon\n");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_NE(p.errors[0].find("[SelfUpdate] GraceSec="), std::string::npos) << p.errors[0];
}
