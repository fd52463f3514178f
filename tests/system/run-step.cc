// Test driver for the system suite: runs one deploy step through hoistd's
// StepRunner against the real PID 1 (inside the sandbox) and prints the
// outcome as JSON. Not installed.
//
//   run-step [--user U] [--dir D] [--env K=V]... [--timeout-sec N] UNIT -- ARGV...
#include <getopt.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "common/sd_ptr.hh"
#include "systemd/step_runner.hh"

using namespace hoist;

int main(int argc, char** argv) {
  StepSpec spec;
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
      case 't': spec.timeout_usec = strtoull(optarg, nullptr, 10) * 1000000ull; break;
      default: return 2;
    }
  }
  if (optind + 1 >= argc) {
    fprintf(stderr, "usage: run-step [OPTIONS] UNIT -- ARGV...\n");
    return 2;
  }
  spec.unit = argv[optind++];
  spec.description = "hoist test step " + spec.unit;
  if (std::string(argv[optind]) == "--") optind++;
  for (int i = optind; i < argc; i++) spec.argv.emplace_back(argv[i]);

  sd_event* e = nullptr;
  sd_bus* b = nullptr;
  if (sd_event_default(&e) < 0 || sd_bus_open_system(&b) < 0) return 1;
  EventPtr event(e);
  BusPtr bus(b);
  sd_bus_attach_event(b, e, 0);
  Pid1 pid1(b);
  if (pid1.subscribe() < 0) return 1;
  JournalReader journal(e, false);
  if (journal.open() < 0) return 1;
  JournalSync sync(e);
  StepRunner runner(pid1, journal, sync);

  StepOutcome outcome;
  runner.run(spec, [&](const StepOutcome& o) {
    outcome = o;
    sd_event_exit(e, 0);
  });
  sd_event_loop(e);
  sd_bus_flush(b);

  GObj<JsonBuilder> j(json_builder_new());
  json_builder_begin_object(j.get());
  auto s = [&](const char* k, const std::string& v) {
    json_builder_set_member_name(j.get(), k);
    json_builder_add_string_value(j.get(), v.c_str());
  };
  auto i = [&](const char* k, gint64 v) {
    json_builder_set_member_name(j.get(), k);
    json_builder_add_int_value(j.get(), v);
  };
  s("error", outcome.error);
  s("job_result", outcome.job_result);
  s("result", outcome.result);
  i("exit_code", outcome.exit_code);
  i("exit_status", outcome.exit_status);
  s("invocation_id", outcome.invocation_id);
  i("duration_usec", static_cast<gint64>(outcome.duration_usec));
  s("output", outcome.output);
  i("output_cut", static_cast<gint64>(outcome.output_cut));
  s("describe", outcome.describe());
  json_builder_end_object(j.get());
  printf("%s\n", json_builder_to_string(j.get()).c_str());
  return outcome.ok() ? 0 : 3;
}
