#include "systemd/listen_fds.hh"

#include <sys/socket.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "common/log.hh"

namespace hoist {

std::vector<ListenFd> take_http_listen_fds() {
  std::vector<ListenFd> out;
  char** names = nullptr;
  int n = sd_listen_fds_with_names(1, &names);
  if (n < 0) {
    log::error(std::string("Failed to read the sockets systemd passed: ") + strerror(-n));
    return out;
  }
  for (int i = 0; i < n; i++) {
    int fd = SD_LISTEN_FDS_START + i;
    std::string name = names && names[i] ? names[i] : "unknown";
    bool named_http = name == "http";
    bool unnamed = name == "unknown" || name == "stored" || name == "connection";
    bool stream = sd_is_socket(fd, AF_UNSPEC, SOCK_STREAM, 1) > 0;
    if (stream && (named_http || unnamed)) {
      out.push_back({fd, name});
    } else {
      log::warning("Ignoring passed file descriptor " + std::to_string(fd) + " named \"" + name +
                   "\": not a listening stream socket for HTTP");
      close(fd);
    }
  }
  if (names) {
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
  }
  return out;
}

}  // namespace hoist
