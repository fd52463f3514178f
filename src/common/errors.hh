// D-Bus error names of org.hoist.Hoist1 (see dbus/org.hoist.Hoist1.Manager.xml).
#pragma once

#include <string>

namespace hoist::errors {

inline constexpr const char* kInvalidArgument = "org.hoist.Hoist1.Error.InvalidArgument";
inline constexpr const char* kNoSuchUnit = "org.hoist.Hoist1.Error.NoSuchUnit";
inline constexpr const char* kNotAuthorized = "org.hoist.Hoist1.Error.NotAuthorized";
inline constexpr const char* kJobFailed = "org.hoist.Hoist1.Error.JobFailed";
inline constexpr const char* kJobNotApplicable = "org.hoist.Hoist1.Error.JobNotApplicable";
inline constexpr const char* kBusy = "org.hoist.Hoist1.Error.Busy";
inline constexpr const char* kNoSuchApp = "org.hoist.Hoist1.Error.NoSuchApp";
inline constexpr const char* kNoSuchDeploy = "org.hoist.Hoist1.Error.NoSuchDeploy";
inline constexpr const char* kNoSuchRelease = "org.hoist.Hoist1.Error.NoSuchRelease";
inline constexpr const char* kNoSuchRollout = "org.hoist.Hoist1.Error.NoSuchRollout";
inline constexpr const char* kFailed = "org.hoist.Hoist1.Error.Failed";
inline constexpr const char* kNotEnabled = "org.hoist.Hoist1.Error.NotEnabled";

}  // namespace hoist::errors

namespace hoist {

// A refused request: a D-Bus error name above and the message for people.
struct ApiError {
  const char* name = nullptr;
  std::string message;
};

}  // namespace hoist

namespace hoist::dbus {

inline constexpr const char* kBusName = "org.hoist.Hoist1";
inline constexpr const char* kObjectPath = "/org/hoist/Hoist1";
inline constexpr const char* kManagerInterface = "org.hoist.Hoist1.Manager";
inline constexpr const char* kAppInterface = "org.hoist.Hoist1.App";
inline constexpr const char* kAppPathPrefix = "/org/hoist/Hoist1/app";

}  // namespace hoist::dbus
