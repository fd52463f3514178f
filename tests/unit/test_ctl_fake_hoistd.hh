// For hoistctl's tests: a private dbus-daemon, and a fake hoistd on it that
// serves the app and deploy methods of org.hoist.Hoist1.Manager (Confirm and
// ListPending too) and one App object with canned answers, in a thread of
// its own, remembering what it was asked and sending the deploy signals a
// script says.
#pragma once

#include <glib.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <systemd/sd-bus.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/errors.hh"
#include "common/sd_ptr.hh"

namespace hoist::test {

// dbus-daemon with a minimal configuration (no activation), for as long as
// the object lives; DBUS_SESSION_BUS_ADDRESS points at it, so that
// Client::connect(user = true, ...) reaches it.
class PrivateBus {
 public:
  PrivateBus() {
    char* dir = g_dir_make_tmp("hoistctl-bus-XXXXXX", nullptr);
    if (!dir) return;
    dir_ = dir;
    g_free(dir);
    config_ = dir_ + "/bus.conf";
    std::string text = "<busconfig><type>session</type><listen>unix:dir=" + dir_ +
                       "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
                       "<allow send_destination=\"*\" eavesdrop=\"true\"/>"
                       "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>";
    if (!g_file_set_contents(config_.c_str(), text.c_str(), -1, nullptr)) return;
    std::string config_option = "--config-file=" + config_;
    const char* argv[] = {"dbus-daemon", config_option.c_str(), "--nofork", "--print-address",
                          nullptr};
    int out = -1;
    if (!g_spawn_async_with_pipes(
            nullptr, const_cast<char**>(argv), nullptr,
            static_cast<GSpawnFlags>(G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                     G_SPAWN_STDERR_TO_DEV_NULL),
            nullptr, nullptr, &pid_, nullptr, &out, nullptr, nullptr))
      return;
    char buf[512];
    ssize_t n = 0;
    while (address_.find('\n') == std::string::npos && (n = read(out, buf, sizeof buf)) > 0)
      address_.append(buf, static_cast<size_t>(n));
    close(out);
    if (auto nl = address_.find('\n'); nl != std::string::npos) address_.resize(nl);
    setenv("DBUS_SESSION_BUS_ADDRESS", address_.c_str(), 1);
  }
  PrivateBus(const PrivateBus&) = delete;
  PrivateBus& operator=(const PrivateBus&) = delete;
  ~PrivateBus() {
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (!config_.empty()) unlink(config_.c_str());
    if (!dir_.empty()) rmdir(dir_.c_str());
  }

  // Empty if dbus-daemon could not be started.
  const std::string& address() const { return address_; }

 private:
  std::string dir_;
  std::string config_;
  GPid pid_ = 0;
  std::string address_;
};

// Reads an a{sv} of booleans (a method's options), appending
// ",key=true" or ",key=false" for each to out.
inline int read_boolean_options(sd_bus_message* m, std::string& out) {
  int r = sd_bus_message_enter_container(m, 'a', "{sv}");
  if (r < 0) return r;
  while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
    const char* key = nullptr;
    int value = 0;
    if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
    if ((r = sd_bus_message_read(m, "v", "b", &value)) < 0) return r;
    out += std::string(",") + key + "=" + (value ? "true" : "false");
    if ((r = sd_bus_message_exit_container(m)) < 0) return r;
  }
  return r < 0 ? r : sd_bus_message_exit_container(m);
}

class FakeHoistd {
 public:
  // What Deploy, Rollback and Confirm send after their reply.
  struct Signal {
    std::string member;  // "StepFinished" or "DeployFinished"
    std::string deploy_id;
    std::string last;  // the step's result, or the deploy's final state
  };

  // One entry of ListPending's answer.
  struct Pending {
    std::string app;
    std::string deploy_id;
    std::string revision;
    uint64_t expires_usec = 0;
  };

  // The App object's PendingDeploy.
  static constexpr const char* kPendingDeploy = "20261122T090000Z-9f8e7d";

