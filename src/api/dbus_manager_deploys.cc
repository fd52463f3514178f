// org.hoist.Hoist1.Manager's app and deploy methods and signals.
#include <cerrno>
#include <cstring>

#include "api/dbus_apps.hh"
#include "api/dbus_manager.hh"
#include "api/dbus_reply.hh"
#include "common/errors.hh"
#include "common/json.hh"
#include "common/log.hh"
#include "core/json_object.hh"

namespace hoist {
namespace {

// The a{sv} options of Deploy and PlanDeploy: "force" b, "skip-migrations" b.
int read_options(sd_bus_message* m, DeployOptions& options, sd_bus_error* error) {
  int r = sd_bus_message_enter_container(m, 'a', "{sv}");
  if (r < 0) return r;
  while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
    const char* key = nullptr;
    if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
    bool* target = strcmp(key, "force") == 0             ? &options.force
                   : strcmp(key, "skip-migrations") == 0 ? &options.skip_migrations
                                                         : nullptr;
    if (!target)
      return sd_bus_error_setf(error, errors::kInvalidArgument,
                               "Unknown deploy option \"%s\" (known: force, skip-migrations).",
                               key);
    int value = 0;
    if ((r = sd_bus_message_read(m, "v", "b", &value)) < 0)
      return sd_bus_error_setf(error, errors::kInvalidArgument,
                               "Deploy option \"%s\" must be a boolean (b).", key);
    *target = value;
    if ((r = sd_bus_message_exit_container(m)) < 0) return r;
  }
  if (r < 0) return r;
  return sd_bus_message_exit_container(m);
}

// The (s app, s revision, a{sv} options) of Deploy and PlanDeploy.
struct DeployArgs {
  std::string app, revision;
  DeployOptions options;
};

int read_deploy_args(sd_bus_message* m, DeployArgs& args, sd_bus_error* error) {
  const char *app = nullptr, *revision = nullptr;
  int r = sd_bus_message_read(m, "ss", &app, &revision);
  if (r < 0) return r;
  args.app = app;
  args.revision = revision;
  return read_options(m, args.options, error);
}

std::string records_json(const std::vector<DeployRecord>& records) {
  return json_node_to_string(
      json_array_of(records, [](const DeployRecord& r) { return to_json(r); }).get());
}

}  // namespace

int ManagerObject::method_reload(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* self = static_cast<ManagerObject*>(userdata);
  MessageRef call(m);
  self->authorized(m, kDeployAction, {}, [self, call] {
    std::vector<std::string> problems = self->deploy_api_.reload();
    int r = reply_array(call.get(), "s", problems, [](sd_bus_message* reply, const std::string& p) {
      return sd_bus_message_append(reply, "s", p.c_str());
    });
    if (r < 0) log::warning(std::string("Failed to reply to Reload: ") + strerror(-r));
  });
  return 1;
}

int ManagerObject::method_list_apps(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* self = static_cast<ManagerObject*>(userdata);
  return reply_array(
      m, "(ssssso)", self->deploy_api_.deploys.list(), [](sd_bus_message* reply, const AppView& a) {
        return sd_bus_message_append(reply, "(ssssso)", a.name.c_str(), a.description.c_str(),
                                     a.state.c_str(), a.saved.current_release.c_str(),
                                     a.last_result().c_str(), app_object_path(a.name).c_str());
      });
}

int ManagerObject::method_deploy(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  DeployArgs args;
  if (int r = read_deploy_args(m, args, error); r < 0) return r;
  return self->authorized_deploy(
      m, args.app.c_str(), error, [self, args](const std::string& name, ApiError& e) {
        return self->deploy_api_.deploys.deploy(name, args.revision, args.options, e);
      });
}

int ManagerObject::method_plan_deploy(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  DeployArgs args;
  if (int r = read_deploy_args(m, args, error); r < 0) return r;
  ApiError refused;
  auto plan = self->deploy_api_.deploys.plan(args.app, args.revision, args.options, refused);
  if (!plan) return set_api_error(error, refused);
  return reply_array(m, "(ss)", *plan, [](sd_bus_message* reply, const PlanStep& step) {
    return sd_bus_message_append(reply, "(ss)", step.step.c_str(), step.description.c_str());
  });
}

