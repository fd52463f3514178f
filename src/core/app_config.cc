#include "core/app_config.hh"

#include <glib.h>

#include "common/glib_ptr.hh"

namespace hoist {

std::string ConfigProblem::to_string() const {
  std::string s = file + ":" + std::to_string(line) + ": ";
  if (!group.empty()) s += "[" + group + "]" + (key.empty() ? "" : " " + key + "=") + ": ";
  s += message;
  const GCharPtr valid(g_utf8_make_valid(s.data(), static_cast<gssize>(s.size())));
  return valid.get();
}

std::string_view restart_mode_name(RestartMode mode) {
  switch (mode) {
    case RestartMode::Restart: return "restart";
    case RestartMode::Reload: return "reload";
    case RestartMode::ReloadOrRestart: return "reload-or-restart";
    case RestartMode::TryRestart: return "try-restart";
  }
  return "restart";
}

std::string default_app_directory(std::string_view app) {
  return std::string(kDefaultAppsRoot) + "/" + std::string(app);
}

}  // namespace hoist
