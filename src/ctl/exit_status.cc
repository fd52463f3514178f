#include "ctl/exit_status.hh"

#include "common/errors.hh"

namespace hoist::ctl::exit_status {
namespace {

constexpr std::string_view kAccessDenied = "org.freedesktop.DBus.Error.AccessDenied";

int rank(int status) {
  switch (status) {
    case kSuccess:
      return 0;
    case kNotRunning:
      return 1;
    case kStatusUnknown:
      return 2;
    default:
      return 3;
  }
}

// Verbs that only read, for which a missing object is "status unknown" as
// for status, rather than "not installed" as for start.
bool only_reads(Verb verb) {
  switch (verb) {
    case Verb::Status:
    case Verb::Show:
    case Verb::Releases:
    case Verb::History:
    case Verb::DeployStatus:
    case Verb::Pending:
    case Verb::RolloutStatus:
    case Verb::Diff:
      return true;
    default:
      return false;
  }
}

bool names_missing_object(std::string_view error_name) {
  return error_name == errors::kNoSuchUnit || error_name == errors::kNoSuchApp ||
         error_name == errors::kNoSuchDeploy || error_name == errors::kNoSuchRelease ||
         error_name == errors::kNoSuchRollout;
}

}  // namespace

int failure(Verb verb) { return verb == Verb::Diff ? kDiffTrouble : kFailure; }

int for_bus_error(Verb verb, std::string_view error_name) {
  if (names_missing_object(error_name)) return only_reads(verb) ? kStatusUnknown : kNotInstalled;
  if (error_name == errors::kNotAuthorized || error_name == kAccessDenied) return kNoPermission;
  // systemctl reload of a unit that cannot reload exits 3 as well.
  if (error_name == errors::kJobNotApplicable) return kNotRunning;
  return failure(verb);
}

int worst(int a, int b) { return rank(a) >= rank(b) ? a : b; }

}  // namespace hoist::ctl::exit_status
