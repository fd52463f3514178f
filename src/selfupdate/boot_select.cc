#include "selfupdate/boot_select.hh"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/log.hh"
#include "common/str_cat.hh"
#include "core/utc_time.hh"

namespace hoist {
namespace {

// A version that is still selected after a fallback would loop: every
// round removes one, so this bounds nothing in practice but a bug.
constexpr int kMaxRounds = 8;

void record_failure(VersionStore& store, const std::string& version, const std::string& reason,
                    uint64_t now_usec, BootChoice& choice) {
  std::string error;
  const std::string previous = store.previous();
  const std::string to = previous != version ? previous : "";
  FailedVersion f{version, now_usec, reason, ""};
  if (!store.has_failed(version) && !store.add_failed(f, error)) choice.messages.push_back("Failed to record the failure: " + error);
  f.fell_back_to = to;
  if (!store.write_fallback(f, error)) choice.messages.push_back("Failed to record the fallback: " + error);
  if (!store.set_current(to, error) || !store.set_previous("", error) || !store.clear_trial(error))
    choice.messages.push_back("Failed to select the previous version: " + error);
  choice.messages.push_back(str_cat({"hoistd ", version, " failed (", reason, "); falling back to ",
                                     to.empty() ? std::string("the installed hoistd") : "hoistd " + to}));
}

}  // namespace

BootChoice choose_boot_version(VersionStore& store, const Version& own, uint64_t now_usec) {
  BootChoice choice;
  for (int round = 0; round < kMaxRounds; round++) {
    const std::string current = store.current();
    if (current.empty()) return choice;
    std::string error;
    auto v = parse_version(current, error);
    if (!v || compare_versions(*v, own) <= 0) return choice;
    if (!store.has_binary(current)) {
      record_failure(store, current, "its binary " + store.binary(current) + " is missing", now_usec, choice);
      continue;
    }
    auto trial = store.trial();
    if (trial && trial->version == current) {
      if (trial->tries_left <= 0) {
        record_failure(store, current,
                       "it stopped before confirming itself: it exited, crashed or did not reach "
                       "READY=1 in time",
                       now_usec, choice);
        continue;
      }
      trial->tries_left--;
      if (!store.write_trial(*trial, error)) {
        // Without the count a crashing version would be started forever.
        record_failure(store, current, "its start could not be counted: " + error, now_usec, choice);
        continue;
      }
      choice.messages.push_back(str_cat({"Starting hoistd ", current, " on trial"}));
    }
    choice.binary = store.binary(current);
    choice.version = current;
    return choice;
  }
  choice.messages.push_back("Too many fallbacks; running the installed hoistd");
  choice.binary.clear();
  choice.version.clear();
  return choice;
}

BootChoice fall_back_from(VersionStore& store, const Version& own, const std::string& version,
                          const std::string& reason, uint64_t now_usec) {
  BootChoice first;
  record_failure(store, version, reason, now_usec, first);
  BootChoice next = choose_boot_version(store, own, now_usec);
  first.messages.insert(first.messages.end(), next.messages.begin(), next.messages.end());
  next.messages = std::move(first.messages);
  return next;
}

void exec_selected_version(char** argv, const Version& own) {
  std::string error;
  bool missing = false;
  auto store = VersionStore::open(self_update_directory(), false, error, &missing);
  if (!store) {
    if (!missing) log::warning("Self-update: " + error + "; running the installed hoistd");
    return;
  }
  BootChoice choice = choose_boot_version(*store, own, realtime_now_usec());
  for (int round = 0; round < kMaxRounds; round++) {
    for (const auto& m : choice.messages) log::notice(m, {{"HOIST_EVENT", "self-update-select"}});
    if (choice.binary.empty()) return;
    execv(choice.binary.c_str(), argv);
    const std::string reason = str_cat({"exec ", choice.binary, ": ", strerror(errno)});
    choice = fall_back_from(*store, own, choice.version, reason, realtime_now_usec());
  }
}

}  // namespace hoist
