# shellcheck shell=bash
# Row restart-overhead: what hoist's health gate adds to a restart (sourced
# by tools/bench).
#
# The socket-activated example app (hello.service behind hello.socket, set
# up by hello_app_ensure) is restarted on both sides; hyperfine (no shell,
# BENCH_WARMUP warm-up runs, BENCH_RUNS timed runs) times two small sh
# scripts written into the sandbox:
#   hoist      systemctl restart hello.service, then the test driver's
#              health gate (tests/system/driver gate --stabilize-sec 0
#              --http URL hello.service): hoistd's HealthGate and
#              HealthProber code checking that the unit is active, probing
#              GET /health until it answers 2xx (retries every 200 ms), and
#              checking that NRestarts and the invocation did not change.
#              The driver is a process of its own: its start (exec, bus
#              connection, Subscribe, journal open) is in the time, which
#              hoistd, already running, would not pay per restart.
#   reference  systemctl restart hello.service, then curl GET /health until
#              it answers 200 (retries every 200 ms, like the gate).
# Goal: ratio <= 1.2. Both sides wait for the same restart job and the same
# stop and start of the app (python), so the difference is the gate: row
# restart-overhead-added shows it in milliseconds (no goal). The driver's and
# curl's own start overlap the app's start: both probes connect at once and
# wait in hello.socket's backlog until the new process accepts.
# TODO(deploy): when hoistd can run a health-gated restart itself (hoistctl
# deploy APP --wait, or a restart with the gate over D-Bus), time that instead
# of the driver: it is the path users take.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[restart-overhead]="health-gated restart (StabilizeSec=0)"

RESTART_OVERHEAD_DIR=/usr/local/libexec/hoist-bench

row_restart_overhead() {
  local url stats h r gated=$RESTART_OVERHEAD_DIR/gated-restart raw=$RESTART_OVERHEAD_DIR/raw-restart
  bench_need "$BENCH_DRIVER_PATH"
  hello_app_ensure
  url=$(hello_url /health)
  sbx_write_file "$gated" 0755 <<SCRIPT
#!/bin/sh
# tools/bench restart-overhead, hoist side: restart, then hoist's health gate.
set -e
systemctl restart hello.service
exec $BENCH_DRIVER_PATH gate --stabilize-sec 0 --http $url --timeout-sec 5 --retries 25 hello.service >/dev/null
SCRIPT
  sbx_write_file "$raw" 0755 <<SCRIPT
#!/bin/sh
# tools/bench restart-overhead, reference: restart, then curl until 200.
set -e
systemctl restart hello.service
tries=1
until curl -fs -o /dev/null --max-time 5 $url; do
  [ \$tries -lt 25 ] || exit 1
  tries=\$((tries + 1))
  sleep 0.2
done
SCRIPT
  bx "$gated" || { bench_say "[restart-overhead] the gated restart failed"; return 1; }
  bx "$raw" || { bench_say "[restart-overhead] the restart + curl loop failed"; return 1; }
  stats=$BENCH_RUN_DIR/restart-overhead.stats
  bench_hyperfine restart-overhead -n gated "$gated" -n raw "$raw" >"$stats"
  cat "$stats" >>"$BENCH_LOG"
  h=$(hyperfine_field "$stats" gated 2)
  r=$(hyperfine_field "$stats" raw 2)
  bench_say "[restart-overhead] medians: restart + gate $h ms, restart + curl loop $r ms"
  bench_record id=restart-overhead "what=${BENCH_WHAT[restart-overhead]}" unit=ms "hoist=$h" "reference=$r" \
    "hoist_what=systemctl restart of socket-activated hello.service, then tests/system/driver gate --stabilize-sec 0 --http /health (a process of its own), hyperfine median of $BENCH_RUNS" \
    "reference_what=the same systemctl restart, then curl GET /health until 200 (every 200 ms), hyperfine median of $BENCH_RUNS" \
    goal_on=ratio "goal_op=<=" goal_value=1.2 \
    "details=$(json_obj url "$url" hyperfine "$(stats_json restart-overhead)")"
  BENCH_WHAT[restart-overhead-added]="  … added by the gate"
  bench_record id=restart-overhead-added "what=${BENCH_WHAT[restart-overhead-added]}" unit=ms \
    "hoist=$(calc "$h - $r")" \
    "hoist_what=median of restart + gate minus median of restart + curl loop (the same samples as restart-overhead)"
}