  // The script: set before start().
  std::string deploy_id = "20261121T224435Z-1a2b3c";
  std::vector<Pending> pending;  // ListPending answers these
  std::vector<std::string> records;  // GetDeploy answers these in turn, then the last again
  std::vector<Signal> signals;
  bool release_name_after_first_get = false;  // hoistd "exits" while a deploy runs

  explicit FakeHoistd(const std::string& address) {
    sd_bus* raw = nullptr;
    if (sd_bus_new(&raw) < 0) return;
    bus_.reset(raw);
    sd_bus_slot* manager = nullptr;
    sd_bus_slot* app = nullptr;
    if (sd_bus_set_address(raw, address.c_str()) < 0 || sd_bus_set_bus_client(raw, 1) < 0 ||
        sd_bus_start(raw) < 0 ||
        sd_bus_add_object_vtable(raw, &manager, dbus::kObjectPath, dbus::kManagerInterface,
                                 kManagerVtable, this) < 0 ||
        sd_bus_add_object_vtable(raw, &app, "/org/hoist/Hoist1/app/hello", dbus::kAppInterface,
                                 kAppVtable, this) < 0 ||
        sd_bus_request_name(raw, dbus::kBusName, 0) < 0)
      return;
    manager_slot_.reset(manager);
    app_slot_.reset(app);
    ok_ = true;
  }
  FakeHoistd(const FakeHoistd&) = delete;
  FakeHoistd& operator=(const FakeHoistd&) = delete;
  ~FakeHoistd() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  bool ok() const { return ok_; }

  // Its connection, for serving more on it (test_ctl_fake_rollouts.hh)
  // before start().
  sd_bus* bus() const { return bus_.get(); }

  // Starts answering, once the script is set.
  void start() {
    thread_ = std::thread([this] { serve(); });
  }

  // What it was asked, as "Method arg,arg" lines (options as key=value).
  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

 private:
  void serve() {
    while (!stop_) {
      int r = sd_bus_process(bus_.get(), nullptr);
      if (r < 0) return;
      if (r == 0) sd_bus_wait(bus_.get(), 50 * 1000);
    }
  }

  void note(const std::string& call) {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(call);
  }

  static FakeHoistd* self(void* userdata) { return static_cast<FakeHoistd*>(userdata); }

  static int no_such_app(sd_bus_error* error) {
    return sd_bus_error_set(error, errors::kNoSuchApp, "There is no app \"nope\".");
  }

  static int reload(sd_bus_message* m, void* userdata, sd_bus_error*) {
    self(userdata)->note("Reload");
    return sd_bus_reply_method_return(m, "as", 1,
                                      "/etc/hoist/apps/a.app:3: Branch: must not be empty");
  }

  static int list_apps(sd_bus_message* m, void* userdata, sd_bus_error*) {
    self(userdata)->note("ListApps");
    return sd_bus_reply_method_return(m, "a(ssssso)", 2, "hello", "Hello example", "idle", "r2",
                                      "succeeded", "/org/hoist/Hoist1/app/hello", "my-app", "",
                                      "deploying", "", "", "/org/hoist/Hoist1/app/my_2dapp");
  }

  static int list_releases(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    const char* app = nullptr;
    int r = sd_bus_message_read(m, "s", &app);
    if (r < 0) return r;
    self(userdata)->note(std::string("ListReleases ") + app);
    if (std::string(app) != "hello") return no_such_app(error);
    return sd_bus_reply_method_return(m, "a(sb)", 2, "r1", 0, "r2", 1);
  }

  static int history(sd_bus_message* m, void* userdata, sd_bus_error*) {
    const char* app = nullptr;
    uint32_t limit = 0;
    int r = sd_bus_message_read(m, "su", &app, &limit);
    if (r < 0) return r;
    auto* s = self(userdata);
    s->note(std::string("History ") + app + "," + std::to_string(limit));
    std::string array = "[";
    for (const auto& rec : s->records) array += (array.size() > 1 ? "," : "") + rec;
    return sd_bus_reply_method_return(m, "s", (array + "]").c_str());
  }

