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

// cmd_apps.cc
int run_apps(Client& client, const Options& o);
int run_show(Client& client, const Options& o);
int run_releases(Client& client, const Options& o);
int run_reload_config(Client& client, const Options& o);
// cmd_history.cc
int run_history(Client& client, const Options& o);
int run_deploy_status(Client& client, const Options& o);
int run_pending(Client& client, const Options& o);
// cmd_deploy.cc
int run_deploy(Client& client, const Options& o);
int run_rollback(Client& client, const Options& o);
int run_confirm(Client& client, const Options& o);
// cmd_rollout.cc
int run_rollout(Client& client, const Options& o);
int run_rollout_status(Client& client, const Options& o);
int run_cancel_rollout(Client& client, const Options& o);
// cmd_unit_files.cc
int run_diff(Client& client, const Options& o);
int run_apply(Client& client, const Options& o);
// cmd_selfupdate.cc
int run_self_update(Client& client, const Options& o);

}  // namespace hoist::ctl
