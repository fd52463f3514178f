#include "selfupdate/installer.hh"

#include <fcntl.h>
#include <glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/log.hh"
#include "common/raii.hh"
#include "common/str_cat.hh"
#include "core/dir_fd.hh"
#include "core/remove_tree.hh"
#include "core/run_command.hh"

namespace hoist {

struct Installer::Job {
  ForgeRelease release;
  Version version;
  SelfUpdateConfig config;
  DoneFn done;
  std::string tmp;  // self-update/.install-XXXXXX
  std::string sums;
  const ReleaseAsset* asset = nullptr;
  std::string expected_sha256;
  Fd archive;
  std::string root;  // the unpacked tree
  std::shared_ptr<void> command;
};

namespace {

constexpr size_t kMaxSmallFile = 1024 * 1024;
constexpr const char* kInstallPrefix = ".install-";
constexpr unsigned kHelperTimeoutSec = 60;   // gpgv, hoistd --version
constexpr unsigned kUnpackTimeoutSec = 600;  // tar of up to kMaxReleaseArchive

bool write_text(const std::string& path, const std::string& text, std::string& error) {
  GError* e = nullptr;
  if (g_file_set_contents(path.c_str(), text.data(), static_cast<gssize>(text.size()), &e)) return true;
  error = e->message;
  g_error_free(e);
  return false;
}

bool is_executable_file(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & S_IXUSR);
}

// The last non-empty line of a program's output, for error messages.
std::string last_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const size_t nl = text.rfind('\n');
  return nl == std::string::npos ? text : text.substr(nl + 1);
}

}  // namespace

std::string unpacked_root(const std::string& dir) {
  if (is_executable_file(dir + "/hoistd")) return dir;
  Fd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  auto names = fd ? list_directory(fd.get()) : std::nullopt;
  if (!names || names->size() != 1) return "";
  const std::string inner = str_cat({dir, "/", names->front()});
  return is_executable_file(inner + "/hoistd") ? inner : "";
}

std::string reported_version(const std::string& output) {
  const std::string first = output.substr(0, output.find('\n'));
  if (!first.starts_with("hoistd ")) return "";
  std::string v = first.substr(7);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.pop_back();
  return v;
}

Installer::~Installer() {
  if (job_) job_->command.reset();
}

void Installer::remove_leftovers() {
  auto names = list_directory(store_.fd());
  if (!names) return;
  for (const auto& name : *names) {
    std::string error;
    if (name.starts_with(kInstallPrefix) && !remove_tree_at(store_.fd(), name, error))
      log::warning("Self-update: " + error);
  }
}

void Installer::install(const ForgeRelease& release, const Version& version, const SelfUpdateConfig& config,
                        DoneFn done) {
  auto job = std::make_shared<Job>();
  job->release = release;
  job->version = version;
  job->config = config;
  job->done = std::move(done);
  job_ = job;
  job->asset = find_asset(job->release, config.asset);
  if (!job->asset)
    return finish(job, str_cat({"release ", release.tag, " has no file matching Asset=", config.asset}));
  if (!is_plain_file_name(job->asset->name))
    return finish(job, str_cat({"release ", release.tag, " names its file \"", job->asset->name,
                                "\", which is not a plain file name"}));
  const ReleaseAsset* sums = find_asset(job->release, config.checksums);
  if (!sums)
    return finish(job, str_cat({"release ", release.tag, " has no checksum file ", config.checksums,
                                " (Checksums=): refusing to install what cannot be verified"}));
  std::string pattern = str_cat({store_.path(), "/", kInstallPrefix, "XXXXXX"});
  if (!g_mkdtemp(pattern.data()))
    return finish(job, errno_message("Failed to create a directory in", store_.path(), errno));
  job->tmp = pattern;
  http_.get_text(sums->url, "", nullptr, kMaxSmallFile, [this, job](FetchResult r) {
    if (!r.error.empty()) return finish(job, r.error);
    job->sums = std::move(r.body);
    if (job->config.keyring.empty()) return download(job);
    fetch_signature(job);
  });
}

