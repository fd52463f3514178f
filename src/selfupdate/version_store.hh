// The versions of hoistd that self-update installed, under the state
// directory's self-update/ (e.g. /var/lib/hoist/self-update):
//
//   versions/VERSION/hoistd   an unpacked, verified release
//   current  -> versions/VERSION   what hoistd's entry point runs, when newer than itself
//   previous -> versions/VERSION   what it falls back to (absent: the packaged hoistd)
//   trial.json      a version installed but not confirmed yet (boot counting)
//   failed.json     versions that failed to start here: never tried again
//   fallback.json   the last fallback, until the daemon has told people
//   state.json      the release poller's (ETag, last release seen)
//
// Links and files are replaced atomically (rename), so a crash at any point
// leaves the old or the new selection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/raii.hh"

namespace hoist {

// $STATE_DIRECTORY/self-update (systemd's StateDirectory=), or
// /var/lib/hoist/self-update.
std::string self_update_directory();

// A version started on trial: it has tries_left more starts before it
// counts as failed, unless it confirms itself (stays up for GraceSec=).
struct TrialRecord {
  std::string version;
  int64_t tries_left = 1;
  std::string from;  // the version that installed it
  uint64_t at_usec = 0;
};

struct FailedVersion {
  std::string version;
  uint64_t at_usec = 0;
  std::string reason;
  std::string fell_back_to;  // the version selected instead ("" for the failed list)
};

class VersionStore {
 public:
  // Opens the directory (creating it and versions/ when create is set);
  // nullopt with error (and missing set when it does not exist).
  static std::optional<VersionStore> open(const std::string& path, bool create, std::string& error,
                                          bool* missing = nullptr);

  int fd() const { return dir_.get(); }
  const std::string& path() const { return path_; }

  // The version a link names ("" if absent or not versions/VALID).
  std::string current() const { return link("current"); }
  std::string previous() const { return link("previous"); }
  // Points current or previous at versions/VERSION; "" removes the link.
  [[nodiscard]] bool set_current(const std::string& version, std::string& error) {
    return set_link("current", version, error);
  }
  [[nodiscard]] bool set_previous(const std::string& version, std::string& error) {
    return set_link("previous", version, error);
  }

  // path/versions/VERSION/hoistd
  std::string binary(const std::string& version) const;
  // Whether that binary is a regular, executable file (not a symlink).
  bool has_binary(const std::string& version) const;

  std::optional<TrialRecord> trial() const;
  [[nodiscard]] bool write_trial(const TrialRecord& trial, std::string& error);
  [[nodiscard]] bool clear_trial(std::string& error) { return remove_file("trial.json", error); }

  std::vector<FailedVersion> failed() const;
  bool has_failed(const std::string& version) const;
  [[nodiscard]] bool add_failed(const FailedVersion& failure, std::string& error);

  std::optional<FailedVersion> fallback() const;
  [[nodiscard]] bool write_fallback(const FailedVersion& fallback, std::string& error);
  [[nodiscard]] bool clear_fallback(std::string& error) { return remove_file("fallback.json", error); }

  // The names under versions/.
  std::vector<std::string> installed() const;
  // Removes versions/NAME (not the current or previous one).
  [[nodiscard]] bool remove_version(const std::string& name, std::string& error);
  // The versions/ directory.
  Fd versions_dir() const;

 private:
  VersionStore(Fd dir, std::string path) : dir_(std::move(dir)), path_(std::move(path)) {}
  std::string link(const char* name) const;
  bool set_link(const char* name, const std::string& version, std::string& error);
  bool remove_file(const char* name, std::string& error);

  Fd dir_;
  std::string path_;
};

}  // namespace hoist
