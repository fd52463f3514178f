// Test driver for the system suite: runs hoistd's building blocks against the
// real PID 1 inside the sandbox and prints the outcome as one JSON object.
// Not installed.
//
//   driver step [--user U] [--dir D] [--env K=V]... [--timeout-sec N] UNIT -- ARGV...
//   driver gate [--stabilize-sec N] [--http URL | --tcp HOST:PORT | --exec CMD]
//               [--timeout-sec N] [--retries N] UNIT...
//
// Exit status: 0 step succeeded / gate healthy, 3 not, 1 setup failure, 2 usage.
#include <getopt.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "common/sd_ptr.hh"
#include "core/health_gate.hh"
#include "systemd/event_glue.hh"
#include "systemd/step_runner.hh"

using namespace hoist;

namespace {

struct Json {
  GObj<JsonBuilder> b{json_builder_new()};
  Json() { json_builder_begin_object(b.get()); }
  void s(const char* k, const std::string& v) {
    json_builder_set_member_name(b.get(), k);
    json_builder_add_string_value(b.get(), v.c_str());
  }
  void i(const char* k, gint64 v) {
    json_builder_set_member_name(b.get(), k);
    json_builder_add_int_value(b.get(), v);
  }
  void print() {
    json_builder_end_object(b.get());
    printf("%s\n", json_builder_to_string(b.get()).c_str());
  }
};

uint64_t seconds(const char* s) { return strtoull(s, nullptr, 10) * 1000000ull; }

int parse_step(int argc, char** argv, StepSpec& spec) {
  static const option options[] = {{"user", required_argument, nullptr, 'u'},
                                   {"dir", required_argument, nullptr, 'd'},
                                   {"env", required_argument, nullptr, 'e'},
                                   {"timeout-sec", required_argument, nullptr, 't'},
                                   {}};
  int c;
  while ((c = getopt_long(argc, argv, "+", options, nullptr)) >= 0) {
    switch (c) {
      case 'u': spec.user = optarg; break;
      case 'd': spec.working_directory = optarg; break;
      case 'e': spec.environment.emplace_back(optarg); break;
      case 't': spec.timeout_usec = seconds(optarg); break;
      default: return -1;
    }
  }
  if (optind + 1 >= argc) return -1;
  spec.unit = argv[optind++];
  spec.description = "hoist test step " + spec.unit;
  if (strcmp(argv[optind], "--") == 0) optind++;
  for (int i = optind; i < argc; i++) spec.argv.emplace_back(argv[i]);
  return 0;
}

int parse_gate(int argc, char** argv, GateSpec& spec) {
  static const option options[] = {{"stabilize-sec", required_argument, nullptr, 's'},
                                   {"http", required_argument, nullptr, 'h'},
                                   {"tcp", required_argument, nullptr, 'c'},
                                   {"exec", required_argument, nullptr, 'x'},
                                   {"timeout-sec", required_argument, nullptr, 't'},
                                   {"retries", required_argument, nullptr, 'r'},
                                   {}};
  spec.stabilize_usec = 0;
  spec.probe.timeout_usec = 5000000;
  spec.probe.retries = 1;
  spec.probe.retry_interval_msec = 200;
  spec.probe.unit_prefix = "hoist-test-probe";
  int c;
  while ((c = getopt_long(argc, argv, "+", options, nullptr)) >= 0) {
    switch (c) {
      case 's': spec.stabilize_usec = seconds(optarg); break;
      case 'h': spec.probe.kind = ProbeSpec::Kind::Http; spec.probe.target = optarg; break;
      case 'c': spec.probe.kind = ProbeSpec::Kind::Tcp; spec.probe.target = optarg; break;
      case 'x': {
        spec.probe.kind = ProbeSpec::Kind::Exec;
        char** v = nullptr;
        if (!g_shell_parse_argv(optarg, nullptr, &v, nullptr)) return -1;
        for (char** p = v; *p; p++) spec.probe.argv.emplace_back(*p);
        g_strfreev(v);
        break;
      }
      case 't': spec.probe.timeout_usec = seconds(optarg); break;
      case 'r': spec.probe.retries = static_cast<unsigned>(atoi(optarg)); break;
      default: return -1;
    }
  }
  for (int i = optind; i < argc; i++) spec.units.emplace_back(argv[i]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::string command = argv[1];
  argc--;
  argv++;
  StepSpec step;
  GateSpec gate;
  if ((command == "step" && parse_step(argc, argv, step) < 0) ||
      (command == "gate" && parse_gate(argc, argv, gate) < 0) ||
      (command != "step" && command != "gate")) {
    fprintf(stderr, "usage: see the top of tests/system/driver.cc\n");
    return 2;
  }

  sd_event* e = nullptr;
  sd_bus* b = nullptr;
  if (sd_event_new(&e) < 0 || sd_bus_open_system(&b) < 0) return 1;
  EventPtr event(e);
  BusPtr bus(b);
  GMainLoopPtr loop(g_main_loop_new(nullptr, FALSE));
  GSourcePtr source(sd_event_gsource_new(e));
  g_source_attach(source.get(), nullptr);
  sd_bus_attach_event(b, e, 0);
  Pid1 pid1(b);
  if (pid1.subscribe() < 0) return 1;
  JournalReader journal(e, false);
  if (journal.open() < 0) return 1;
  JournalSync sync(e);
  StepRunner runner(pid1, journal, sync);
  HealthProber prober(&runner);
  HealthGate health(pid1, prober);

  Json out;
  bool ok = false, done = false;
  if (command == "step") {
    runner.run(step, [&](const StepOutcome& o) {
      ok = o.ok();
      out.s("error", o.error);
      out.s("job_result", o.job_result);
      out.s("result", o.result);
      out.i("exit_code", o.exit_code);
      out.i("exit_status", o.exit_status);
      out.s("invocation_id", o.invocation_id);
      out.i("duration_usec", static_cast<gint64>(o.duration_usec));
      out.s("output", o.output);
      out.i("output_cut", static_cast<gint64>(o.output_cut));
      out.s("describe", o.describe());
      done = true;
      g_main_loop_quit(loop.get());
    });
  } else {
    health.check(gate, [&](const GateResult& r) {
      ok = r.healthy;
      out.s("healthy", r.healthy ? "yes" : "no");
      out.s("reason", r.reason);
      out.s("probe", r.probe_detail);
      done = true;
      g_main_loop_quit(loop.get());
    });
  }
  // The callback may have run already (a step that cannot start at all).
  if (!done) g_main_loop_run(loop.get());
  sd_bus_flush(b);
  out.print();
  g_source_destroy(source.get());
  return ok ? 0 : 3;
}
