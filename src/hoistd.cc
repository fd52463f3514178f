// hoistd: the hoist daemon. Started by systemd (socket or D-Bus activation).
#include <getopt.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "common/daemon_version.hh"
#include "common/log.hh"
#include "core/daemon.hh"
#include "selfupdate/boot_select.hh"

namespace {

void help() {
  printf(
      "Usage: hoistd [OPTIONS]\n"
      "\n"
      "The hoist deploy daemon. It is normally started by systemd, through\n"
      "hoistd.socket (HTTP on the sockets it passes, named \"http\") or through\n"
      "D-Bus activation of org.hoist.Hoist1, and not by hand.\n"
      "\n"
      "When self-update has installed a newer hoistd (the link current in\n"
      "$STATE_DIRECTORY/self-update, usually /var/lib/hoist/self-update),\n"
      "hoistd executes that version in its place, keeping the sockets systemd\n"
      "passed; a version that did not start is not run again.\n"
      "\n"
      "Options:\n"
      "  --user               Use the user bus and the user's service manager\n"
      "                       instead of the system bus and PID 1\n"
      "  --listen ADDR:PORT   Also serve HTTP on this address (for development\n"
      "                       without socket activation; may be repeated)\n"
      "  -h --help            Show this help and exit\n"
      "  --version            Show the version and exit\n"
      "\n"
      "Environment:\n"
      "  HOIST_LOG_LEVEL=debug  Log debug messages too\n"
      "  https_proxy, http_proxy, no_proxy\n"
      "                         The proxy for forge releases (self-update) and\n"
      "                         chat notifications; health probes never use one\n"
      "\n"
      "hoistd logs to the journal (SYSLOG_IDENTIFIER=hoistd). See hoistctl(1)\n"
      "and README.md for the D-Bus and HTTP APIs.\n");
}

}  // namespace

int main(int argc, char** argv) {
  enum { ARG_USER = 0x100, ARG_LISTEN, ARG_VERSION };
  static const option options[] = {
      {"user", no_argument, nullptr, ARG_USER},
      {"listen", required_argument, nullptr, ARG_LISTEN},
      {"help", no_argument, nullptr, 'h'},
      {"version", no_argument, nullptr, ARG_VERSION},
      {},
  };
  hoist::DaemonOptions opts;
  int c;
  while ((c = getopt_long(argc, argv, "h", options, nullptr)) >= 0) {
    switch (c) {
      case ARG_USER:
        opts.user = true;
        break;
      case ARG_LISTEN:
        opts.listen.emplace_back(optarg);
        break;
      case 'h':
        help();
        return EXIT_SUCCESS;
      case ARG_VERSION:
        printf("hoistd %s\n", hoist::daemon_version());
        return EXIT_SUCCESS;
      default:
        fprintf(stderr, "Try 'hoistd --help' for more information.\n");
        return EXIT_FAILURE;
    }
  }
  if (optind < argc) {
    fprintf(stderr, "hoistd: unexpected argument \"%s\"\nTry 'hoistd --help'.\n", argv[optind]);
    return EXIT_FAILURE;
  }
  if (const char* level = getenv("HOIST_LOG_LEVEL"); level && strcmp(level, "debug") == 0)
    hoist::log::set_max_priority(LOG_DEBUG);
  // The entry point: a newer hoistd that self-update installed replaces
  // this process here, before anything touches the passed sockets.
  std::string error;
  if (auto own = hoist::parse_version(hoist::daemon_version(), error); own && !opts.user)
    hoist::exec_selected_version(argv, *own);
  signal(SIGPIPE, SIG_IGN);
  umask(0022);
  hoist::Daemon daemon(std::move(opts));
  return daemon.run();
}
