// The deploys hoistd runs: one worker per app, so two deploys of an app never
// overlap while different apps deploy in parallel. Each worker runs one
// deploy (deploy_pipeline.hh) and keeps at most one waiting; a newer request
// replaces the waiting one, which ends "canceled". Every transition is saved
// in the state store before anyone is told, and at start recover() finishes
// what a hoistd that died left behind: its running deploys end
// "interrupted", and an app left unhealthy is rolled back to its last good
// release.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.hh"
#include "core/app_registry.hh"
#include "core/app_view.hh"
#include "core/deploy_pipeline.hh"
#include "core/deploy_plan.hh"
#include "core/in_flight.hh"
#include "core/pending_deploys.hh"
#include "core/releases.hh"
#include "core/state_store.hh"

namespace hoist {

// What webhook_deploy() did with a push.
struct PushDeploy {
  enum class How {
    Queued,   // a new deploy, queued (it may run already)
    Pending,  // a new deploy, waiting for confirmation
    Joined,   // the deploy of the same commit that was queued or running
    UpToDate  // the commit serves already: no deploy
  };
  How how = How::Queued;
  std::optional<DeployRecord> record;  // none when UpToDate
  std::string release;                 // UpToDate: the current release
};

class DeployManager {
 public:
  // Told after the state is saved; all optional.
  struct Listener {
    std::function<void(const DeployRecord&)> started;
    std::function<void(const DeployRecord&, const StepResult&)> step_finished;
    std::function<void(const DeployRecord&)> finished;  // canceled ones too
    std::function<void(const std::string& app)> app_changed;
    std::function<void(const DeployRecord&)> pending;  // waits for confirmation
  };

  DeployManager(StateStore store, const AppRegistry& apps, PipelineDeps deps, InFlight& in_flight);
  ~DeployManager();
  DeployManager(const DeployManager&) = delete;
  DeployManager& operator=(const DeployManager&) = delete;

  void set_listener(Listener listener) { listener_ = std::move(listener); }

  // Once, at start: deploys a previous hoistd left running end
  // "interrupted" (their step units are stopped), waiting ones "canceled";
  // each app with an interrupted deploy is checked and, if unhealthy,
  // rolled back to its last good release.
  void recover();

  // Queues a deploy (or a rollback to release, "" for the newest kept one
  // older than the current) and returns its record at once; nullopt and
  // error (NoSuchApp, InvalidArgument, NoSuchRelease, Failed) if refused.
  std::optional<DeployRecord> deploy(const std::string& app, const std::string& revision,
                                     const DeployOptions& options, ApiError& error);
  std::optional<DeployRecord> rollback(const std::string& app, const std::string& release,
                                       ApiError& error);
  // A deploy asked for by a webhook (trigger says which) of the pushed
  // commit: queued like deploy(), or, for an app with [Webhook]
  // RequireConfirmation=yes, left pending (replacing the app's pending one)
  // until confirm() or until it expires ([Webhook] ConfirmTimeoutSec=), when
  // it ends "canceled". A push of the commit a queued deploy is for, or the
  // running one with none queued, joins that deploy; a push of the commit
  // that serves, with nothing running, queued or pending, is up to date.
  // nullopt and error as deploy() if refused.
  std::optional<PushDeploy> webhook_deploy(const std::string& app, const std::string& revision,
                                           const std::string& trigger, ApiError& error);
  // Whether webhook_deploy() of revision would make a new deploy (not join
  // one, nor find the commit serving).
  bool push_needs_deploy(const std::string& app, const std::string& revision) const;
  // Queues the app's pending deploy (NoSuchDeploy if none waits).
  std::optional<DeployRecord> confirm(const std::string& app, ApiError& error);
  const PendingDeploys& pending() const noexcept { return pending_; }

  // What deploy() would do (deploy_plan.hh), with the same checks.
  std::optional<std::vector<PlanStep>> plan(const std::string& app, const std::string& revision,
                                            const DeployOptions& options, ApiError& error) const;

  std::optional<DeployRecord> get_deploy(const std::string& id, ApiError& error) const;
  std::optional<std::vector<DeployRecord>> history(const std::string& app, size_t limit,
                                                   ApiError& error) const;
  std::optional<std::vector<Release>> releases(const std::string& app, ApiError& error) const;

  // Every configured app, by name; one app (NoSuchApp if not configured).
  std::vector<AppView> list() const;
  std::optional<AppView> app(const std::string& name, ApiError& error) const;
  // The configuration of a configured app (NoSuchApp otherwise).
  const AppConfig* config(const std::string& name, ApiError& error) const;

  // How many deploys run now.
  size_t running() const;
  // Whether a deploy of app runs or waits in the queue.
  bool busy(const std::string& app) const;

  // Calls fn once the deploy id (queued or running) has ended, after the
  // listener's finished.
  void when_finished(const std::string& id, std::function<void(const DeployRecord&)> fn);

 private:
  struct Worker {
    std::shared_ptr<DeployPipeline> pipeline;
    DeployRecord running;
    std::optional<DeployRecord> queued;
    size_t steps_told = 0;
    InFlight::Token token;
  };

  // The app's configuration if it can be deployed at revision.
  const AppConfig* deployable(const std::string& app, const std::string& revision,
                              ApiError& error) const;
  // The deploy a push of revision joins, or UpToDate; nullopt if it needs
  // a new one.
  std::optional<PushDeploy> existing_for_push(const AppConfig& config, const std::string& revision) const;
  std::optional<DeployRecord> enqueue(DeployRecord record, ApiError& error);
  // enqueue() of a record that already has its id (a confirmed pending one).
  std::optional<DeployRecord> enqueue_existing(DeployRecord record, ApiError& error);
  void start_next(const std::string& app);
  void on_progress(const DeployRecord& record);
  void on_done(const DeployRecord& record);
  // Sets state's current release from the app's directory, and its commit:
  // done's if done is the succeeded deploy that made it, else (when the
  // release changed) that of the deploy in the history that built it, or "".
  void read_current(AppState& state, const AppConfig* config, const DeployRecord* done);
  // Ends a record that never ran or was cut off, saved and told.
  void end_unrun(DeployRecord record, DeployState state, const std::string& why);
  void recover_app(const std::string& app);
  void save(const DeployRecord& record);
  // store_.save_deploy(), then the index saved a second later if it changed.
  [[nodiscard]] bool store_deploy(const DeployRecord& record, std::string& error);
  static gboolean on_index_timer(gpointer self);
  // The listener's finished, then the when_finished() waiters of the record.
  void tell_finished(const DeployRecord& record);
  AppState load_state(const std::string& app) const;
  void save_state(const AppState& state);
  void emit(EventKind kind, const DeployRecord& record, const std::string& detail);
  // Ends the pending deploys that expired and sets the timer for the next.
  void expire_pending();
  static gboolean on_expiry(gpointer self);
  AppView view(const AppConfig& config) const;

  StateStore store_;
  const AppRegistry& apps_;
  PipelineDeps deps_;
  InFlight& in_flight_;
  Listener listener_;
  std::map<std::string, Worker> workers_;
  PendingDeploys pending_;
  std::multimap<std::string, std::function<void(const DeployRecord&)>> finish_waiters_;
  guint expiry_timer_ = 0;
  guint index_timer_ = 0;
};

}  // namespace hoist
