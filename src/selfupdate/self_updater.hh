// hoistd's self-update ([SelfUpdate] in hoist.conf): polls the forge for
// the newest release (If-None-Match, backoff on errors, random spread),
// publishes what it found (D-Bus UpdateAvailable, LatestVersion), tells
// people in Mode=notify, and installs (Installer) and selects a newer
// release in Mode=apply or when asked (D-Bus SelfUpdate), after which hoistd
// exits 0 once idle and systemd starts the selected version through the
// entry point (boot_select.hh). A version started on trial confirms itself
// after GraceSec= of running; the entry point falls back when it does not.
#pragma once

#include <glib.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.hh"
#include "notify/notify_event.hh"
#include "selfupdate/http_fetch.hh"
#include "selfupdate/installer.hh"
#include "selfupdate/release.hh"
#include "selfupdate/selfupdate_config.hh"
#include "selfupdate/version.hh"
#include "selfupdate/version_store.hh"

namespace hoist {

class SelfUpdater {
 public:
  struct Hooks {
    std::function<void(const NotifyEvent&)> notify;
    std::function<void()> properties_changed;  // UpdateAvailable or LatestVersion
    std::function<void()> restart;             // a new version is selected: exit 0 once idle
    // Whether hoistd will be started again after it exits 0 (its unit's
    // Restart=always): calls back with "" or what stands in the way.
    std::function<void(std::function<void(const std::string& problem)>)> check_restart;
  };
  // The reply of check() and apply(): the status JSON (see status_json()),
  // or an error (error.name set).
  using ReplyFn = std::function<void(const std::string& status, const ApiError& error)>;

  // directory: where versions go (self_update_directory()); "" disables
  // self-update (hoistd --user).
  SelfUpdater(const SelfUpdateConfig& config, std::string directory, Hooks hooks);
  ~SelfUpdater();
  SelfUpdater(const SelfUpdater&) = delete;
  SelfUpdater& operator=(const SelfUpdater&) = delete;

  // A reloaded configuration.
  void configure(const SelfUpdateConfig& config);
  // hoistd sent READY=1: reports a fallback, starts a trial's grace period
  // and the polling.
  void ready();
  // hoistd stops cleanly: a version on trial keeps its start.
  void stopping();

  // Asks the forge now (D-Bus CheckForUpdate); never installs.
  void check(ReplyFn fn);
  // Checks and installs a newer release, then asks for the restart.
  void apply(ReplyFn fn);

  bool update_available() const;
  std::string latest_version() const;
  // {"enabled", "mode", "source", "running", "latest", "available",
  //  "release_url", "checked_at", "next_check_at", "error", "previous",
  //  "failed": [{"version", "at", "reason"}], "installing"}
  std::string status_json() const;

 private:
  using PollFn = std::function<void(const std::string& error)>;
  void poll(PollFn done);
  void polled(const std::string& url, FetchResult r);
  void evaluate();
  // Checks that hoistd will come back (Hooks::check_restart), then installs.
  void install_latest(ReplyFn fn);
  void install_checked(ReplyFn fn);
  std::string select(const std::string& version);
  void schedule(uint64_t delay_usec);
  void schedule_first();
  void unschedule();
  void on_timer();
  void confirm(const std::string& from);
  void prune();
  void load_state();
  void save_state();
  bool refuse(const ReplyFn& fn);
  bool open_store(bool create);

  SelfUpdateConfig config_;
  Version own_;
  std::string own_text_;
  Hooks hooks_;
  std::string directory_;
  std::optional<VersionStore> store_;
  std::string store_error_;
  HttpFetcher http_;
  std::optional<Installer> installer_;

  // The newest release found, and how it was fetched.
  std::string api_url_, etag_, release_json_;
  std::optional<ForgeRelease> latest_;
  std::optional<Version> latest_version_;
  uint64_t checked_at_usec_ = 0;
  std::string last_error_;
  std::string notified_version_;
  bool published_available_ = false;
  std::string published_latest_;

  bool polling_ = false;
  std::vector<PollFn> waiters_;
  unsigned failures_ = 0;
  guint timer_ = 0;
  uint64_t next_check_usec_ = 0;  // realtime, 0 if none
  guint grace_timer_ = 0;
  bool ready_ = false;
  bool on_trial_ = false;
  std::string installing_;  // installed and selected, restart pending
};

}  // namespace hoist
