// hoistctl's commands against a fake hoistd (with its rollout and unit file
// methods) on a private bus: the test fixture.
#pragma once

#include <glib.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "ctl/args.hh"
#include "ctl/bus_client.hh"
#include "test_ctl_fake_hoistd.hh"
#include "test_ctl_fake_rollouts.hh"
#include "test_ctl_fake_unit_files.hh"

namespace hoist::test {

class CtlBusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char* daemon = g_find_program_in_path("dbus-daemon");
    bool found = daemon != nullptr;
    g_free(daemon);
    if (!found) GTEST_SKIP() << "dbus-daemon is not installed";
    bus_ = std::make_unique<PrivateBus>();
    ASSERT_FALSE(bus_->address().empty()) << "dbus-daemon did not start";
    hoistd_ = std::make_unique<FakeHoistd>(bus_->address());
    ASSERT_TRUE(hoistd_->ok());
    rollouts_ = std::make_unique<FakeRollouts>(*hoistd_);
    ASSERT_TRUE(rollouts_->ok());
    unit_files_ = std::make_unique<FakeUnitFiles>(*hoistd_);
    ASSERT_TRUE(unit_files_->ok());
  }
  void TearDown() override {
    hoistd_.reset();  // first: its bus serves the rollouts and unit files
    rollouts_.reset();
    unit_files_.reset();
    bus_.reset();
  }

  // Options as parsed for "hoistctl --user VERB hello".
  static ctl::Options options(ctl::Verb verb) {
    ctl::Options o;
    o.verb = verb;
    o.user = true;
    o.ask_password = false;
    o.app = "hello";
    return o;
  }

  FakeHoistd& hoistd() { return *hoistd_; }
  FakeRollouts& rollouts() { return *rollouts_; }
  FakeUnitFiles& unit_files() { return *unit_files_; }

  // Runs fn on a client (hoistd started first), capturing stdout and stderr.
  template <class Fn>
  int run(Fn fn) {
    hoistd_->start();
    return run_again(fn);
  }

  // The same, hoistd already started.
  template <class Fn>
  int run_again(Fn fn) {
    ctl::Client client = ctl::Client::connect(true, false);
    testing::internal::CaptureStdout();
    testing::internal::CaptureStderr();
    int status = fn(client);
    out_ = testing::internal::GetCapturedStdout();
    err_ = testing::internal::GetCapturedStderr();
    return status;
  }

  std::string out_, err_;

 private:
  std::unique_ptr<PrivateBus> bus_;
  std::unique_ptr<FakeHoistd> hoistd_;
  std::unique_ptr<FakeRollouts> rollouts_;
  std::unique_ptr<FakeUnitFiles> unit_files_;
};

}  // namespace hoist::test
