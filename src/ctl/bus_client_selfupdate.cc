// Client's calls of the self-update methods of org.hoist.Hoist1.Manager
// (CheckForUpdate, SelfUpdate).
#include "ctl/bus_client.hh"

namespace hoist::ctl {
namespace {

SelfUpdateStatus read_status(sd_bus_message* reply) {
  std::string error;
  return parsed_or_throw(parse_selfupdate_status(read_string(reply), error), error);
}

}  // namespace

SelfUpdateStatus Client::check_for_update() {
  auto m = new_method_call("CheckForUpdate");
  auto reply = call(m.get(), kSelfUpdateTimeout);
  return read_status(reply.get());
}

SelfUpdateStatus Client::self_update(std::string& answered_by) {
  auto m = new_method_call("SelfUpdate");
  auto reply = call(m.get(), kSelfUpdateTimeout);
  const char* sender = sd_bus_message_get_sender(reply.get());
  answered_by = sender ? sender : "";
  return read_status(reply.get());
}

}  // namespace hoist::ctl
