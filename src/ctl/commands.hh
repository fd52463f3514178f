// hoistctl's verbs. Each runs against hoistd, reports its own failures on
// stderr and returns hoistctl's exit status (see exit_status.hh).
#pragma once

#include "ctl/args.hh"
#include "ctl/bus_client.hh"

namespace hoist::ctl {

int run_status(Client& client, const Options& o);
// start, stop, restart, reload, reload-or-restart, try-restart
int run_unit_jobs(Client& client, const Options& o);
int run_daemon_reload(Client& client, const Options& o);
int run_logs(Client& client, const Options& o);

}  // namespace hoist::ctl
