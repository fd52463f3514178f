#include "core/run_command.hh"

#include <gio/gio.h>

#include "common/glib_ptr.hh"
#include "common/str_cat.hh"

namespace hoist {
namespace {

struct Run {
  CommandFn fn;
  GObj<GCancellable> cancellable{g_cancellable_new()};
  GObj<GSubprocess> process;
  guint timer = 0;
  unsigned timeout_sec = 0;
  bool timed_out = false;
  bool finished = false;  // the program has ended (and been reaped)
  CommandResult spawn_failure;

  ~Run() {
    if (timer) g_source_remove(timer);
  }
  // Kills the program if it still runs.
  void stop() {
    if (process && !finished) g_subprocess_force_exit(process.get());
  }
};

std::string how_it_ended(GSubprocess* p) {
  if (g_subprocess_get_if_exited(p)) return str_cat({"exited with status ", std::to_string(g_subprocess_get_exit_status(p))});
  if (g_subprocess_get_if_signaled(p)) return str_cat({"was killed by signal ", std::to_string(g_subprocess_get_term_sig(p))});
  return "ended";
}

using Held = std::shared_ptr<Run>;

void communicated(GObject* source, GAsyncResult* result, gpointer data) {
  const std::unique_ptr<Held> held(static_cast<Held*>(data));
  Run& run = **held;
  char* out = nullptr;
  GError* failure = nullptr;
  const bool done = g_subprocess_communicate_utf8_finish(G_SUBPROCESS(source), result, &out, nullptr, &failure);
  const GCharPtr output(out);
  const GErrorPtr error(failure);
  run.finished = done;
  if (g_cancellable_is_cancelled(run.cancellable.get())) return;
  CommandResult r;
  r.started = true;
  if (!done) {
    r.error = error->message;
  } else {
    r.output = out ? out : "";
    GSubprocess* p = run.process.get();
    r.exited_ok = g_subprocess_get_if_exited(p) && g_subprocess_get_exit_status(p) == 0;
    if (run.timed_out) r.error = str_cat({"timed out after ", std::to_string(run.timeout_sec), " s"});
    else if (!r.exited_ok) r.error = how_it_ended(p);
  }
  run.fn(r);
}

}  // namespace

std::shared_ptr<void> run_command(const std::vector<std::string>& argv,
                                  const std::vector<std::pair<std::string, std::string>>& env, CommandFn fn,
                                  unsigned timeout_sec) {
  auto run = std::make_shared<Run>();
  run->fn = std::move(fn);
  run->timeout_sec = timeout_sec;
  std::vector<const char*> args;
  for (const auto& a : argv) args.push_back(a.c_str());
  args.push_back(nullptr);
  GObj<GSubprocessLauncher> launcher(
      g_subprocess_launcher_new(static_cast<GSubprocessFlags>(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                              G_SUBPROCESS_FLAGS_STDERR_MERGE)));
  for (const auto& [name, value] : env) g_subprocess_launcher_setenv(launcher.get(), name.c_str(), value.c_str(), TRUE);
  GError* e = nullptr;
  run->process.reset(g_subprocess_launcher_spawnv(launcher.get(), args.data(), &e));
  if (!run->process) {
    run->spawn_failure.error = str_cat({"cannot run ", argv.empty() ? std::string() : argv[0], ": ", e->message});
    g_error_free(e);
    // Later, from the loop: the caller has its handle by then.
    g_idle_add_full(
        G_PRIORITY_DEFAULT,
        [](gpointer data) -> gboolean {
          Run& r = **static_cast<Held*>(data);
          if (!g_cancellable_is_cancelled(r.cancellable.get())) r.fn(r.spawn_failure);
          return G_SOURCE_REMOVE;
        },
        new Held(run), [](gpointer data) { delete static_cast<Held*>(data); });
  } else {
    g_subprocess_communicate_utf8_async(run->process.get(), nullptr, run->cancellable.get(), communicated,
                                        new Held(run));
    if (timeout_sec)
      run->timer = g_timeout_add_seconds(
          timeout_sec,
          [](gpointer data) -> gboolean {
            auto* r = static_cast<Run*>(data);
            r->timer = 0;
            r->timed_out = true;
            r->stop();
            return G_SOURCE_REMOVE;
          },
          run.get());
  }
  return std::shared_ptr<void>(nullptr, [run](void*) {
    g_cancellable_cancel(run->cancellable.get());
    run->stop();
    if (run->timer) g_source_remove(run->timer);
    run->timer = 0;
  });
}

}  // namespace hoist
