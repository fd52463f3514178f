// `systemd-analyze verify` of rendered unit files, before anything is
// installed: a unit that cannot start (a command that is not executable, a
// missing dependency) or a line systemd would ignore (an unknown key, a
// value it cannot parse) refuses the files.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/unit_template.hh"

namespace hoist {

// What systemd-analyze's output says is wrong with the files it verified in
// dir, one problem per line with dir replaced by nothing ("api.service:3:
// Unknown key 'Bogus' in section [Service], ignoring."); lines about other
// units are left out. With a failing exit status and no such line, the
// whole output.
std::string verify_problems(const std::string& output, const std::string& dir, bool exited_ok);

using VerifyFn = std::function<void(bool ok, const std::string& problems)>;

// Writes files into a new directory under work_dir, runs `systemd-analyze
// [--user] verify` on the unit files (drop-ins found through
// SYSTEMD_UNIT_PATH), removes the directory and calls fn. The returned
// handle cancels: fn is not called once it is gone.
std::shared_ptr<void> verify_unit_files(const std::vector<UnitFile>& files, const std::string& work_dir,
                                        bool user, VerifyFn fn);

}  // namespace hoist
