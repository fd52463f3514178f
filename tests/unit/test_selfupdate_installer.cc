// Installing a release (selfupdate/installer.hh) end to end against a
// local forge: a libsoup server serving a tar.gz built here, its
// SHA256SUMS and a signature. Whatever goes wrong, nothing is left behind.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <optional>

#include "file_server.hh"
#include "selfupdate/installer.hh"
#include "selfupdate_store.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

const std::string kArchive = "hoist-0.2.0-x86_64.tar.gz";

std::string sha256(const std::string& data) {
  const GCharPtr hex(g_compute_checksum_for_data(G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(data.data()),
                                                 data.size()));
  return hex.get();
}

// A tar.gz of dir/tree, built with tar.
std::string tar_gz(const std::string& dir, const std::string& tree) {
  const std::string out = dir + "/archive.tar.gz";
  const char* argv[] = {"tar", "--create", "--gzip", "--file", out.c_str(), "--directory", dir.c_str(),
                        tree.c_str(), nullptr};
  gint status = 0;
  GError* e = nullptr;
  const bool ran = g_spawn_sync(nullptr, const_cast<char**>(argv), nullptr, G_SPAWN_SEARCH_PATH, nullptr, nullptr,
                                nullptr, nullptr, &status, &e);
  const GErrorPtr error(e);
  EXPECT_TRUE(ran && g_spawn_check_wait_status(status, nullptr)) << (e ? e->message : "tar failed");
  return read_file(out);
}

// A release archive whose hoist-0.2.0/hoistd (a script run by shell) says
// it is version said.
std::string release_archive(const TempDir& tmp, const std::string& said, const std::string& shell = "/bin/sh") {
  const std::string dir = tmp / "hoist-0.2.0";
  EXPECT_EQ(g_mkdir_with_parents(dir.c_str(), 0755), 0);
  write_file(dir + "/hoistd", "#!" + shell + "\n[ \"$1\" = --version ] && echo \"hoistd " + said + "\"\n");
  EXPECT_EQ(chmod((dir + "/hoistd").c_str(), 0755), 0);
  return tar_gz(tmp.path, "hoist-0.2.0");
}

class InstallerTest : public ::testing::Test {
 protected:
  TempDir work;   // where archives are built
  TempDir state;  // the version store
  VersionStore store = open_store(state.path);
  FileServer forge;
  HttpFetcher http{10};
  Installer installer{store, http};
  SelfUpdateConfig config;
  ForgeRelease release{"v0.2.0", "hoist 0.2.0", "", false, false, {}};

  void SetUp() override {
    for (const std::string& name : {kArchive, std::string("SHA256SUMS"), std::string("SHA256SUMS.asc")})
      release.assets.push_back({name, forge.url("/download/" + name), 0});
  }

  // Serves archive and a SHA256SUMS with its checksum (or sum).
  void serve(const std::string& archive, const std::string& sum = "") {
    forge.files["/download/" + kArchive] = {archive};
    forge.files["/download/SHA256SUMS"] = {std::string(64, '0') + "  other.tar.gz\n" +
                                           (sum.empty() ? sha256(archive) : sum) + "  " + kArchive + "\n"};
  }

  // Installs release as 0.2.0; the error ("" when installed).
  std::string install() {
    std::optional<std::string> result;
    std::string error;
    const auto version = parse_version(release.tag, error);
    EXPECT_TRUE(version) << error;
    installer.install(release, *version, config, [&result](const std::string& e) { result = e; });
    EXPECT_TRUE(run_until([&result] { return result.has_value(); }));
    EXPECT_FALSE(installer.busy());
    return result.value_or("(no answer)");
  }

  // Nothing installed, and no .install-* directory left.
  void expect_nothing_left() {
    EXPECT_EQ(entries(state.path), std::set<std::string>{"versions"});
    EXPECT_TRUE(store.installed().empty());
  }
};

}  // namespace

TEST_F(InstallerTest, InstallsAVerifiedRelease) {
  serve(release_archive(work, "0.2.0"));
  std::optional<std::string> result;
  installer.install(release, {0, 2, 0, {}, ""}, config, [&result](const std::string& e) { result = e; });
  EXPECT_TRUE(installer.busy());
  ASSERT_TRUE(run_until([&result] { return result.has_value(); }));
  EXPECT_EQ(*result, "");
  EXPECT_FALSE(installer.busy());
  EXPECT_TRUE(store.has_binary("0.2.0"));
  EXPECT_EQ(read_file(state / "versions/0.2.0/hoistd"), read_file(work / "hoist-0.2.0/hoistd"));
  EXPECT_EQ(entries(state.path), std::set<std::string>{"versions"}) << "no .install-* directory remains";
  EXPECT_EQ(store.current(), "") << "selecting it is the caller's";
  ASSERT_EQ(forge.requests.size(), 2u) << "no signature without Keyring=";
  EXPECT_EQ(forge.requests[0].path, "/download/SHA256SUMS");
  EXPECT_EQ(forge.requests[1].path, "/download/" + kArchive);
}

