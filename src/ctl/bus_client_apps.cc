// Client's calls of the app and deploy methods of org.hoist.Hoist1.Manager
// and of the org.hoist.Hoist1.App objects.
#include <cstdlib>
#include <cstring>

#include "common/errors.hh"
#include "ctl/bus_client.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

struct AppProperty {
  const char* name;
  std::string AppInfo::*field;
};

constexpr AppProperty kAppProperties[] = {
    {"Name", &AppInfo::name},
    {"Description", &AppInfo::description},
    {"State", &AppInfo::state},
    {"CurrentRelease", &AppInfo::current_release},
    {"CurrentCommit", &AppInfo::current_commit},
    {"LastDeploy", &AppInfo::last_deploy},
    {"LastResult", &AppInfo::last_result},
    {"FailedStep", &AppInfo::failed_step},
    {"QueuedDeploy", &AppInfo::queued_deploy},
    {"PendingDeploy", &AppInfo::pending_deploy},
};

std::string* app_field(AppInfo& app, const char* property) {
  for (const auto& p : kAppProperties)
    if (strcmp(p.name, property) == 0) return &(app.*p.field);
  return nullptr;
}

// GetAll's a{sv}: the string properties hoistctl knows; others are skipped.
void read_app_properties(sd_bus_message* m, AppInfo& app) {
  check_reply(sd_bus_message_enter_container(m, 'a', "{sv}"));
  int r;
  while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
    const char* name = nullptr;
    const char* contents = nullptr;
    check_reply(sd_bus_message_read(m, "s", &name));
    std::string* field = app_field(app, name);
    check_reply(sd_bus_message_peek_type(m, nullptr, &contents));
    if (field && contents && strcmp(contents, "s") == 0) {
      const char* value = nullptr;
      check_reply(sd_bus_message_read(m, "v", "s", &value));
      *field = value;
    } else {
      check_reply(sd_bus_message_skip(m, "v"));
    }
    check_reply(sd_bus_message_exit_container(m));
  }
  check_reply(r);
  check_reply(sd_bus_message_exit_container(m));
}

// The arguments Deploy and PlanDeploy share: app, revision, options a{sv}
// with only the options that are set.
void append_deploy_request(sd_bus_message* m, const DeployRequest& request) {
  int r = sd_bus_message_append(m, "ss", request.app.c_str(), request.revision.c_str());
  if (r >= 0) r = sd_bus_message_open_container(m, 'a', "{sv}");
  if (r >= 0 && request.force) r = sd_bus_message_append(m, "{sv}", "force", "b", 1);
  if (r >= 0 && request.skip_migrations)
    r = sd_bus_message_append(m, "{sv}", "skip-migrations", "b", 1);
  if (r >= 0) r = sd_bus_message_close_container(m);
  check_message(r);
}

// An object path hoistd does not serve: the app does not exist.
bool is_unknown_object(const std::string& error_name) {
  return error_name == "org.freedesktop.DBus.Error.UnknownObject" ||
         error_name == "org.freedesktop.DBus.Error.UnknownInterface" ||
         error_name == "org.freedesktop.DBus.Error.UnknownMethod";
}

}  // namespace

std::vector<std::string> Client::reload_config() {
  auto m = new_method_call("Reload");
  auto reply = call(m.get(), kInfiniteTimeout);
  std::vector<std::string> problems;
  check_reply(sd_bus_message_enter_container(reply.get(), 'a', "s"));
  const char* s = nullptr;
  int r;
  while ((r = sd_bus_message_read(reply.get(), "s", &s)) > 0) problems.emplace_back(s);
  check_reply(r);
  check_reply(sd_bus_message_exit_container(reply.get()));
  return problems;
}

std::vector<AppInfo> Client::list_apps() {
  auto m = new_method_call("ListApps");
  auto reply = call(m.get());
  std::vector<AppInfo> apps;
  check_reply(sd_bus_message_enter_container(reply.get(), 'a', "(ssssso)"));
  const char *name, *description, *state, *current, *last_result, *path;
  int r;
  while ((r = sd_bus_message_read(reply.get(), "(ssssso)", &name, &description, &state, &current,
                                  &last_result, &path)) > 0) {
    AppInfo a;
    a.name = name;
    a.description = description;
    a.state = state;
    a.current_release = current;
    a.last_result = last_result;
    a.object_path = path;
    apps.push_back(std::move(a));
  }
  check_reply(r);
  check_reply(sd_bus_message_exit_container(reply.get()));
  return apps;
}