void Installer::fetch_signature(std::shared_ptr<Job> job) {
  const ReleaseAsset* sig = find_asset(job->release, job->config.signature);
  if (!sig)
    return finish(job, str_cat({"release ", job->release.tag, " has no signature ", job->config.signature,
                                " (Signature=), and Keyring= says the checksums must be signed"}));
  http_.get_text(sig->url, "", nullptr, kMaxSmallFile, [this, job](FetchResult r) {
    if (!r.error.empty()) return finish(job, r.error);
    std::string error;
    const std::string sums = job->tmp + "/" + job->config.checksums;
    const std::string sig_path = job->tmp + "/signature";
    const std::string home = job->tmp + "/gnupg";
    if (!write_text(sums, job->sums, error) || !write_text(sig_path, r.body, error) ||
        (mkdir(home.c_str(), 0700) < 0 && (error = strerror(errno), true)))
      return finish(job, "Failed to prepare the signature check: " + error);
    job->command = run_command(
        {"gpgv", "--homedir", home, "--keyring", job->config.keyring, sig_path, sums}, {},
        [this, job](const CommandResult& c) {
          if (!c.started) return finish(job, "cannot check the signature: " + c.error);
          if (!c.exited_ok)
            return finish(job, str_cat({"the signature ", job->config.signature, " of ", job->config.checksums,
                                        " does not verify against ", job->config.keyring, " (gpgv ", c.error,
                                        c.output.empty() ? "" : ": " + last_line(c.output), ")"}));
          download(job);
        },
        kHelperTimeoutSec);
  });
}

void Installer::download(std::shared_ptr<Job> job) {
  std::string error;
  auto expected = checksum_for(job->sums, job->asset->name, error);
  if (!expected) return finish(job, str_cat({job->config.checksums, ": ", error}));
  job->expected_sha256 = *expected;
  const std::string path = job->tmp + "/" + job->asset->name;
  job->archive = Fd(open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!job->archive) return finish(job, errno_message("Failed to create", path, errno));
  http_.download(job->asset->url, job->archive.get(), kMaxReleaseArchive, [this, job](FetchResult r) {
    job->archive = Fd();
    if (!r.error.empty()) return finish(job, r.error);
    if (r.sha256 != job->expected_sha256)
      return finish(job, str_cat({"the SHA-256 of ", job->asset->name, " is ", r.sha256, ", but ",
                                  job->config.checksums, " says ", job->expected_sha256}));
    unpack(job);
  });
}

void Installer::unpack(std::shared_ptr<Job> job) {
  const std::string dir = job->tmp + "/unpacked";
  if (mkdir(dir.c_str(), 0755) < 0) return finish(job, errno_message("Failed to create", dir, errno));
  job->command = run_command({"tar", "--extract", "--file", job->tmp + "/" + job->asset->name, "--directory", dir,
                              "--no-same-owner", "--no-same-permissions"},
                             {}, [this, job, dir](const CommandResult& c) {
                               if (!c.exited_ok)
                                 return finish(job, str_cat({"cannot unpack ", job->asset->name, ": tar ", c.error,
                                                             c.output.empty() ? "" : ": " + last_line(c.output)}));
                               job->root = unpacked_root(dir);
                               if (job->root.empty())
                                 return finish(job, str_cat({job->asset->name,
                                                             " holds no executable hoistd (at its top or in its "
                                                             "only directory)"}));
                               check_binary(job);
                             },
                             kUnpackTimeoutSec);
}

void Installer::check_binary(std::shared_ptr<Job> job) {
  job->command = run_command({job->root + "/hoistd", "--version"}, {}, [this, job](const CommandResult& c) {
    const std::string said = reported_version(c.output);
    std::string error;
    auto v = parse_version(said, error);
    if (!c.exited_ok || !v || compare_versions(*v, job->version) != 0)
      return finish(job, str_cat({"the hoistd in ", job->asset->name, " does not say it is version ",
                                  job->version.to_string(), " (hoistd --version ", c.exited_ok ? "said" : c.error,
                                  c.output.empty() ? "" : ": " + last_line(c.output), ")"}));
    const std::string name = job->version.to_string();
    Fd versions = store_.versions_dir();
    if (!versions) return finish(job, errno_message("Failed to open", store_.path() + "/versions", errno));
    if (faccessat(versions.get(), name.c_str(), F_OK, AT_SYMLINK_NOFOLLOW) == 0 &&
        !remove_tree_at(versions.get(), name, error))
      return finish(job, error);
    if (rename(job->root.c_str(), (store_.path() + "/versions/" + name).c_str()) < 0)
      return finish(job, errno_message("Failed to move the release to", store_.path() + "/versions/" + name, errno));
    finish(job, "");
  }, kHelperTimeoutSec);
}

void Installer::finish(const std::shared_ptr<Job>& job, const std::string& error) {
  if (!job->tmp.empty()) {
    std::string ignored;
    const std::string name = job->tmp.substr(job->tmp.rfind('/') + 1);
    (void)remove_tree_at(store_.fd(), name, ignored);
  }
  job->command.reset();
  if (job_ == job) job_.reset();
  DoneFn done = std::move(job->done);
  if (done) done(error);
}

}  // namespace hoist