TEST_F(InstallerTest, ReplacesAnEarlierCopy) {
  serve(release_archive(work, "0.2.0"));
  ASSERT_EQ(g_mkdir_with_parents((state / "versions/0.2.0/stale").c_str(), 0755), 0);
  EXPECT_EQ(install(), "");
  EXPECT_EQ(entries(state / "versions/0.2.0"), std::set<std::string>{"hoistd"});
}

TEST_F(InstallerTest, RefusesAWrongChecksum) {
  serve(release_archive(work, "0.2.0"), std::string(64, 'a'));
  const std::string error = install();
  EXPECT_NE(error.find("SHA-256 of " + kArchive), std::string::npos) << error;
  EXPECT_NE(error.find("SHA256SUMS says " + std::string(64, 'a')), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, RefusesAReleaseWithoutChecksums) {
  serve(release_archive(work, "0.2.0"));
  release.assets.erase(release.assets.begin() + 1);
  const std::string error = install();
  EXPECT_NE(error.find("has no checksum file SHA256SUMS"), std::string::npos) << error;
  EXPECT_TRUE(forge.requests.empty());
  expect_nothing_left();
}

TEST_F(InstallerTest, ChecksumFileNotServed) {
  serve(release_archive(work, "0.2.0"));
  forge.files.erase("/download/SHA256SUMS");
  const std::string error = install();
  EXPECT_NE(error.find("/download/SHA256SUMS: 404"), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, ChecksumFileWithoutTheArchive) {
  serve(release_archive(work, "0.2.0"));
  forge.files["/download/SHA256SUMS"] = {std::string(64, '0') + "  other.tar.gz\n"};
  const std::string error = install();
  EXPECT_NE(error.find("SHA256SUMS: the checksum file has no line for " + kArchive), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, RefusesAReleaseWithoutTheAsset) {
  serve(release_archive(work, "0.2.0"));
  config.asset = "hoist-*-aarch64.tar.gz";
  const std::string error = install();
  EXPECT_NE(error.find("release v0.2.0 has no file matching Asset=hoist-*-aarch64.tar.gz"), std::string::npos)
      << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, AssetNotServed) {
  serve(release_archive(work, "0.2.0"));
  forge.files.erase("/download/" + kArchive);
  const std::string error = install();
  EXPECT_NE(error.find(kArchive + ": 404"), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, RefusesAnotherVersion) {
  serve(release_archive(work, "0.3.0"));
  const std::string error = install();
  EXPECT_NE(error.find("does not say it is version 0.2.0"), std::string::npos) << error;
  EXPECT_NE(error.find("hoistd 0.3.0"), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, RefusesAHoistdThatCannotRun) {
  serve(release_archive(work, "0.2.0", "/nonexistent/sh"));
  const std::string error = install();
  EXPECT_NE(error.find("does not say it is version 0.2.0 (hoistd --version "), std::string::npos) << error;
  EXPECT_EQ(error.find("said"), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, RefusesWhatIsNoArchive) {
  serve("not a tar.gz");
  const std::string error = install();
  EXPECT_NE(error.find("cannot unpack " + kArchive + ": tar exited with status"), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, RefusesAnArchiveWithoutHoistd) {
  ASSERT_EQ(g_mkdir_with_parents((work / "hoist-0.2.0").c_str(), 0755), 0);
  write_file(work / "hoist-0.2.0/README", "");
  serve(tar_gz(work.path, "hoist-0.2.0"));
  const std::string error = install();
  EXPECT_NE(error.find("holds no executable hoistd"), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, KeyringWantsASignature) {
  serve(release_archive(work, "0.2.0"));
  config.keyring = work / "release.gpg";
  config.signature = "SHA256SUMS.sig";
  const std::string error = install();
  EXPECT_NE(error.find("has no signature SHA256SUMS.sig (Signature=)"), std::string::npos) << error;
  expect_nothing_left();
}

TEST_F(InstallerTest, RefusesASignatureThatDoesNotVerify) {
  const GCharPtr gpgv(g_find_program_in_path("gpgv"));
  if (!gpgv) GTEST_SKIP() << "gpgv is not installed";
  serve(release_archive(work, "0.2.0"));
  forge.files["/download/SHA256SUMS.asc"] = {"-----BEGIN PGP SIGNATURE-----\ngarbage\n-----END PGP SIGNATURE-----\n"};
  config.keyring = work / "release.gpg";
  write_file(config.keyring, "not a keyring");
  const std::string error = install();
  EXPECT_NE(error.find("the signature SHA256SUMS.asc of SHA256SUMS does not verify against " + config.keyring),
            std::string::npos)
      << error;
  ASSERT_EQ(forge.requests.size(), 2u) << "the archive is not downloaded";
  EXPECT_EQ(forge.requests[1].path, "/download/SHA256SUMS.asc");
  expect_nothing_left();
}

TEST_F(InstallerTest, RemovesLeftovers) {
  ASSERT_EQ(g_mkdir_with_parents((state / ".install-abc123/unpacked").c_str(), 0755), 0);
  ASSERT_EQ(g_mkdir_with_parents((state / "versions/0.1.0").c_str(), 0755), 0);
  installer.remove_leftovers();
  EXPECT_EQ(entries(state.path), std::set<std::string>{"versions"});
  EXPECT_EQ(entries(state / "versions"), std::set<std::string>{"0.1.0"});
}
