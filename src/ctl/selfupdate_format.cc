#include "ctl/selfupdate_format.hh"

#include <cstring>

#include "common/glib_ptr.hh"
#include "ctl/json_output.hh"
#include "ctl/json_read.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {
namespace {

// An RFC 3339 time from hoistd in local time, as it came if it does not parse.
std::string local_time(const std::string& rfc3339) {
  uint64_t usec = rfc3339_to_usec(rfc3339);
  return usec ? format_timestamp(usec) : rfc3339;
}

std::string available_line(const SelfUpdateStatus& s) {
  if (s.release_url.empty())
    /* TRANSLATORS: %s are the running and the newer version */
    return strprintf(_("hoistd %s is running; %s is available."), s.running.c_str(),
                     s.latest.c_str());
  /* TRANSLATORS: %s are the running and the newer version, then the
     release's web page */
  return strprintf(_("hoistd %s is running; %s is available: %s"), s.running.c_str(),
                   s.latest.c_str(), s.release_url.c_str());
}

std::string install_hint(const SelfUpdateStatus& s, const std::string& command) {
  if (s.applies_by_itself())
    return _("hoistd installs it by itself (Mode=apply) and restarts into it when no deploy or "
             "rollout is in flight.");
  return strprintf(_("Install it with '%s self-update'."), command.c_str());
}

std::string failed_lines(const SelfUpdateStatus& s, const FailedRelease& f) {
  /* TRANSLATORS: %s are the running version, the latest release, when it
     failed (local time) and why ("exited with status 1 before READY=1") */
  return strprintf(_("hoistd %s is running; the latest release, %s, failed to start here on %s "
                     "(%s)."),
                   s.running.c_str(), s.latest.c_str(), local_time(f.at).c_str(),
                   f.reason.c_str()) +
         '\n' + _("It is not installed again until a newer release appears.");
}

}  // namespace

std::string format_update_check(const SelfUpdateStatus& s, const std::string& command,
                                bool suggest_install) {
  if (s.available) {
    std::string text = available_line(s) + '\n';
    if (suggest_install) text += install_hint(s, command) + '\n';
    return text;
  }
  if (const FailedRelease* f = s.failed_release(s.latest)) return failed_lines(s, *f) + '\n';
  if (s.latest.empty())
    /* TRANSLATORS: %s are the running version and the repository
       ([SelfUpdate] Source=) */
    return strprintf(_("hoistd %s is running; no release was found at %s."), s.running.c_str(),
                     s.source.c_str()) +
           '\n';
  /* TRANSLATORS: %s are the running version and the newest release */
  return strprintf(_("hoistd %s is up to date (latest release: %s)."), s.running.c_str(),
                   s.latest.c_str()) +
         '\n';
}

std::string format_check_error(const SelfUpdateStatus& s) {
  if (s.error.empty()) return "";
  return strprintf(_("The last check for a new release failed: %s"), s.error.c_str()) + '\n';
}

std::string format_installing(const SelfUpdateStatus& s) {
  /* TRANSLATORS: %s are the version being installed and the running one */
  return strprintf(_("Installing hoistd %s (running %s); hoistd restarts into it when no deploy "
                     "is in flight."),
                   s.installing.c_str(), s.running.c_str()) +
         '\n';
}

std::string format_restart_result(const SelfUpdateStatus& s, const std::string& version,
                                  const std::string& command) {
  if (version == s.installing) return strprintf(_("hoistd updated to %s."), version.c_str()) + '\n';
  /* TRANSLATORS: %s are the version installed and the one running instead */
  return strprintf(_("hoistd %s did not start; hoistd fell back to %s."), s.installing.c_str(),
                   version.c_str()) +
         '\n' +
         strprintf(_("See why with '%s self-update --check'."), command.c_str()) + '\n';
}

std::string format_restart_timeout(const SelfUpdateStatus& s, uint64_t timeout_usec,
                                   const std::string& command) {
  /* TRANSLATORS: %s is the version being installed, %llu a number of seconds */
  return strprintf(_("hoistd did not restart into %s within %llu seconds; it restarts once no "
                     "deploy or rollout is in flight."),
                   s.installing.c_str(), static_cast<unsigned long long>(timeout_usec / 1000000)) +
         '\n' + strprintf(_("See which version runs with '%s status'."), command.c_str()) + '\n';
}

std::string selfupdate_status_to_json(const SelfUpdateStatus& s, const char* result) {
  if (!result || !s.json || !JSON_NODE_HOLDS_OBJECT(s.json.get())) return node_to_json(s.json);
  // A new object: json_node_copy() would share the members with s.json.
  JsonBuilderPtr b(json_builder_new());
  json_builder_begin_object(b.get());
  JsonObjectIter iter;
  json_object_iter_init_ordered(&iter, json_node_get_object(s.json.get()));
  const char* name = nullptr;
  JsonNode* value = nullptr;
  while (json_object_iter_next_ordered(&iter, &name, &value)) {
    if (strcmp(name, "result") == 0) continue;
    json_builder_set_member_name(b.get(), name);
    add_node_value(b.get(), value);
  }
  add_string_member(b.get(), "result", result);
  json_builder_end_object(b.get());
  return json_builder_to_string(b.get());
}

}  // namespace hoist::ctl