int ManagerObject::method_get_deploy(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* id = nullptr;
  int r = sd_bus_message_read(m, "s", &id);
  if (r < 0) return r;
  ApiError e;
  auto record = self->deploy_api_.deploys.get_deploy(id, e);
  if (!record) return set_api_error(error, e);
  return sd_bus_reply_method_return(m, "s", json_node_to_string(to_json(*record).get()).c_str());
}

int ManagerObject::method_history(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* app = nullptr;
  uint32_t limit = 0;
  int r = sd_bus_message_read(m, "su", &app, &limit);
  if (r < 0) return r;
  ApiError e;
  auto records = self->deploy_api_.deploys.history(app, limit, e);
  if (!records) return set_api_error(error, e);
  return sd_bus_reply_method_return(m, "s", records_json(*records).c_str());
}

int ManagerObject::method_list_releases(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* app = nullptr;
  int r = sd_bus_message_read(m, "s", &app);
  if (r < 0) return r;
  ApiError e;
  auto releases = self->deploy_api_.deploys.releases(app, e);
  if (!releases) return set_api_error(error, e);
  return reply_array(m, "(sb)", *releases, [](sd_bus_message* reply, const Release& rel) {
    return sd_bus_message_append(reply, "(sb)", rel.name.c_str(), static_cast<int>(rel.current));
  });
}

int ManagerObject::method_rollback(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char *app = nullptr, *release = nullptr;
  int r = sd_bus_message_read(m, "ss", &app, &release);
  if (r < 0) return r;
  return self->authorized_deploy(
      m, app, error, [self, rel = std::string(release)](const std::string& name, ApiError& e) {
        return self->deploy_api_.deploys.rollback(name, rel, e);
      });
}

int ManagerObject::method_confirm(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* app = nullptr;
  int r = sd_bus_message_read(m, "s", &app);
  if (r < 0) return r;
  return self->authorized_deploy(m, app, error, [self](const std::string& name, ApiError& e) {
    return self->deploy_api_.deploys.confirm(name, e);
  });
}

int ManagerObject::method_list_pending(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* self = static_cast<ManagerObject*>(userdata);
  return reply_array(m, "(ssst)", self->deploy_api_.deploys.pending().entries(),
                     [](sd_bus_message* reply, const auto& item) {
                       const PendingDeploys::Entry& e = item.second;
                       return sd_bus_message_append(reply, "(ssst)", e.record.app.c_str(),
                                                    e.record.id.c_str(), e.record.revision.c_str(),
                                                    e.expires_usec);
                     });
}

int ManagerObject::authorized_deploy(
    sd_bus_message* m, const char* app, sd_bus_error* error,
    std::function<std::optional<DeployRecord>(const std::string&, ApiError&)> fn) {
  ApiError refused;
  if (!deploy_api_.deploys.config(app, refused)) return set_api_error(error, refused);
  MessageRef call(m);
  authorized(m, kDeployAction, {}, [call, name = std::string(app), fn] {
    ApiError e;
    auto record = fn(name, e);
    if (!record) return reply_api_error(call, e);
    sd_bus_reply_method_return(call.get(), "s", record->id.c_str());
  });
  return 1;
}

void ManagerObject::emit_deploy_started(const DeployRecord& r) {
  sd_bus_emit_signal(bus_, dbus::kObjectPath, dbus::kManagerInterface, "DeployStarted", "sss",
                     r.id.c_str(), r.app.c_str(),
                     (r.kind == DeployKind::Rollback ? r.release : r.revision).c_str());
}

void ManagerObject::emit_step_finished(const DeployRecord& r, const StepResult& step) {
  sd_bus_emit_signal(bus_, dbus::kObjectPath, dbus::kManagerInterface, "StepFinished", "ssss",
                     r.id.c_str(), r.app.c_str(), step.name.c_str(), step.result.c_str());
}

void ManagerObject::emit_deploy_finished(const DeployRecord& r) {
  sd_bus_emit_signal(bus_, dbus::kObjectPath, dbus::kManagerInterface, "DeployFinished", "sss",
                     r.id.c_str(), r.app.c_str(), std::string(deploy_state_name(r.state)).c_str());
}

}  // namespace hoist
