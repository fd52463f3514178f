#include "ctl/report.hh"

#include <cstdio>

#include "ctl/exit_status.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

constexpr std::string_view kHoistErrorPrefix = "org.hoist.Hoist1.Error.";

}  // namespace

const char* command_for(const Options& o) { return o.user ? "hoistctl --user" : "hoistctl"; }

int report_failure(const Options& o, const CallError& e, const std::string& context) {
  if (e.daemon_unreachable()) {
    fprintf(stderr, "%s\n",
            strprintf(o.user ? _("Failed to connect to hoistd on the user bus: %s")
                             : _("Failed to connect to hoistd on the system bus: %s"),
                      e.what())
                .c_str());
    fprintf(stderr, "%s\n",
            _("Is hoistd installed (hoistd.socket, hoistd.service and the D-Bus activation "
              "file of org.hoist.Hoist1)?"));
    return exit_status::failure(o.verb);
  }
  if (std::string_view(e.name()).starts_with(kHoistErrorPrefix) || context.empty())
    fprintf(stderr, "%s\n", e.what());
  else
    fprintf(stderr, "%s: %s\n", context.c_str(), e.what());
  return exit_status::for_bus_error(o.verb, e.name());
}

}  // namespace hoist::ctl
