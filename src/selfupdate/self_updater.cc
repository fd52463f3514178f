#include "selfupdate/self_updater.hh"

#include "common/daemon_version.hh"
#include "common/json.hh"
#include "common/log.hh"
#include "common/str_cat.hh"
#include "core/json_file.hh"
#include "core/json_object.hh"
#include "core/utc_time.hh"

namespace hoist {
namespace {

constexpr size_t kMaxReleaseJson = 4 * 1024 * 1024;
constexpr uint64_t kSecond = 1000 * 1000;
constexpr uint64_t kFirstCheckMax = 60 * kSecond;
constexpr uint64_t kRetryMin = 60 * kSecond;
constexpr const char* kStateFile = "state.json";

std::string stamp(uint64_t usec) { return usec ? rfc3339_usec(usec) : ""; }

const char* mode_name(SelfUpdateConfig::Mode m) {
  return m == SelfUpdateConfig::Mode::Apply ? "apply" : "notify";
}

}  // namespace

SelfUpdater::SelfUpdater(const SelfUpdateConfig& config, std::string directory, Hooks hooks)
    : config_(config), own_text_(daemon_version()), hooks_(std::move(hooks)) {
  std::string error;
  own_ = parse_version(own_text_, error).value_or(Version{});
  if (directory.empty()) {
    store_error_ = "self-update is for the system's hoistd only (not hoistd --user)";
    return;
  }
  directory_ = std::move(directory);
  // Created when self-update is first used; what an earlier one left
  // (a trial, a fallback) is read whether or not it is enabled now.
  if (open_store(config_.enabled) || !config_.enabled) return;
  log::warning("Self-update: " + store_error_);
}

bool SelfUpdater::open_store(bool create) {
  if (store_) return true;
  if (directory_.empty()) return false;
  bool missing = false;
  store_ = VersionStore::open(directory_, create, store_error_, &missing);
  if (!store_) return false;
  installer_.emplace(*store_, http_);
  installer_->remove_leftovers();
  load_state();
  return true;
}

SelfUpdater::~SelfUpdater() {
  unschedule();
  if (grace_timer_) g_source_remove(grace_timer_);
}

void SelfUpdater::configure(const SelfUpdateConfig& config) {
  if (config == config_) return;
  config_ = config;
  if (config_.enabled && !open_store(true)) log::warning("Self-update: " + store_error_);
  unschedule();
  if (ready_) schedule_first();
  evaluate();
}

void SelfUpdater::ready() {
  ready_ = true;
  if (store_) {
    std::string error;
    if (auto fb = store_->fallback()) {
      const std::string to = fb->fell_back_to.empty() ? own_text_ : fb->fell_back_to;
      log::warning(str_cat({"Self-update to hoistd ", fb->version, " failed: ", fb->reason, "; running hoistd ", to}),
                   {{"HOIST_EVENT", "self-update-failed"}, {"HOIST_VERSION", fb->version}});
      NotifyEvent e;
      e.kind = NotifyKind::UpdateFailed;
      e.version = fb->version;
      e.error = fb->reason;
      e.revision = to;
      if (hooks_.notify) hooks_.notify(e);
      if (!store_->clear_fallback(error)) log::warning("Self-update: " + error);
    }
    auto trial = store_->trial();
    if (trial && trial->version == own_text_ && store_->current() == own_text_) {
      on_trial_ = true;
      log::info(str_cat({"hoistd ", own_text_, " is on trial: kept if it runs for ",
                         std::to_string(config_.grace_usec / kSecond), " s"}));
      grace_timer_ = g_timeout_add_full(
          G_PRIORITY_DEFAULT, static_cast<guint>(std::min<uint64_t>(config_.grace_usec / 1000, G_MAXUINT)),
          [](gpointer self) -> gboolean {
            auto* u = static_cast<SelfUpdater*>(self);
            u->grace_timer_ = 0;
            auto t = u->store_->trial();
            u->confirm(t ? t->from : "");
            return G_SOURCE_REMOVE;
          },
          this, nullptr);
    } else {
      prune();
    }
  }
  schedule_first();
  evaluate();
}

void SelfUpdater::stopping() {
  unschedule();
  if (!on_trial_ || !store_) return;
  auto trial = store_->trial();
  if (!trial || trial->version != own_text_) return;
  trial->tries_left = 1;  // stopped, not failed: its next start is not its last
  std::string error;
  if (!store_->write_trial(*trial, error)) log::warning("Self-update: " + error);
}

void SelfUpdater::confirm(const std::string& from) {
  on_trial_ = false;
  std::string error;
  if (!store_->clear_trial(error)) {
    log::warning("Self-update: cannot confirm hoistd " + own_text_ + ": " + error);
    return;
  }
  prune();
  log::notice(str_cat({"Self-update applied: hoistd ", own_text_, " runs", from.empty() ? "" : " (was " + from + ")"}),
              {{"HOIST_EVENT", "self-update-applied"}, {"HOIST_VERSION", own_text_}});
  NotifyEvent e;
  e.kind = NotifyKind::UpdateApplied;
  e.version = own_text_;
  e.revision = from;
  if (hooks_.notify) hooks_.notify(e);
}

void SelfUpdater::prune() {
  if (installer_) installer_->remove_leftovers();
  const std::string current = store_->current(), previous = store_->previous();
  for (const auto& name : store_->installed()) {
    if (name == current || name == previous || name == installing_) continue;
    std::string error;
    if (!store_->remove_version(name, error)) log::warning("Self-update: " + error);
  }
}

bool SelfUpdater::refuse(const ReplyFn& fn) {
  if (!config_.enabled) {
    fn("", {errors::kNotEnabled, "self-update is not enabled (hoist.conf: [SelfUpdate] Enabled=yes)"});
    return true;
  }
  if (!open_store(true)) {
    fn("", {errors::kFailed, "self-update cannot work: " + store_error_});
    return true;
  }
  return false;
}

void SelfUpdater::check(ReplyFn fn) {
  if (refuse(fn)) return;
  poll([this, fn](const std::string& error) {
    if (!error.empty()) return fn("", {errors::kFailed, "cannot check for a new release: " + error});
    fn(status_json(), {});
  });
}

void SelfUpdater::apply(ReplyFn fn) {
  if (refuse(fn)) return;
  if (!installing_.empty()) return fn(status_json(), {});
  if (on_trial_)
    return fn("", {errors::kBusy, str_cat({"hoistd ", own_text_, " is still on trial (", std::to_string(config_.grace_usec / kSecond),
                                          " s after its start); try again then"})});
  if (installer_->busy()) return fn("", {errors::kBusy, "a self-update is already being installed"});
  poll([this, fn](const std::string& error) {
    if (!error.empty()) return fn("", {errors::kFailed, "cannot check for a new release: " + error});
    if (!update_available() || !installing_.empty() || installer_->busy()) return fn(status_json(), {});
    install_latest(fn);
  });
}

void SelfUpdater::install_latest(ReplyFn fn) {
  if (!hooks_.check_restart) return install_checked(std::move(fn));
  hooks_.check_restart([this, fn](const std::string& problem) {
    if (problem.empty()) return install_checked(fn);
    const std::string version = latest_version();
    log::warning(str_cat({"Self-update to hoistd ", version, " refused: ", problem}),
                 {{"HOIST_EVENT", "self-update-refused"}, {"HOIST_VERSION", version}});
    if (fn) fn("", {errors::kFailed, str_cat({"self-update to ", version, ": ", problem})});
  });
}

void SelfUpdater::install_checked(ReplyFn fn) {
  if (!update_available() || !installing_.empty() || installer_->busy()) {
    if (fn) fn(status_json(), {});
    return;
  }
  const std::string version = latest_version_->to_string();
  log::info(str_cat({"Self-update: installing hoistd ", version, " from ", latest_->html_url}),
            {{"HOIST_EVENT", "self-update-installing"}, {"HOIST_VERSION", version}});
  installer_->install(*latest_, *latest_version_, config_, [this, fn, version](const std::string& error) {
    std::string why = error.empty() ? select(version) : error;
    if (!why.empty()) {
      log::warning(str_cat({"Self-update to hoistd ", version, " refused: ", why}),
                   {{"HOIST_EVENT", "self-update-refused"}, {"HOIST_VERSION", version}});
      if (fn) fn("", {errors::kFailed, str_cat({"self-update to ", version, ": ", why})});
      return;
    }
    installing_ = version;
    log::notice(str_cat({"Self-update: hoistd ", version, " installed and selected; restarting into it once idle"}),
                {{"HOIST_EVENT", "self-update-installed"}, {"HOIST_VERSION", version}});
    if (fn) fn(status_json(), {});
    if (hooks_.restart) hooks_.restart();
  });
}

// Selects version: trial first, then previous, then current (the switch).
std::string SelfUpdater::select(const std::string& version) {
  std::string error;
  const std::string previous = store_->current() == own_text_ && store_->has_binary(own_text_) ? own_text_ : "";
  if (!store_->write_trial({version, 1, own_text_, realtime_now_usec()}, error) ||
      !store_->set_previous(previous, error) || !store_->set_current(version, error)) {
    std::string ignored;
    (void)store_->clear_trial(ignored);
    return "cannot select it: " + error;
  }
  return "";
}

void SelfUpdater::poll(PollFn done) {
  waiters_.push_back(std::move(done));
  if (polling_) return;
  polling_ = true;
  const std::string url = config_.prerelease ? releases_api_url(config_) : latest_release_api_url(config_);
  http_.get_text(url, url == api_url_ ? etag_ : "", "application/vnd.github+json", kMaxReleaseJson,
                 [this, url](FetchResult r) { polled(url, std::move(r)); });
}

void SelfUpdater::polled(const std::string& url, FetchResult r) {
  polling_ = false;
  std::string error = r.error;
  if (error.empty()) {
    const bool cached = r.status == 304;
    const std::string body = cached ? release_json_ : r.body;
    std::string why;
    auto release = newest_release(body, config_.prerelease, why);
    auto version = release ? parse_version(release->tag, why) : std::nullopt;
    if (cached && url != api_url_) {
      error = str_cat({url, ": 304 Not Modified without a release to reuse"});
    } else if (!version) {
      error = str_cat({url, ": ", why});
    } else {
      latest_ = std::move(release);
      latest_version_ = version;
      release_json_ = body;
      if (!cached) etag_ = r.etag;
      api_url_ = url;
      checked_at_usec_ = realtime_now_usec();
    }
  }
  if (error != last_error_ && !error.empty()) log::warning("Self-update: cannot check for a new release: " + error);
  last_error_ = error;
  failures_ = error.empty() ? 0 : failures_ + 1;
  save_state();
  evaluate();
  std::vector<PollFn> waiters = std::move(waiters_);
  waiters_.clear();
  for (auto& w : waiters) w(error);
}

bool SelfUpdater::update_available() const {
  return latest_version_ && compare_versions(*latest_version_, own_) > 0 && store_ &&
         !store_->has_failed(latest_version_->to_string());
}

std::string SelfUpdater::latest_version() const { return latest_version_ ? latest_version_->to_string() : ""; }

void SelfUpdater::evaluate() {
  const bool available = update_available();
  const std::string latest = latest_version();
  if (available != published_available_ || latest != published_latest_) {
    published_available_ = available;
    published_latest_ = latest;
    if (hooks_.properties_changed) hooks_.properties_changed();
  }
  if (!available || !config_.enabled || config_.mode != SelfUpdateConfig::Mode::Notify ||
      notified_version_ == latest)
    return;
  notified_version_ = latest;
  save_state();
  log::notice(str_cat({"Self-update: hoistd ", latest, " is available (running ", own_text_, ")"}),
              {{"HOIST_EVENT", "self-update-available"}, {"HOIST_VERSION", latest}});
  NotifyEvent e;
  e.kind = NotifyKind::UpdateAvailable;
  e.version = latest;
  e.commit_url = latest_->html_url;
  e.revision = own_text_;
  if (hooks_.notify) hooks_.notify(e);
}

void SelfUpdater::schedule_first() {
  if (!config_.enabled || !store_ || !ready_) return;
  const uint64_t now = realtime_now_usec();
  if (checked_at_usec_ && checked_at_usec_ <= now && now - checked_at_usec_ < config_.interval_usec)
    return schedule(config_.interval_usec - (now - checked_at_usec_));
  const uint64_t most = std::min(kFirstCheckMax, config_.interval_usec);
  schedule(static_cast<uint64_t>(g_random_double_range(static_cast<double>(most) / 10, static_cast<double>(most))));
}

void SelfUpdater::schedule(uint64_t delay_usec) {
  unschedule();
  next_check_usec_ = realtime_now_usec() + delay_usec;
  timer_ = g_timeout_add_full(
      G_PRIORITY_DEFAULT, static_cast<guint>(std::min<uint64_t>(delay_usec / 1000, G_MAXUINT)),
      [](gpointer self) -> gboolean {
        auto* u = static_cast<SelfUpdater*>(self);
        u->timer_ = 0;
        u->next_check_usec_ = 0;
        u->on_timer();
        return G_SOURCE_REMOVE;
      },
      this, nullptr);
}

void SelfUpdater::unschedule() {
  if (timer_) g_source_remove(timer_);
  timer_ = 0;
  next_check_usec_ = 0;
}

void SelfUpdater::on_timer() {
  poll([this](const std::string& error) {
    if (!error.empty()) {
      const uint64_t backoff = kRetryMin << std::min(failures_ - 1, 10u);
      schedule(std::min(backoff, config_.interval_usec));
      return;
    }
    // IntervalSec= with 10% of random spread either way.
    const double interval = static_cast<double>(config_.interval_usec);
    schedule(static_cast<uint64_t>(g_random_double_range(interval * 0.9, interval * 1.1)));
    if (config_.mode == SelfUpdateConfig::Mode::Apply && update_available() && installing_.empty() &&
        !on_trial_ && !installer_->busy())
      install_latest(nullptr);
  });
}

std::string SelfUpdater::status_json() const {
  JsonObjectWriter w;
  w.boolean("enabled", config_.enabled);
  w.string("mode", mode_name(config_.mode));
  w.string("source", config_.source);
  w.string("running", own_text_);
  w.string("latest", latest_version());
  w.boolean("available", update_available());
  w.string("release_url", latest_ ? latest_->html_url : "");
  w.string("checked_at", stamp(checked_at_usec_));
  w.string("next_check_at", stamp(next_check_usec_));
  w.string("error", last_error_);
  w.string("previous", store_ ? store_->previous() : "");
  std::vector<FailedVersion> failed = store_ ? store_->failed() : std::vector<FailedVersion>{};
  w.node("failed", json_array_of(failed, [](const FailedVersion& f) {
           JsonObjectWriter o;
           o.string("version", f.version);
           o.string("at", stamp(f.at_usec));
           o.string("reason", f.reason);
           return o.node();
         }));
  w.string("installing", installing_);
  return json_node_to_string(w.node().get());
}

void SelfUpdater::load_state() {
  JsonFile f = read_json(store_->fd(), kStateFile);
  if (!f || !JSON_NODE_HOLDS_OBJECT(f.root.get())) return;
  JsonObjectReader r(json_node_get_object(f.root.get()));
  std::string ignored;
  auto release = newest_release(r.string("release"), config_.prerelease, ignored);
  auto version = release ? parse_version(release->tag, ignored) : std::nullopt;
  if (!version) return;
  api_url_ = r.string("url");
  etag_ = r.string("etag");
  release_json_ = r.string("release");
  latest_ = std::move(release);
  latest_version_ = version;
  checked_at_usec_ = r.usec("checked_at_usec");
  notified_version_ = r.string("notified_version");
}

void SelfUpdater::save_state() {
  if (!store_) return;
  JsonObjectWriter w;
  w.string("url", api_url_);
  w.string("etag", etag_);
  w.string("release", release_json_);
  w.usec("checked_at_usec", checked_at_usec_);
  w.string("notified_version", notified_version_);
  std::string error;
  if (!write_json_atomic(store_->fd(), kStateFile, w.node().get(), error, 0644))
    log::warning("Self-update: cannot save its state: " + error);
}

}  // namespace hoist
