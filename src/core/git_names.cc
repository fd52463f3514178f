#include "core/git_names.hh"

#include <glib.h>

#include <array>

#include "common/glib_ptr.hh"
#include "core/config_values.hh"

namespace hoist {
namespace {

constexpr size_t kRefNameMax = 255;

bool is_hex(char c) { return g_ascii_isxdigit(c); }

// Characters git-check-ref-format forbids anywhere (rules 4, 5 and 10).
bool forbidden_in_ref(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f || std::string_view(" ~^:?*[\\").find(c) != std::string_view::npos;
}

std::string describe(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u < 0x20 || u == 0x7f) return "a control character";
  return std::string("'") + c + "'";
}

}  // namespace

std::string ref_name_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name.size() > kRefNameMax) return "is longer than 255 bytes";
  if (name.front() == '-') return "starts with '-'";
  if (name == "@") return "is \"@\"";
  for (char c : name)
    if (forbidden_in_ref(c)) return "contains " + describe(c);
  if (name.front() == '/' || name.back() == '/') return "starts or ends with '/'";
  if (name.find("//") != std::string_view::npos) return "contains \"//\"";
  if (name.find("..") != std::string_view::npos) return "contains \"..\"";
  if (name.find("@{") != std::string_view::npos) return "contains \"@{\"";
  if (name.back() == '.') return "ends with '.'";
  for (auto rest = name; !rest.empty();) {
    auto slash = rest.find('/');
    auto part = rest.substr(0, slash);
    if (part.front() == '.') return "has a component starting with '.'";
    if (part.size() >= 5 && part.substr(part.size() - 5) == ".lock")
      return "has a component ending with \".lock\"";
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  return {};
}

std::string branch_name_problem(std::string_view name) {
  if (name == "HEAD") return "is \"HEAD\", which is not a branch";
  return ref_name_problem(name);
}

bool is_commit_id(std::string_view rev) {
  if (rev.size() < 7 || rev.size() > 64) return false;
  for (char c : rev)
    if (!is_hex(c)) return false;
  return true;
}

std::string revision_problem(std::string_view rev) {
  if (is_commit_id(rev)) return {};
  if (auto p = ref_name_problem(rev); !p.empty())
    return p + " (a revision is a commit id or a ref name)";
  return {};
}

std::string repository_problem(std::string_view url) {
  if (url.empty()) return "is empty";
  if (url.front() == '-') return "starts with '-'";
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return "contains whitespace or a control character";
  }
  if (url.front() == '/') return {};  // an absolute local path
  const auto first_slash = url.find('/');
  const auto helper = url.find("::");
  if (helper != std::string_view::npos && helper < first_slash)
    return "uses a git remote helper (TRANSPORT::ADDRESS), which is not allowed";
  if (const auto sep = url.find("://"); sep != std::string_view::npos && sep < first_slash) {
    const auto scheme = url.substr(0, sep);
    constexpr std::array<std::string_view, 7> kSchemes = {"file", "http",    "https",  "ssh",
                                                          "git",  "git+ssh", "ssh+git"};
    bool known = false;
    for (auto s : kSchemes) known = known || s == scheme;
    if (!known)
      return "has scheme " + quote_value(scheme) +
             "; use file://, http://, https://, ssh:// or git://";
    if (scheme == "file") {
      if (url.substr(sep + 3).empty()) return "names no path";
      return {};
    }
    GError* e = nullptr;
    const std::string copy(url);
    const Ptr<GUri, g_uri_unref> uri(g_uri_parse(copy.c_str(), G_URI_FLAGS_NON_DNS, &e));
    if (!uri) {
      const GErrorPtr error(e);
      return std::string("is not a valid URL: ") + e->message;
    }
    const char* host = g_uri_get_host(uri.get());
    if (!host || !*host) return "has no host";
    const char* user = g_uri_get_user(uri.get());
    if (host[0] == '-' || (user && user[0] == '-')) return "has a host or user starting with '-'";
    return {};
  }
  // scp-like [USER@]HOST:PATH: git recognizes it when no '/' comes before the first ':'.
  if (const auto colon = url.find(':'); colon != std::string_view::npos && colon < first_slash) {
    auto host = url.substr(0, colon);
    if (const auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    if (host.empty()) return "has no host before ':'";
    if (host.front() == '-') return "has a host starting with '-'";
    if (url.substr(colon + 1).empty()) return "has no path after ':'";
    return {};
  }
  return "is neither a URL, an scp-like address (USER@HOST:PATH) nor an absolute path";
}

}  // namespace hoist
