// File descriptors handed over by systemd socket activation.
#pragma once

#include <string>
#include <vector>

namespace hoist {

struct ListenFd {
  int fd;
  std::string name;  // FileDescriptorName=, "unknown" when unnamed
};

// The stream sockets to serve HTTP on: fds named "http", and unnamed TCP or
// UNIX stream sockets. Other fds are closed and logged. Unsets $LISTEN_*.
std::vector<ListenFd> take_http_listen_fds();

}  // namespace hoist
