// org.hoist.Hoist1.Manager's rollout methods and signals.
#include <cstring>
#include <string>
#include <vector>

#include "api/dbus_manager.hh"
#include "api/dbus_reply.hh"
#include "common/errors.hh"
#include "common/json.hh"
#include "common/log.hh"

namespace hoist {
namespace {

int bad_option(sd_bus_error* error, const char* key, const char* type) {
  return sd_bus_error_setf(error, errors::kInvalidArgument, "Rollout option \"%s\" must be %s.",
                           key, type);
}

// The a{sv} options of Rollout and PlanRollout.
int read_rollout_options(sd_bus_message* m, RolloutOptions& options, sd_bus_error* error) {
  int r = sd_bus_message_enter_container(m, 'a', "{sv}");
  if (r < 0) return r;
  while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
    const char* key = nullptr;
    if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
    if (strcmp(key, "max-parallel") == 0) {
      uint32_t n = 0;
      if (sd_bus_message_read(m, "v", "u", &n) < 0) return bad_option(error, key, "an unsigned integer (u)");
      options.max_parallel = n;
    } else {
      bool* target = strcmp(key, "all") == 0               ? &options.all
                     : strcmp(key, "deploy") == 0          ? &options.deploy
                     : strcmp(key, "force") == 0           ? &options.force
                     : strcmp(key, "skip-migrations") == 0 ? &options.skip_migrations
                                                           : nullptr;
      if (!target)
        return sd_bus_error_setf(
            error, errors::kInvalidArgument,
            "Unknown rollout option \"%s\" (known: all, deploy, max-parallel, force, skip-migrations).",
            key);
      int value = 0;
      if (sd_bus_message_read(m, "v", "b", &value) < 0) return bad_option(error, key, "a boolean (b)");
      *target = value;
    }
    if ((r = sd_bus_message_exit_container(m)) < 0) return r;
  }
  if (r < 0) return r;
  return sd_bus_message_exit_container(m);
}

struct RolloutArgs {
  std::vector<std::string> apps;
  RolloutOptions options;
};

int read_rollout_args(sd_bus_message* m, RolloutArgs& args, sd_bus_error* error) {
  char** apps = nullptr;
  int r = sd_bus_message_read_strv(m, &apps);
  if (r < 0) return r;
  for (char** a = apps; a && *a; a++) {
    args.apps.emplace_back(*a);
    free(*a);
  }
  free(apps);
  return read_rollout_options(m, args.options, error);
}

}  // namespace

int ManagerObject::method_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  RolloutArgs args;
  if (int r = read_rollout_args(m, args, error); r < 0) return r;
  MessageRef call(m);
  self->authorized(m, kDeployAction, {}, [self, call, args] {
    self->deploy_api_.rollouts.start(
        args.apps, args.options, [call](std::optional<RolloutRecord> record, const ApiError& e) {
          if (!record) return reply_api_error(call, e);
          sd_bus_reply_method_return(call.get(), "s", record->id.c_str());
        });
  });
  return 1;
}

int ManagerObject::method_plan_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  RolloutArgs args;
  if (int r = read_rollout_args(m, args, error); r < 0) return r;
  MessageRef call(m);
  self->deploy_api_.rollouts.plan(
      args.apps, args.options, [call](std::optional<std::string> plan, const ApiError& e) {
        if (!plan) return reply_api_error(call, e);
        sd_bus_reply_method_return(call.get(), "s", plan->c_str());
      });
  return 1;
}

int ManagerObject::method_get_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* id = nullptr;
  int r = sd_bus_message_read(m, "s", &id);
  if (r < 0) return r;
  ApiError e;
  auto record = self->deploy_api_.rollouts.get(id, e);
  if (!record) return set_api_error(error, e);
  return sd_bus_reply_method_return(m, "s", json_node_to_string(to_json(*record).get()).c_str());
}

int ManagerObject::method_cancel_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* id = nullptr;
  int r = sd_bus_message_read(m, "s", &id);
  if (r < 0) return r;
  ApiError e;
  if (!self->deploy_api_.rollouts.running() || !self->deploy_api_.rollouts.get(id, e))
    return set_api_error(error, {errors::kNoSuchRollout, "No rollout \"" + std::string(id) + "\" is running"});
  MessageRef call(m);
  self->authorized(m, kDeployAction, {}, [self, call, rollout = std::string(id)] {
    ApiError refused;
    if (!self->deploy_api_.rollouts.cancel(rollout, refused)) return reply_api_error(call, refused);
    sd_bus_reply_method_return(call.get(), "");
  });
  return 1;
}

void ManagerObject::emit_rollout_started(const RolloutRecord& r) {
  BusMessagePtr m;
  sd_bus_message* raw = nullptr;
  int e = sd_bus_message_new_signal(bus_, &raw, dbus::kObjectPath, dbus::kManagerInterface,
                                    "RolloutStarted");
  m.reset(raw);
  if (e >= 0) e = sd_bus_message_append(m.get(), "s", r.id.c_str());
  if (e >= 0) e = sd_bus_message_open_container(m.get(), 'a', "s");
  for (size_t i = 0; e >= 0 && i < r.apps.size(); i++)
    e = sd_bus_message_append(m.get(), "s", r.apps[i].app.c_str());
  if (e >= 0) e = sd_bus_message_close_container(m.get());
  if (e >= 0) e = sd_bus_send(bus_, m.get(), nullptr);
  if (e < 0) log::warning(std::string("Cannot send RolloutStarted: ") + strerror(-e));
}

void ManagerObject::emit_rollout_app_changed(const RolloutRecord& r, const RolloutAppRecord& a) {
  sd_bus_emit_signal(bus_, dbus::kObjectPath, dbus::kManagerInterface, "RolloutAppChanged", "ssss",
                     r.id.c_str(), a.app.c_str(), std::string(rollout_app_state_name(a.state)).c_str(),
                     a.step.c_str());
}

void ManagerObject::emit_rollout_finished(const RolloutRecord& r) {
  sd_bus_emit_signal(bus_, dbus::kObjectPath, dbus::kManagerInterface, "RolloutFinished", "sss",
                     r.id.c_str(), std::string(rollout_state_name(r.state)).c_str(), r.error.c_str());
}

}  // namespace hoist
