// Relations between apps, checked once all app files are read: After= and
// Requires= naming apps that do not exist, dependency cycles, and apps whose
// Directory= overlap.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/app_config.hh"

namespace hoist {

struct AppRelationProblem {
  std::string app;      // the app whose definition is at fault
  std::string key;      // its key: "After", "Requires" or "Directory"
  std::string other;    // the app that key names or overlaps with
  std::string message;  // follows "[App] Key=: "
  bool error = true;    // false: only a warning
};

// The apps an app waits for in a rollout: its After= and Requires= apps.
std::vector<std::string> app_dependencies(const AppConfig& app);

// A shortest dependency cycle through name among apps, as the names along it
// from name back to name ({"a", "b", "a"}); empty if there is none.
std::vector<std::string> dependency_cycle(const std::map<std::string, AppConfig>& apps,
                                          const std::string& name);

// What is wrong between apps, in app order. Naming an app of failed (its file
// exists but has errors) is only a warning; naming any other missing app, a
// cycle, or a Directory= equal to or nested in another app's are errors (an
// app still at its default directory, default_app_directory(), is never the
// one to blame).
std::vector<AppRelationProblem> app_relation_problems(const std::map<std::string, AppConfig>& apps,
                                                      const std::set<std::string>& failed);

}  // namespace hoist