  static int get_deploy(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    const char* id = nullptr;
    int r = sd_bus_message_read(m, "s", &id);
    if (r < 0) return r;
    auto* s = self(userdata);
    s->note(std::string("GetDeploy ") + id);
    if (s->deploy_id != id || s->records.empty())
      return sd_bus_error_set(error, errors::kNoSuchDeploy, "There is no such deploy.");
    size_t i = std::min(s->gets_++, s->records.size() - 1);
    r = sd_bus_reply_method_return(m, "s", s->records[i].c_str());
    if (r >= 0 && s->release_name_after_first_get && s->gets_ == 1)
      r = sd_bus_release_name_async(sd_bus_message_get_bus(m), nullptr, dbus::kBusName, nullptr,
                                    nullptr);
    return r < 0 ? r : 1;
  }

  // Deploy's and PlanDeploy's arguments as "app,revision,key=value...".
  static int read_request(sd_bus_message* m, std::string& out) {
    const char *app = nullptr, *revision = nullptr;
    int r = sd_bus_message_read(m, "ss", &app, &revision);
    if (r < 0) return r;
    out = std::string(app) + "," + revision;
    return read_boolean_options(m, out);
  }

  // Replies with the deploy id, then sends the scripted signals.
  int queue_deploy(sd_bus_message* m) {
    int r = sd_bus_reply_method_return(m, "s", deploy_id.c_str());
    sd_bus* bus = sd_bus_message_get_bus(m);
    for (size_t i = 0; r >= 0 && i < signals.size(); i++) {
      const Signal& s = signals[i];
      r = s.member == "StepFinished"
              ? sd_bus_emit_signal(bus, dbus::kObjectPath, dbus::kManagerInterface, "StepFinished",
                                   "ssss", s.deploy_id.c_str(), "hello", "fetch", s.last.c_str())
              : sd_bus_emit_signal(bus, dbus::kObjectPath, dbus::kManagerInterface,
                                   "DeployFinished", "sss", s.deploy_id.c_str(), "hello",
                                   s.last.c_str());
    }
    return r < 0 ? r : 1;
  }

  static int deploy(sd_bus_message* m, void* userdata, sd_bus_error*) {
    std::string request;
    int r = read_request(m, request);
    if (r < 0) return r;
    self(userdata)->note("Deploy " + request);
    return self(userdata)->queue_deploy(m);
  }

  static int rollback(sd_bus_message* m, void* userdata, sd_bus_error*) {
    const char *app = nullptr, *release = nullptr;
    int r = sd_bus_message_read(m, "ss", &app, &release);
    if (r < 0) return r;
    self(userdata)->note(std::string("Rollback ") + app + "," + release);
    return self(userdata)->queue_deploy(m);
  }

  // Confirm: "hello" has a deploy waiting, "quiet" none, "locked" is
  // refused by polkit, any other app does not exist.
  static int confirm(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    const char* app = nullptr;
    int r = sd_bus_message_read(m, "s", &app);
    if (r < 0) return r;
    self(userdata)->note(std::string("Confirm ") + app);
    std::string name = app;
    if (name == "quiet")
      return sd_bus_error_set(error, errors::kNoSuchDeploy,
                              "No deploy of quiet waits for confirmation");
    if (name == "locked")
      return sd_bus_error_set(error, errors::kNotAuthorized, "Not authorized to deploy locked.");
    if (name != "hello") return no_such_app(error);
    return self(userdata)->queue_deploy(m);
  }

  static int list_pending(sd_bus_message* m, void* userdata, sd_bus_error*) {
    auto* s = self(userdata);
    s->note("ListPending");
    sd_bus_message* raw = nullptr;
    int r = sd_bus_message_new_method_return(m, &raw);
    if (r < 0) return r;
    BusMessagePtr reply(raw);
    r = sd_bus_message_open_container(raw, 'a', "(ssst)");
    for (size_t i = 0; r >= 0 && i < s->pending.size(); i++) {
      const Pending& p = s->pending[i];
      r = sd_bus_message_append(raw, "(ssst)", p.app.c_str(), p.deploy_id.c_str(),
                                p.revision.c_str(), p.expires_usec);
    }
    if (r >= 0) r = sd_bus_message_close_container(raw);
    if (r >= 0) r = sd_bus_send(nullptr, raw, nullptr);
    return r < 0 ? r : 1;
  }