AppInfo Client::app(const std::string& name) {
  char* raw_path = nullptr;
  check_message(sd_bus_path_encode(dbus::kAppPathPrefix, name.c_str(), &raw_path));
  std::string path = raw_path;
  free(raw_path);
  auto m = new_call(path.c_str(), "org.freedesktop.DBus.Properties", "GetAll");
  check_message(sd_bus_message_append(m.get(), "s", dbus::kAppInterface));
  BusMessagePtr reply;
  try {
    reply = call(m.get());
  } catch (const CallError& e) {
    if (!is_unknown_object(e.name())) throw;
    throw CallError(errors::kNoSuchApp,
                    strprintf(_("There is no app '%s'."), printable(name).c_str()));
  }
  AppInfo app;
  read_app_properties(reply.get(), app);
  app.object_path = path;
  return app;
}

std::vector<ReleaseInfo> Client::list_releases(const std::string& app) {
  auto m = new_method_call("ListReleases");
  check_message(sd_bus_message_append(m.get(), "s", app.c_str()));
  auto reply = call(m.get());
  std::vector<ReleaseInfo> releases;
  check_reply(sd_bus_message_enter_container(reply.get(), 'a', "(sb)"));
  const char* name = nullptr;
  int current = 0;
  int r;
  while ((r = sd_bus_message_read(reply.get(), "(sb)", &name, &current)) > 0)
    releases.push_back({name, current != 0});
  check_reply(r);
  check_reply(sd_bus_message_exit_container(reply.get()));
  return releases;
}

std::vector<DeployInfo> Client::history(const std::string& app, uint32_t limit) {
  auto m = new_method_call("History");
  check_message(sd_bus_message_append(m.get(), "su", app.c_str(), limit));
  auto reply = call(m.get());
  std::string error;
  return parsed_or_throw(parse_deploy_records(read_string(reply.get()), error), error);
}

DeployInfo Client::get_deploy(const std::string& id) {
  auto m = new_method_call("GetDeploy");
  check_message(sd_bus_message_append(m.get(), "s", id.c_str()));
  auto reply = call(m.get());
  std::string error;
  return parsed_or_throw(parse_deploy_record(read_string(reply.get()), error), error);
}

std::string Client::deploy(const DeployRequest& request) {
  auto m = new_method_call("Deploy");
  append_deploy_request(m.get(), request);
  auto reply = call(m.get(), kInfiniteTimeout);
  return read_string(reply.get());
}

std::vector<PlanStep> Client::plan_deploy(const DeployRequest& request) {
  auto m = new_method_call("PlanDeploy");
  append_deploy_request(m.get(), request);
  auto reply = call(m.get());
  std::vector<PlanStep> plan;
  check_reply(sd_bus_message_enter_container(reply.get(), 'a', "(ss)"));
  const char *step, *description;
  int r;
  while ((r = sd_bus_message_read(reply.get(), "(ss)", &step, &description)) > 0)
    plan.push_back({step, description});
  check_reply(r);
  check_reply(sd_bus_message_exit_container(reply.get()));
  return plan;
}

std::string Client::rollback(const std::string& app, const std::string& release) {
  auto m = new_method_call("Rollback");
  check_message(sd_bus_message_append(m.get(), "ss", app.c_str(), release.c_str()));
  auto reply = call(m.get(), kInfiniteTimeout);
  return read_string(reply.get());
}

std::string Client::confirm(const std::string& app) {
  auto m = new_method_call("Confirm");
  check_message(sd_bus_message_append(m.get(), "s", app.c_str()));
  try {
    auto reply = call(m.get(), kInfiniteTimeout);
    return read_string(reply.get());
  } catch (const CallError& e) {
    if (e.name() != errors::kNoSuchDeploy) throw;
    throw CallError(errors::kNoSuchDeploy,
                    strprintf(_("No deploy of %s waits for confirmation."), printable(app).c_str()));
  }
}

std::vector<PendingInfo> Client::list_pending() {
  auto m = new_method_call("ListPending");
  auto reply = call(m.get());
  std::vector<PendingInfo> pending;
  check_reply(sd_bus_message_enter_container(reply.get(), 'a', "(ssst)"));
  const char *app, *id, *revision;
  uint64_t expires = 0;
  int r;
  while ((r = sd_bus_message_read(reply.get(), "(ssst)", &app, &id, &revision, &expires)) > 0)
    pending.push_back({app, id, revision, expires});
  check_reply(r);
  check_reply(sd_bus_message_exit_container(reply.get()));
  return pending;
}

}  // namespace hoist::ctl
