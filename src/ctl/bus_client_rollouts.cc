// Client's calls of the rollout methods of org.hoist.Hoist1.Manager.
#include "ctl/bus_client.hh"

namespace hoist::ctl {
namespace {

// The arguments Rollout and PlanRollout share: the apps, and options a{sv}
// with only the options that are set.
void append_rollout_request(sd_bus_message* m, const RolloutRequest& request) {
  int r = sd_bus_message_open_container(m, 'a', "s");
  for (size_t i = 0; r >= 0 && i < request.apps.size(); i++)
    r = sd_bus_message_append(m, "s", request.apps[i].c_str());
  if (r >= 0) r = sd_bus_message_close_container(m);
  if (r >= 0) r = sd_bus_message_open_container(m, 'a', "{sv}");
  if (r >= 0 && request.all) r = sd_bus_message_append(m, "{sv}", "all", "b", 1);
  if (r >= 0 && request.deploy) r = sd_bus_message_append(m, "{sv}", "deploy", "b", 1);
  if (r >= 0 && request.max_parallel > 0)
    r = sd_bus_message_append(m, "{sv}", "max-parallel", "u", request.max_parallel);
  if (r >= 0 && request.force) r = sd_bus_message_append(m, "{sv}", "force", "b", 1);
  if (r >= 0 && request.skip_migrations)
    r = sd_bus_message_append(m, "{sv}", "skip-migrations", "b", 1);
  if (r >= 0) r = sd_bus_message_close_container(m);
  check_message(r);
}

}  // namespace

std::string Client::rollout(const RolloutRequest& request) {
  auto m = new_method_call("Rollout");
  append_rollout_request(m.get(), request);
  auto reply = call(m.get(), kInfiniteTimeout);
  return read_string(reply.get());
}

RolloutPlan Client::plan_rollout(const RolloutRequest& request) {
  auto m = new_method_call("PlanRollout");
  append_rollout_request(m.get(), request);
  auto reply = call(m.get());
  std::string error;
  return parsed_or_throw(parse_rollout_plan(read_string(reply.get()), error), error);
}

RolloutInfo Client::get_rollout(const std::string& id) {
  auto m = new_method_call("GetRollout");
  check_message(sd_bus_message_append(m.get(), "s", id.c_str()));
  auto reply = call(m.get());
  std::string error;
  return parsed_or_throw(parse_rollout_record(read_string(reply.get()), error), error);
}

void Client::cancel_rollout(const std::string& id) {
  auto m = new_method_call("CancelRollout");
  check_message(sd_bus_message_append(m.get(), "s", id.c_str()));
  call(m.get(), kInfiniteTimeout);
}

}  // namespace hoist::ctl