  static int plan_deploy(sd_bus_message* m, void* userdata, sd_bus_error*) {
    std::string request;
    int r = read_request(m, request);
    if (r < 0) return r;
    self(userdata)->note("PlanDeploy " + request);
    return sd_bus_reply_method_return(m, "a(ss)", 2, "fetch", "git clone -- /srv/git/hello.git",
                                      "build-1", "make");
  }

  static int app_property(sd_bus*, const char*, const char*, const char* property,
                          sd_bus_message* reply, void*, sd_bus_error*) {
    static const std::map<std::string, const char*> values = {
        {"Name", "hello"},        {"Description", "Hello example"},
        {"State", "idle"},        {"CurrentRelease", "r2"},
        {"CurrentCommit", "c2"},  {"LastDeploy", "d2"},     {"LastResult", "rolled-back"},
        {"FailedStep", "health"}, {"QueuedDeploy", ""},
        {"PendingDeploy", kPendingDeploy}};
    if (std::string(property) == "Generation") return sd_bus_message_append(reply, "u", 7u);
    return sd_bus_message_append(reply, "s", values.at(property));
  }

  static constexpr sd_bus_vtable kManagerVtable[] = {
      SD_BUS_VTABLE_START(0),
      SD_BUS_METHOD("Reload", "", "as", reload, 0),
      SD_BUS_METHOD("ListApps", "", "a(ssssso)", list_apps, 0),
      SD_BUS_METHOD("ListReleases", "s", "a(sb)", list_releases, 0),
      SD_BUS_METHOD("History", "su", "s", history, 0),
      SD_BUS_METHOD("GetDeploy", "s", "s", get_deploy, 0),
      SD_BUS_METHOD("Deploy", "ssa{sv}", "s", deploy, 0),
      SD_BUS_METHOD("PlanDeploy", "ssa{sv}", "a(ss)", plan_deploy, 0),
      SD_BUS_METHOD("Rollback", "ss", "s", rollback, 0),
      SD_BUS_METHOD("Confirm", "s", "s", confirm, 0),
      SD_BUS_METHOD("ListPending", "", "a(ssst)", list_pending, 0),
      SD_BUS_SIGNAL("StepFinished", "ssss", 0),
      SD_BUS_SIGNAL("DeployFinished", "sss", 0),
      SD_BUS_VTABLE_END};

  static constexpr sd_bus_vtable kAppVtable[] = {
      SD_BUS_VTABLE_START(0),
      SD_BUS_PROPERTY("Name", "s", app_property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
      SD_BUS_PROPERTY("Description", "s", app_property, 0, 0),
      SD_BUS_PROPERTY("State", "s", app_property, 0, 0),
      SD_BUS_PROPERTY("Generation", "u", app_property, 0, 0),  // unknown to hoistctl
      SD_BUS_PROPERTY("CurrentRelease", "s", app_property, 0, 0),
      SD_BUS_PROPERTY("CurrentCommit", "s", app_property, 0, 0),
      SD_BUS_PROPERTY("LastDeploy", "s", app_property, 0, 0),
      SD_BUS_PROPERTY("LastResult", "s", app_property, 0, 0),
      SD_BUS_PROPERTY("FailedStep", "s", app_property, 0, 0),
      SD_BUS_PROPERTY("QueuedDeploy", "s", app_property, 0, 0),
      SD_BUS_PROPERTY("PendingDeploy", "s", app_property, 0, 0),
      SD_BUS_VTABLE_END};

  BusPtr bus_;
  BusSlotPtr manager_slot_;
  BusSlotPtr app_slot_;
  std::thread thread_;
  std::atomic<bool> stop_ = false;
  bool ok_ = false;
  size_t gets_ = 0;
  std::mutex mutex_;
  std::vector<std::string> calls_;
};

}  // namespace hoist::test
