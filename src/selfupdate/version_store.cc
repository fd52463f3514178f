#include "selfupdate/version_store.hh"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "common/str_cat.hh"
#include "core/atomic_file.hh"
#include "core/dir_fd.hh"
#include "core/json_file.hh"
#include "core/json_object.hh"
#include "core/remove_tree.hh"
#include "selfupdate/version.hh"

namespace hoist {
namespace {

constexpr const char* kVersions = "versions";

// A version as to_string() writes it (no leading 'v').
bool valid_version_name(const std::string& name) {
  std::string ignored;
  auto v = parse_version(name, ignored);
  return is_plain_file_name(name) && v && v->to_string() == name;
}

JsonNodePtr failure_node(const FailedVersion& f) {
  JsonObjectWriter w;
  w.string("version", f.version);
  w.usec("at_usec", f.at_usec);
  w.string("reason", f.reason);
  if (!f.fell_back_to.empty()) w.string("fell_back_to", f.fell_back_to);
  return w.node();
}

FailedVersion failure_from(JsonObject* o) {
  JsonObjectReader r(o);
  return {r.string("version"), r.usec("at_usec"), r.string("reason"), r.string("fell_back_to")};
}

}  // namespace

std::string self_update_directory() {
  const char* env = std::getenv("STATE_DIRECTORY");
  std::string base = "/var/lib/hoist";
  if (env && env[0] == '/') {
    base = env;
    base.resize(base.find(':') == std::string::npos ? base.size() : base.find(':'));
  }
  return base + "/self-update";
}

std::optional<VersionStore> VersionStore::open(const std::string& path, bool create, std::string& error,
                                               bool* missing) {
  if (create && mkdir(path.c_str(), 0755) < 0 && errno != EEXIST) {
    error = errno_message("Failed to create", path, errno);
    return std::nullopt;
  }
  Fd dir(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) {
    if (missing) *missing = errno == ENOENT;
    error = errno_message("Failed to open", path, errno);
    return std::nullopt;
  }
  if (create && !open_or_create_subdirectory(dir.get(), kVersions, 0755)) {
    error = errno_message("Failed to create", path + "/" + kVersions, errno);
    return std::nullopt;
  }
  return VersionStore(std::move(dir), path);
}

std::string VersionStore::link(const char* name) const {
  char target[PATH_MAX];
  ssize_t n = readlinkat(dir_.get(), name, target, sizeof target - 1);
  if (n <= 0) return "";
  const std::string t(target, static_cast<size_t>(n));
  const std::string prefix = str_cat({kVersions, "/"});
  if (!t.starts_with(prefix)) return "";
  std::string version = t.substr(prefix.size());
  return valid_version_name(version) ? version : "";
}

bool VersionStore::set_link(const char* name, const std::string& version, std::string& error) {
  if (version.empty()) return remove_file(name, error);
  if (!valid_version_name(version)) {
    error = str_cat({"not a version: \"", version, "\""});
    return false;
  }
  const std::string temp = temp_name_for(name);
  const std::string target = str_cat({kVersions, "/", version});
  if (symlinkat(target.c_str(), dir_.get(), temp.c_str()) < 0) {
    error = errno_message("Failed to create the link", display_path(dir_.get(), temp), errno);
    return false;
  }
  if (renameat(dir_.get(), temp.c_str(), dir_.get(), name) < 0) {
    error = errno_message("Failed to switch", display_path(dir_.get(), name), errno);
    unlinkat(dir_.get(), temp.c_str(), 0);
    return false;
  }
  return fsync_directory(dir_.get(), error);
}

bool VersionStore::remove_file(const char* name, std::string& error) {
  if (unlinkat(dir_.get(), name, 0) < 0 && errno != ENOENT) {
    error = errno_message("Failed to remove", display_path(dir_.get(), name), errno);
    return false;
  }
  return fsync_directory(dir_.get(), error);
}

std::string VersionStore::binary(const std::string& version) const {
  return str_cat({path_, "/", kVersions, "/", version, "/hoistd"});
}

bool VersionStore::has_binary(const std::string& version) const {
  if (!valid_version_name(version)) return false;
  struct stat st;
  const std::string rel = str_cat({kVersions, "/", version, "/hoistd"});
  return fstatat(dir_.get(), rel.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
         (st.st_mode & S_IXUSR);
}

std::optional<TrialRecord> VersionStore::trial() const {
  JsonFile f = read_json(dir_.get(), "trial.json");
  if (!f || !JSON_NODE_HOLDS_OBJECT(f.root.get())) return std::nullopt;
  JsonObjectReader r(json_node_get_object(f.root.get()));
  TrialRecord t{r.string("version"), r.integer("tries_left"), r.string("from"), r.usec("at_usec")};
  if (t.version.empty()) return std::nullopt;
  return t;
}

bool VersionStore::write_trial(const TrialRecord& t, std::string& error) {
  JsonObjectWriter w;
  w.string("version", t.version);
  w.integer("tries_left", t.tries_left);
  w.string("from", t.from);
  w.usec("at_usec", t.at_usec);
  return write_json_atomic(dir_.get(), "trial.json", w.node().get(), error, 0644);
}

std::vector<FailedVersion> VersionStore::failed() const {
  std::vector<FailedVersion> out;
  JsonFile f = read_json(dir_.get(), "failed.json");
  if (!f || !JSON_NODE_HOLDS_ARRAY(f.root.get())) return out;
  JsonArray* a = json_node_get_array(f.root.get());
  for (guint i = 0; i < json_array_get_length(a); i++) {
    JsonNode* n = json_array_get_element(a, i);
    if (JSON_NODE_HOLDS_OBJECT(n)) out.push_back(failure_from(json_node_get_object(n)));
  }
  return out;
}

bool VersionStore::has_failed(const std::string& version) const {
  for (const auto& f : failed())
    if (f.version == version) return true;
  return false;
}

bool VersionStore::add_failed(const FailedVersion& failure, std::string& error) {
  std::vector<FailedVersion> all = failed();
  all.push_back(failure);
  constexpr size_t kKept = 20;
  if (all.size() > kKept) all.erase(all.begin(), all.end() - kKept);
  JsonNodePtr node = json_array_of(all, failure_node);
  return write_json_atomic(dir_.get(), "failed.json", node.get(), error, 0644);
}

std::optional<FailedVersion> VersionStore::fallback() const {
  JsonFile f = read_json(dir_.get(), "fallback.json");
  if (!f || !JSON_NODE_HOLDS_OBJECT(f.root.get())) return std::nullopt;
  return failure_from(json_node_get_object(f.root.get()));
}

bool VersionStore::write_fallback(const FailedVersion& fallback, std::string& error) {
  return write_json_atomic(dir_.get(), "fallback.json", failure_node(fallback).get(), error, 0644);
}

std::vector<std::string> VersionStore::installed() const {
  Fd dir = versions_dir();
  if (!dir) return {};
  auto names = list_directory(dir.get());
  return names ? *names : std::vector<std::string>{};
}

Fd VersionStore::versions_dir() const { return open_subdirectory(dir_.get(), kVersions); }

bool VersionStore::remove_version(const std::string& name, std::string& error) {
  if (!is_plain_file_name(name) || name == current() || name == previous()) {
    error = str_cat({"refusing to remove version \"", name, "\""});
    return false;
  }
  Fd dir = versions_dir();
  if (!dir) {
    error = errno_message("Failed to open", str_cat({path_, "/", kVersions}), errno);
    return false;
  }
  return remove_tree_at(dir.get(), name, error);
}

}  // namespace hoist
