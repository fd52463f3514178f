// Drift between what PID 1 uses and the rendered templates: a changed or
// missing file, an unexpected drop-in (not a vendor one), a unit PID 1
// needs to reload, a unit file PID 1 takes from elsewhere.
#include <gtest/gtest.h>

#include "core/unit_drift.hh"

using namespace hoist;

namespace {

constexpr const char* kDir = "/etc/systemd/system";

struct Fixture {
  std::vector<UnitFile> rendered = {
      {"api.service", "[Service]\nEnvironment=STATIC_DIR=/srv/hoist/api/current/static\n"},
      {"api.service.d/limits.conf", "[Service]\nLimitNOFILE=4096\n"},
      {"api.socket", "[Socket]\nListenStream=8080\n"},
  };
  std::map<std::string, std::string> disk;
  std::map<std::string, UnitStatus> units;

  Fixture() {
    for (const auto& f : rendered) disk[std::string(kDir) + "/" + f.name] = f.content;
    UnitStatus api;
    api.name = "api.service";
    api.load_state = "loaded";
    api.fragment_path = "/etc/systemd/system/api.service";
    api.drop_in_paths = {"/etc/systemd/system/api.service.d/limits.conf",
                         "/usr/lib/systemd/system/service.d/10-timeout-abort.conf"};
    units["api.service"] = api;
    UnitStatus socket;
    socket.name = "api.socket";
    socket.load_state = "loaded";
    socket.fragment_path = "/etc/systemd/system/api.socket";
    units["api.socket"] = socket;
  }

  std::vector<DriftItem> drift() const {
    return find_drift(rendered, kDir, units, [this](const std::string& path) -> std::optional<std::string> {
      auto it = disk.find(path);
      if (it == disk.end()) return std::nullopt;
      return it->second;
    });
  }
};

std::vector<std::string> described(const std::vector<DriftItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(std::string(drift_kind_name(i.kind)) + " " + describe_drift(i));
  return out;
}

}  // namespace

TEST(UnitDrift, NoneWhenPid1UsesTheRenderedFiles) {
  EXPECT_TRUE(Fixture().drift().empty()) << "a vendor drop-in in /usr is not drift";
}

TEST(UnitDrift, AHandEditedUnitFile) {
  Fixture f;
  f.disk["/etc/systemd/system/api.service"] = "[Service]\n";
  f.units["api.service"].need_daemon_reload = true;
  EXPECT_EQ(described(f.drift()),
            (std::vector<std::string>{
                "changed api.service: /etc/systemd/system/api.service differs from its template",
                "needs-reload api.service: changed on disk since PID 1 loaded it (needs a daemon-reload)"}));
}

TEST(UnitDrift, AnExtraAndAMissingDropIn) {
  Fixture f;
  f.units["api.service"].drop_in_paths = {"/etc/systemd/system/api.service.d/override.conf",
                                          "/run/systemd/system.control/api.service.d/50-MemoryMax.conf"};
  EXPECT_EQ(described(f.drift()),
            (std::vector<std::string>{
                "missing api.service: PID 1 does not use the drop-in /etc/systemd/system/api.service.d/limits.conf",
                "extra api.service: unexpected drop-in /etc/systemd/system/api.service.d/override.conf",
                "extra api.service: unexpected drop-in /run/systemd/system.control/api.service.d/50-MemoryMax.conf"}));
}

TEST(UnitDrift, AMissingFileAndAnUnloadedUnit) {
  Fixture f;
  f.disk.erase("/etc/systemd/system/api.socket");
  f.units.erase("api.socket");
  EXPECT_EQ(described(f.drift()),
            (std::vector<std::string>{"missing api.socket: /etc/systemd/system/api.socket is not installed",
                                      "needs-reload api.socket: not loaded by PID 1"}));
}

TEST(UnitDrift, AUnitFileTakenFromElsewhere) {
  Fixture f;
  f.units["api.socket"].fragment_path = "/run/systemd/system/api.socket";
  EXPECT_EQ(described(f.drift()),
            (std::vector<std::string>{"changed api.socket: PID 1 uses /run/systemd/system/api.socket, "
                                      "not /etc/systemd/system/api.socket"}));
}

TEST(UnitDrift, UnitsOfTheFiles) {
  EXPECT_EQ(units_of(Fixture().rendered), (std::vector<std::string>{"api.service", "api.socket"}));
}
