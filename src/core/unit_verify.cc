#include "core/unit_verify.hh"

#include <fcntl.h>
#include <gio/gio.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "common/glib_ptr.hh"
#include "common/raii.hh"
#include "common/text.hh"
#include "core/atomic_file.hh"
#include "core/remove_tree.hh"
#include "core/run_command.hh"

namespace hoist {
namespace {

struct Verify {
  std::string dir;
  VerifyFn fn;
  std::shared_ptr<void> run;
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
  std::string problems;
  const std::string prefix = dir + "/";
  for_each_line(output, [&](std::string_view text) {
    std::string line(text);
    bool ours = false;
    for (size_t at; (at = line.find(prefix)) != std::string::npos; ours = true) line.erase(at, prefix.size());
    if (ours) problems += (problems.empty() ? "" : "\n") + line;
  });
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
  std::vector<std::string> argv = {"systemd-analyze"};
  if (user) argv.push_back("--user");
  argv.push_back("verify");
  for (const auto& f : files)
    if (f.name.find('/') == std::string::npos) argv.push_back(v->dir + "/" + f.name);
  // The directory first, then the usual search path (the trailing ':').
  v->run = run_command(argv, {{"SYSTEMD_UNIT_PATH", v->dir + ":"}, {"SYSTEMD_LOG_COLOR", "0"}},
                       [v](const CommandResult& r) {
                         remove_dir(v->dir);
                         if (!r.exited_ok && r.output.empty()) return v->fn(false, "systemd-analyze verify: " + r.error);
                         std::string problems = verify_problems(r.output, v->dir, r.exited_ok);
                         v->fn(problems.empty(), problems);
                       });
  // The caller's handle: dropping it cancels the run (fn is not called, the
  // directory is removed) and breaks the cycle v → run → its callback → v.
  // (A handle is a shared_ptr<void> owning nullptr: it tests false.)
  return std::shared_ptr<void>(nullptr, [v](void*) {
    v->run.reset();
    remove_dir(v->dir);
  });
}

}  // namespace hoist
