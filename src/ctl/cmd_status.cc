// hoistctl status [UNIT|PATTERN...]
#include <cstdio>
#include <set>

#include "common/errors.hh"
#include "ctl/commands.hh"
#include "ctl/exit_status.hh"
#include "ctl/report.hh"
#include "ctl/status_format.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {
namespace {

int show_daemon(Client& client, const Options& o) {
  std::string version;
  try {
    version = client.version();
  } catch (const CallError& e) {
    return report_failure(o, e, _("Failed to read hoistd's version"));
  }
  if (o.json)
    printf("%s\n", daemon_status_to_json(version).c_str());
  else
    printf("%s\n", strprintf(o.user ? _("hoistd %s is reachable on the user bus.")
                                    : _("hoistd %s is reachable on the system bus."),
                             version.c_str())
                       .c_str());
  return exit_status::kSuccess;
}

int unit_exit_status(const UnitStatus& s) {
  if (s.active_state == "active" || s.active_state == "reloading") return exit_status::kSuccess;
  if (s.load_state == "not-found") return exit_status::kStatusUnknown;
  return exit_status::kNotRunning;
}

// The units named or matched by the arguments, in argument order, each once.
class Collector {
 public:
  Collector(Client& client, const Options& o) : client_(client), o_(o) {}

  // Returns false when the command must stop (the failure is reported).
  bool add(const std::string& arg) {
    try {
      if (!is_unit_pattern(arg)) {
        add_unit(client_.unit_status(arg));
        return true;
      }
      auto matches = client_.list_units({arg});
      if (matches.empty()) {
        fprintf(stderr, "%s\n", strprintf(_("No loaded unit matches '%s'."), arg.c_str()).c_str());
        status_ = exit_status::worst(status_, exit_status::kStatusUnknown);
      }
      for (auto& s : matches) add_unit(std::move(s));
      return true;
    } catch (const CallError& e) {
      if (e.name() == errors::kNoSuchUnit) {
        fprintf(stderr, "%s\n", strprintf(_("Unit %s could not be found."), arg.c_str()).c_str());
        status_ = exit_status::worst(status_, exit_status::kStatusUnknown);
        return true;
      }
      status_ = report_failure(o_, e, strprintf(_("Failed to get the status of %s"), arg.c_str()));
      return false;
    }
  }

  const std::vector<UnitStatus>& units() const { return units_; }
  int status() const { return status_; }

 private:
  void add_unit(UnitStatus s) {
    if (!seen_.insert(s.name).second) return;
    status_ = exit_status::worst(status_, unit_exit_status(s));
    units_.push_back(std::move(s));
  }

  Client& client_;
  const Options& o_;
  std::vector<UnitStatus> units_;
  std::set<std::string> seen_;
  int status_ = exit_status::kSuccess;
};

}  // namespace

int run_status(Client& client, const Options& o) {
  if (o.units.empty()) return show_daemon(client, o);

  Collector collector(client, o);
  for (const auto& arg : o.units)
    if (!collector.add(arg)) return collector.status();

  if (o.json) {
    printf("%s\n", unit_statuses_to_json(collector.units()).c_str());
    return collector.status();
  }
  Style style = style_for_fd(fileno(stdout));
  uint64_t now = now_realtime_usec();
  bool first = true;
  for (const auto& s : collector.units()) {
    if (!first) fputc('\n', stdout);
    first = false;
    fputs(format_unit_status(s, style, now, o.user).c_str(), stdout);
  }
  return collector.status();
}

}  // namespace hoist::ctl
