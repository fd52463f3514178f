#include <gtest/gtest.h>

#include <cerrno>

#include "common/errors.hh"
#include "ctl/bus_client.hh"
#include "ctl/exit_status.hh"

using namespace hoist;
using namespace hoist::ctl;

TEST(CtlExitStatus, FollowsSystemctl) {
  EXPECT_EQ(exit_status::for_bus_error(Verb::Status, errors::kNoSuchUnit), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Restart, errors::kNoSuchUnit), 5);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Restart, errors::kNotAuthorized), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Logs, "org.freedesktop.DBus.Error.AccessDenied"), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Start, errors::kJobFailed), 1);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Reload, errors::kJobNotApplicable), 3);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Start, errors::kInvalidArgument), 1);
  EXPECT_EQ(exit_status::for_bus_error(Verb::DaemonReload, errors::kFailed), 1);
}

TEST(CtlExitStatus, MissingAppsDeploysAndReleases) {
  // Commands that only read: "status unknown", as status of a missing unit.
  EXPECT_EQ(exit_status::for_bus_error(Verb::Show, errors::kNoSuchApp), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Releases, errors::kNoSuchApp), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::History, errors::kNoSuchApp), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::DeployStatus, errors::kNoSuchDeploy), 4);
  // Commands that act: "not installed", as start of a missing unit.
  EXPECT_EQ(exit_status::for_bus_error(Verb::Deploy, errors::kNoSuchApp), 5);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Rollback, errors::kNoSuchApp), 5);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Rollback, errors::kNoSuchRelease), 5);
  // confirm acts: nothing waiting is "not installed" too, as a missing app.
  EXPECT_EQ(exit_status::for_bus_error(Verb::Confirm, errors::kNoSuchDeploy), 5);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Confirm, errors::kNoSuchApp), 5);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Confirm, errors::kNotAuthorized), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Confirm, errors::kFailed), 1);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Pending, errors::kFailed), 1);
  // Refusals and everything else as for units.
  EXPECT_EQ(exit_status::for_bus_error(Verb::Deploy, errors::kNotAuthorized), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::ReloadConfig, errors::kNotAuthorized), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Deploy, errors::kInvalidArgument), 1);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Deploy, errors::kBusy), 1);
}

TEST(CtlExitStatus, Rollouts) {
  // rollout-status only reads, as deploy-status; cancel-rollout acts.
  EXPECT_EQ(exit_status::for_bus_error(Verb::RolloutStatus, errors::kNoSuchRollout), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::CancelRollout, errors::kNoSuchRollout), 5);
  EXPECT_EQ(exit_status::for_bus_error(Verb::CancelRollout, errors::kNotAuthorized), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Rollout, errors::kNoSuchApp), 5);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Rollout, errors::kNotAuthorized), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Rollout, errors::kInvalidArgument), 1);  // a cycle
  EXPECT_EQ(exit_status::for_bus_error(Verb::Rollout, errors::kBusy), 1);
}

TEST(CtlExitStatus, WorstForStatus) {
  EXPECT_EQ(exit_status::worst(0, 0), 0);
  EXPECT_EQ(exit_status::worst(0, 3), 3);
  EXPECT_EQ(exit_status::worst(4, 3), 4);
  EXPECT_EQ(exit_status::worst(3, 4), 4);
  EXPECT_EQ(exit_status::worst(4, 1), 1);
}

TEST(CtlCallError, DaemonUnreachable) {
  EXPECT_TRUE(CallError::bus_unavailable(-ENOENT).daemon_unreachable());
  EXPECT_TRUE(CallError("org.freedesktop.DBus.Error.ServiceUnknown", "x").daemon_unreachable());
  EXPECT_TRUE(CallError("org.freedesktop.DBus.Error.NameHasNoOwner", "x").daemon_unreachable());
  EXPECT_TRUE(CallError("org.freedesktop.DBus.Error.Spawn.ChildExited", "x").daemon_unreachable());
  EXPECT_TRUE(CallError("org.freedesktop.systemd1.UnitMasked", "x").daemon_unreachable());
  // hoistd answered, or went away mid-call: not "unreachable".
  EXPECT_FALSE(CallError(errors::kNoSuchUnit, "x").daemon_unreachable());
  EXPECT_FALSE(CallError("org.freedesktop.DBus.Error.NoReply", "x").daemon_unreachable());
  EXPECT_FALSE(CallError("", "local failure").daemon_unreachable());
}

TEST(CtlCallError, FromBusError) {
  sd_bus_error e = {errors::kJobFailed, "Job to start a.service failed.", 0};
  CallError c = CallError::from_bus_error(&e, -EIO);
  EXPECT_EQ(c.name(), errors::kJobFailed);
  EXPECT_STREQ(c.what(), "Job to start a.service failed.");
  CallError local = CallError::from_bus_error(nullptr, -ETIMEDOUT);
  EXPECT_EQ(local.name(), "");
  EXPECT_STREQ(local.what(), "Connection timed out");
}
