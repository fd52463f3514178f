// Installing a release of hoistd: the checksum file (and its signature,
// checked with gpgv against Keyring= when set), the archive matching
// Asset= with its SHA-256 checked against the checksum file, unpacked with
// tar into a fresh directory, its hoistd asked for --version, and only then
// moved to versions/VERSION. Any mismatch stops it with an error naming
// what did not match, and nothing is left behind. Selecting the version
// (current, trial) is the caller's.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "selfupdate/http_fetch.hh"
#include "selfupdate/release.hh"
#include "selfupdate/selfupdate_config.hh"
#include "selfupdate/version.hh"
#include "selfupdate/version_store.hh"

namespace hoist {

// Largest release archive hoist downloads.
inline constexpr uint64_t kMaxReleaseArchive = 512ull * 1024 * 1024;

class Installer {
 public:
  using DoneFn = std::function<void(const std::string& error)>;  // "" when installed

  Installer(VersionStore& store, HttpFetcher& http) : store_(store), http_(http) {}
  ~Installer();  // stops a program it runs; no callback after
  Installer(const Installer&) = delete;
  Installer& operator=(const Installer&) = delete;

  // Installs release (version is its parsed tag) into versions/VERSION.
  void install(const ForgeRelease& release, const Version& version, const SelfUpdateConfig& config, DoneFn done);
  bool busy() const { return job_ != nullptr; }

  // Removes what an interrupted install left (.install-* directories).
  void remove_leftovers();

  struct Job;

 private:
  void fetch_signature(std::shared_ptr<Job> job);
  void download(std::shared_ptr<Job> job);
  void unpack(std::shared_ptr<Job> job);
  void check_binary(std::shared_ptr<Job> job);
  void finish(const std::shared_ptr<Job>& job, const std::string& error);

  VersionStore& store_;
  HttpFetcher& http_;
  std::shared_ptr<Job> job_;
};

// The unpacked tree of an archive: dir itself if it holds hoistd, else its
// only subdirectory if that does ("hoist-1.2.0/hoistd"); "" otherwise.
std::string unpacked_root(const std::string& dir);

// The version in `hoistd --version` output ("hoistd 1.2.0\n"); "" if none.
std::string reported_version(const std::string& output);

}  // namespace hoist
