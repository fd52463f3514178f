#include "core/unit_verify.hh"

#include <fcntl.h>
#include <gio/gio.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "common/glib_ptr.hh"
#include "common/raii.hh"
#include "core/atomic_file.hh"
#include "core/remove_tree.hh"

namespace hoist {
namespace {

struct Verify {
  std::string dir;
  VerifyFn fn;
  GCancellable* cancellable = g_cancellable_new();
  ~Verify() { g_object_unref(cancellable); }
};

// dir/NAME for each file, creating NAME's directory (UNIT.d) if needed.
bool write_files(const std::vector<UnitFile>& files, const std::string& dir, std::string& error) {
  for (const auto& f : files) {
    const std::string path = dir + "/" + f.name;
    const size_t slash = path.rfind('/');
    if (g_mkdir_with_parents(path.substr(0, slash).c_str(), 0755) < 0) {
      error = "cannot create " + path.substr(0, slash) + ": " + strerror(errno);
      return false;
    }
    GError* e = nullptr;
    if (!g_file_set_contents(path.c_str(), f.content.data(), static_cast<gssize>(f.content.size()), &e)) {
      error = e->message;
      g_error_free(e);
      return false;
    }
  }
  return true;
}

void remove_dir(const std::string& dir) {
  const size_t slash = dir.rfind('/');
  Fd parent(open(dir.substr(0, slash).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  std::string error;
  if (parent) (void)remove_tree_at(parent.get(), dir.substr(slash + 1), error);
}

}  // namespace

std::string verify_problems(const std::string& output, const std::string& dir, bool exited_ok) {
  std::istringstream in(output);
  std::string line, problems;
  const std::string prefix = dir + "/";
  for (bool ours; std::getline(in, line);) {
    ours = false;
    for (size_t at; (at = line.find(prefix)) != std::string::npos; ours = true) line.erase(at, prefix.size());
    if (ours) problems += (problems.empty() ? "" : "\n") + line;
  }
  if (problems.empty() && !exited_ok) {
    problems = output;
    while (!problems.empty() && problems.back() == '\n') problems.pop_back();
    if (problems.empty()) problems = "systemd-analyze verify failed";
  }
  return problems;
}

std::shared_ptr<void> verify_unit_files(const std::vector<UnitFile>& files, const std::string& work_dir,
                                        bool user, VerifyFn fn) {
  auto v = std::make_shared<Verify>();
  v->fn = std::move(fn);
  std::string pattern = work_dir + "/.verify-XXXXXX";
  if (!g_mkdtemp(pattern.data())) {
    v->fn(false, "cannot create a directory in " + work_dir + ": " + strerror(errno));
    return v;
  }
  v->dir = pattern;
  std::string error;
  if (!write_files(files, v->dir, error)) {
    remove_dir(v->dir);
    v->fn(false, error);
    return v;
  }
  std::vector<const char*> argv = {"systemd-analyze"};
  if (user) argv.push_back("--user");
  argv.push_back("verify");
  std::vector<std::string> paths;
  for (const auto& f : files)
    if (f.name.find('/') == std::string::npos) paths.push_back(v->dir + "/" + f.name);
  for (const auto& p : paths) argv.push_back(p.c_str());
  argv.push_back(nullptr);
  GObj<GSubprocessLauncher> launcher(
      g_subprocess_launcher_new(static_cast<GSubprocessFlags>(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                              G_SUBPROCESS_FLAGS_STDERR_MERGE)));
  // The directory first, then the usual search path (the trailing ':').
  g_subprocess_launcher_setenv(launcher.get(), "SYSTEMD_UNIT_PATH", (v->dir + ":").c_str(), TRUE);
  g_subprocess_launcher_setenv(launcher.get(), "SYSTEMD_LOG_COLOR", "0", TRUE);
  GError* e = nullptr;
  GSubprocess* process = g_subprocess_launcher_spawnv(launcher.get(), argv.data(), &e);
  if (!process) {
    remove_dir(v->dir);
    v->fn(false, std::string("cannot run systemd-analyze: ") + e->message);
    g_error_free(e);
    return v;
  }
  auto* held = new std::shared_ptr<Verify>(v);
  g_subprocess_communicate_utf8_async(
      process, nullptr, v->cancellable,
      [](GObject* source, GAsyncResult* result, gpointer data) {
        std::unique_ptr<std::shared_ptr<Verify>> self(static_cast<std::shared_ptr<Verify>*>(data));
        auto* p = G_SUBPROCESS(source);
        char* out = nullptr;
        GError* failure = nullptr;
        const bool done = g_subprocess_communicate_utf8_finish(p, result, &out, nullptr, &failure);
        const Verify& verify = **self;
        remove_dir(verify.dir);
        if (!done) {
          const bool cancelled = g_error_matches(failure, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          std::string why = failure->message;
          g_error_free(failure);
          g_object_unref(p);
          if (!cancelled) verify.fn(false, "systemd-analyze verify: " + why);
          return;
        }
        const bool ok = g_subprocess_get_if_exited(p) && g_subprocess_get_exit_status(p) == 0;
        std::string problems = verify_problems(out ? out : "", verify.dir, ok);
        g_free(out);
        g_object_unref(p);
        verify.fn(problems.empty(), problems);
      },
      held);
  // The caller's handle: dropping it cancels the run (the callback still
  // removes the directory, then stays silent).
  return std::shared_ptr<void>(nullptr, [v](void*) { g_cancellable_cancel(v->cancellable); });
}

}  // namespace hoist
