// sd-event driven by GLib's main loop, with GLib sources of other priorities
// running alongside (the combination hoistd relies on).
#include <gtest/gtest.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "common/glib_ptr.hh"
#include "common/sd_ptr.hh"
#include "systemd/event_glue.hh"

using namespace hoist;

namespace {

struct Fixture {
  EventPtr event;
  GSourcePtr source;
  GMainLoopPtr loop{g_main_loop_new(nullptr, FALSE)};
  Fixture() {
    sd_event* e = nullptr;
    EXPECT_GE(sd_event_new(&e), 0);
    event.reset(e);
    source.reset(sd_event_gsource_new(e));
    g_source_attach(source.get(), nullptr);
  }
  ~Fixture() { g_source_destroy(source.get()); }
};

gboolean quit_after_deadline(gpointer loop) {
  ADD_FAILURE() << "loop did not finish in time";
  g_main_loop_quit(static_cast<GMainLoop*>(loop));
  return G_SOURCE_REMOVE;
}

}  // namespace

TEST(EventGlue, DispatchesSdEventTimersAndIo) {
  Fixture f;
  int fired = 0;
  uint64_t now = 0;
  sd_event_now(f.event.get(), CLOCK_MONOTONIC, &now);
  sd_event_source* timer = nullptr;
  ASSERT_GE(sd_event_add_time(
                f.event.get(), &timer, CLOCK_MONOTONIC, now + 1000, 0,
                [](sd_event_source*, uint64_t, void* data) {
                  ++*static_cast<int*>(data);
                  return 0;
                },
                &fired),
            0);
  EventSourcePtr timer_ptr(timer);

  int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  ASSERT_GE(efd, 0);
  Fd efd_owner(efd);
  struct Io {
    GMainLoop* loop;
    int* fired;
  } io{f.loop.get(), &fired};
  sd_event_source* io_source = nullptr;
  ASSERT_GE(sd_event_add_io(
                f.event.get(), &io_source, efd, EPOLLIN,
                [](sd_event_source*, int fd, uint32_t, void* data) {
                  auto* d = static_cast<Io*>(data);
                  uint64_t v;
                  EXPECT_EQ(read(fd, &v, sizeof v), static_cast<ssize_t>(sizeof v));
                  if (*d->fired == 1) g_main_loop_quit(d->loop);
                  ++*d->fired;
                  return 0;
                },
                &io),
            0);
  EventSourcePtr io_ptr(io_source);

  // A higher-priority GLib source that is ready for a while keeps GLib from
  // preparing and checking lower ones; sd-event must carry on afterwards.
  int busy_rounds = 0;
  g_idle_add_full(
      G_PRIORITY_HIGH,
      [](gpointer n) -> gboolean { return ++*static_cast<int*>(n) < 50; }, &busy_rounds, nullptr);
  guint deadline = g_timeout_add_seconds(5, quit_after_deadline, f.loop.get());
  guint writer = g_timeout_add(20, [](gpointer fd) -> gboolean {
    uint64_t one = 1;
    EXPECT_EQ(write(GPOINTER_TO_INT(fd), &one, sizeof one), static_cast<ssize_t>(sizeof one));
    return G_SOURCE_REMOVE;
  }, GINT_TO_POINTER(efd));
  g_main_loop_run(f.loop.get());
  g_source_remove(deadline);
  (void)writer;
  EXPECT_EQ(fired, 2);
  EXPECT_EQ(busy_rounds, 50);
}
