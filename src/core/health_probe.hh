// An app's health probe: HTTP (2xx), TCP (connect) or a command (exit 0, run
// as a transient unit), tried up to `retries` times, each attempt given
// `timeout_usec`, failed attempts retried after `retry_interval_msec`.
#pragma once

#include <glib.h>

#include <functional>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include <libsoup/soup.h>

#include "common/glib_ptr.hh"
#include "systemd/step_runner.hh"

namespace hoist {

struct ProbeSpec {
  enum class Kind { None, Http, Tcp, Exec };
  Kind kind = Kind::None;
  std::string target;             // URL for Http, HOST:PORT for Tcp
  std::vector<std::string> argv;  // Exec
  std::string user;               // Exec runs as this user ("" root)
  std::string unit_prefix = "hoist-probe";  // Exec: transient unit names start so
  uint64_t timeout_usec = 30ull * 1000 * 1000;
  unsigned retries = 3;
  guint retry_interval_msec = 1000;
};

struct ProbeResult {
  bool passed = false;
  unsigned attempts = 0;
  std::string detail;  // what the last attempt saw: "HTTP 200", "connection refused", ...
};

class HealthProber {
 public:
  // steps runs Exec probes; nullptr if none will be asked for.
  explicit HealthProber(StepRunner* steps);
  ~HealthProber();
  HealthProber(const HealthProber&) = delete;
  HealthProber& operator=(const HealthProber&) = delete;

  using DoneFn = std::function<void(const ProbeResult&)>;
  // A Kind::None probe passes at once. fn is never called after destruction.
  void probe(const ProbeSpec& spec, DoneFn fn);

 private:
  struct Run;
  struct Ctx;
  // Arms the attempt's timeout; returns the context its callback owns.
  Ctx* start_attempt(const std::shared_ptr<Run>& run);
  void attempt(std::shared_ptr<Run> run);
  void attempt_http(std::shared_ptr<Run> run);
  void attempt_tcp(std::shared_ptr<Run> run);
  void attempt_exec(std::shared_ptr<Run> run);
  void attempt_done(std::shared_ptr<Run> run, bool passed, std::string detail);

  StepRunner* steps_;
  GObj<SoupSession> session_;
  GObj<GSocketClient> socket_client_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::list<std::weak_ptr<Run>> runs_;  // to cancel what is in flight on destruction
  unsigned exec_counter_ = 0;
};

}  // namespace hoist
