// hoistctl start|stop|restart|reload|reload-or-restart|try-restart UNIT...
// hoistctl daemon-reload
#include <cstdio>

#include "common/errors.hh"
#include "ctl/commands.hh"
#include "ctl/exit_status.hh"
#include "ctl/report.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

struct JobVerb {
  Verb verb;
  const char* method;
  const char* failure;  // N_(), "%s" is the unit
};

constexpr JobVerb kJobVerbs[] = {
    {Verb::Start, "StartUnit", N_("Failed to start %s")},
    {Verb::Stop, "StopUnit", N_("Failed to stop %s")},
    {Verb::Restart, "RestartUnit", N_("Failed to restart %s")},
    {Verb::Reload, "ReloadUnit", N_("Failed to reload %s")},
    {Verb::ReloadOrRestart, "ReloadOrRestartUnit", N_("Failed to reload or restart %s")},
    {Verb::TryRestart, "TryRestartUnit", N_("Failed to try-restart %s")},
};

const JobVerb* job_verb(Verb verb) {
  for (const auto& j : kJobVerbs)
    if (j.verb == verb) return &j;
  return nullptr;
}

// A job that ran and failed: hoistd's message names the result; point at
// where to look next, as systemctl does.
void report_job_failed(const Options& o, const CallError& e, const std::string& unit) {
  fprintf(stderr, "%s\n", e.what());
  fprintf(stderr, "%s\n",
          strprintf(_("See \"%s status %s\" and \"%s logs %s\" for details."),
                    command_for(o), unit.c_str(), command_for(o), unit.c_str())
              .c_str());
}

}  // namespace

int run_unit_jobs(Client& client, const Options& o) {
  const JobVerb* job = job_verb(o.verb);
  if (!job) return exit_status::kFailure;
  int status = exit_status::kSuccess;
  for (const auto& unit : o.units) {
    try {
      client.run_unit_job(job->method, unit);
    } catch (const CallError& e) {
      int r = exit_status::kFailure;
      if (e.name() == errors::kJobFailed)
        report_job_failed(o, e, unit);
      else
        r = report_failure(o, e, strprintf(_(job->failure), unit.c_str()));
      if (status == exit_status::kSuccess) status = r;
      if (e.daemon_unreachable()) break;
    }
  }
  return status;
}

int run_daemon_reload(Client& client, const Options& o) {
  try {
    client.daemon_reload();
  } catch (const CallError& e) {
    return report_failure(o, e, _("Failed to reload the unit files"));
  }
  return exit_status::kSuccess;
}

}  // namespace hoist::ctl
