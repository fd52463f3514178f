// The health gate of a deploy or restart: every unit active, its NRestarts
// unchanged and still the same invocation through the stabilize window (a
// crash loop under Restart=always is a failure, not "activating"), and the
// app's probe passing.
#pragma once

#include <glib.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/health_probe.hh"
#include "systemd/pid1.hh"

namespace hoist {

struct GateSpec {
  std::vector<std::string> units;
  ProbeSpec probe;
  uint64_t stabilize_usec = 30ull * 1000 * 1000;
};

struct GateResult {
  bool healthy = false;
  std::string reason;  // why not ("api.service is failed (exit-code)", "probe: HTTP 503", ...)
  std::string probe_detail;
};

// "active", or what is wrong with the unit in words; pure, for tests.
std::string unit_health_problem(const UnitStatus& s);

class HealthGate {
 public:
  HealthGate(Pid1& pid1, HealthProber& prober) : pid1_(pid1), prober_(prober) {}
  ~HealthGate();
  HealthGate(const HealthGate&) = delete;
  HealthGate& operator=(const HealthGate&) = delete;

  using DoneFn = std::function<void(const GateResult&)>;
  // Checks the units, runs the probe, waits stabilize_usec and checks the
  // units again. fn is never called after destruction.
  void check(const GateSpec& spec, DoneFn fn);

  // Only the units and the probe, no stabilize window (pre-deploy checks).
  void check_now(const GateSpec& spec, DoneFn fn);

 private:
  struct Run;
  void start(const GateSpec& spec, bool stabilize, DoneFn fn);
  void snapshot(std::shared_ptr<Run> run, std::function<void(std::shared_ptr<Run>)> next);
  void after_probe(std::shared_ptr<Run> run);
  void finish(std::shared_ptr<Run> run, bool healthy, std::string reason);

  Pid1& pid1_;
  HealthProber& prober_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::vector<guint> timers_;
};

}  // namespace hoist
