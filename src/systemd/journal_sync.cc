#include "systemd/journal_sync.hh"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/log.hh"

namespace hoist {
namespace {

constexpr uint64_t kTimeoutUsec = 5ull * 1000 * 1000;
// A varlink call is one JSON object terminated by a NUL byte.
constexpr char kRequest[] = "{\"method\":\"io.systemd.Journal.Synchronize\",\"parameters\":{}}";

int connect_unix(const std::string& path) {
  sockaddr_un sa{};
  if (path.size() >= sizeof sa.sun_path) return -ENAMETOOLONG;
  sa.sun_family = AF_UNIX;
  memcpy(sa.sun_path, path.c_str(), path.size());
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -errno;
  if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) < 0 && errno != EINPROGRESS) {
    int e = errno;
    close(fd);
    return -e;
  }
  return fd;
}

}  // namespace

void JournalSync::sync(std::function<void()> done) {
  int fd = connect_unix(socket_path_);
  // sizeof kRequest includes the terminating NUL, which varlink wants.
  if (fd < 0 || write(fd, kRequest, sizeof kRequest) != static_cast<ssize_t>(sizeof kRequest)) {
    if (fd >= 0) close(fd);
    log::debug("journald's varlink socket is not usable; reading the journal as it is");
    return done();
  }
  requests_.push_back({this, Fd(fd), {}, {}, {}, std::move(done)});
  Request* r = &requests_.back();
  sd_event_source* s = nullptr;
  if (sd_event_add_io(event_, &s, fd, EPOLLIN, on_io, r) < 0) return finish(r);
  r->io.reset(s);
  uint64_t now = 0;
  sd_event_now(event_, CLOCK_MONOTONIC, &now);
  if (sd_event_add_time(event_, &s, CLOCK_MONOTONIC, now + kTimeoutUsec, 0, on_timeout, r) < 0)
    return finish(r);
  r->timer.reset(s);
}

int JournalSync::on_io(sd_event_source*, int fd, uint32_t, void* userdata) {
  auto* r = static_cast<Request*>(userdata);
  char buf[512];
  ssize_t n = read(fd, buf, sizeof buf);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return 0;
  if (n > 0) r->reply.append(buf, static_cast<size_t>(n));
  // Done at the reply's NUL, at EOF, or on an error.
  if (n <= 0 || r->reply.find('\0') != std::string::npos) r->owner->finish(r);
  return 0;
}

int JournalSync::on_timeout(sd_event_source*, uint64_t, void* userdata) {
  auto* r = static_cast<Request*>(userdata);
  log::warning("journald did not confirm a sync within 5 s; reading the journal as it is");
  r->owner->finish(r);
  return 0;
}

void JournalSync::finish(Request* r) {
  auto done = std::move(r->done);
  requests_.remove_if([r](const Request& q) { return &q == r; });
  if (done) done();
}

}  // namespace hoist
