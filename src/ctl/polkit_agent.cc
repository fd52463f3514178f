#include "ctl/polkit_agent.hh"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "common/raii.hh"

namespace hoist::ctl {
namespace {

constexpr const char* kAgentPath = "/usr/bin/pkttyagent";

}  // namespace

void PolkitAgent::start_if_useful() {
  if (pid_ >= 0 || geteuid() == 0 || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
      access(kAgentPath, X_OK) != 0)
    return;

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) < 0) return;
  Fd ready_read(fds[0]);
  Fd ready_write(fds[1]);
  // The agent's end must survive exec: a duplicate without O_CLOEXEC.
  Fd notify(fcntl(ready_write.get(), F_DUPFD, 3));
  if (!notify) return;
  char notify_arg[16];
  snprintf(notify_arg, sizeof notify_arg, "%d", notify.get());
  // The agent answers for this process only, so it also works outside a login
  // session (no --fallback: polkit ignores process-scoped fallback agents then).
  pid_t parent = getpid();
  char process_arg[16];
  snprintf(process_arg, sizeof process_arg, "%d", static_cast<int>(parent));

  pid_t pid = fork();
  if (pid < 0) return;
  if (pid == 0) {
    // Only async-signal-safe calls from here on.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(EXIT_FAILURE);
    execl(kAgentPath, kAgentPath, "--notify-fd", notify_arg, "--process", process_arg,
          static_cast<char*>(nullptr));
    _exit(127);
  }
  pid_ = pid;
  notify = Fd();
  ready_write = Fd();
  // pkttyagent writes to (or closes) its end once registered; exiting closes it too.
  struct pollfd p = {ready_read.get(), POLLIN, 0};
  while (poll(&p, 1, -1) < 0 && errno == EINTR) {
  }
}

PolkitAgent::~PolkitAgent() {
  if (pid_ < 0) return;
  kill(pid_, SIGTERM);
  while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace hoist::ctl
