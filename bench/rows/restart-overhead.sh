# shellcheck shell=bash
# Row restart-overhead: what a health-gated restart through hoistd costs next
# to a bare restart (sourced by tools/bench).
#
# The socket-activated example app (hello.service behind hello.socket, set
# up by hello_app_ensure, its app file with StabilizeSec=0) is restarted on
# both sides; hyperfine (no shell, BENCH_WARMUP warm-up runs, BENCH_RUNS
# timed runs) times two small sh scripts written into the sandbox:
#   hoist      hoistctl rollback hello CURRENT --wait, CURRENT being the
#              app's current release (read once, before the runs): a
#              rollback to the release that is already current, i.e. a
#              health-gated restart through hoistd. hoistctl starts,
#              connects to the system bus, subscribes to hoistd's signals,
#              calls Rollback and follows the deploy (GetDeploy, signals)
#              until it is over; hoistd switches `current` (to the same
#              release), resets and restarts hello.service (ResetFailed,
#              RestartUnit, waits for the job), then gates: hello.socket
#              and hello.service active, GET /health answered 2xx (its
#              probe: Connection: close, 5 s per attempt, retried every
#              1000 ms, HealthProber's default that hoistd does not
#              change, up to Retries=10).
#              With StabilizeSec=0 the gate ends at the first good probe:
#              NRestarts is compared only after a stabilize window. The
#              deploy record and the app's state are saved (atomic JSON
#              files, fsync'ed) at every step. All of it, hoistctl's own
#              start and D-Bus round trips included, is in the time.
#   reference  systemctl restart hello.service, then curl GET /health until
#              it answers 200 (5 s per attempt, retried every 1 s like the
#              gate's probe, at most 10 tries).
# Goal: ratio <= 1.2. Both sides wait for the same restart job and the same
# stop and start of the app (python); row restart-overhead-added shows the
# difference of the medians in milliseconds (no goal). The details add
# medians over the rollbacks of hoistd's own deploy records (hoistctl --json
# history): queued → finished, started → finished and each step, so that
# hoistctl's share and hoistd's are told apart. On both sides the
# first probe normally passes: it connects at once and waits in
# hello.socket's backlog until the new process accepts, so the retry
# interval only matters when a probe fails.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[restart-overhead]="health-gated restart (StabilizeSec=0)"

RESTART_OVERHEAD_DIR=/usr/local/libexec/hoist-bench

# _restart_overhead_current: the example app's current release (the name
# /srv/hoist/hello/current points at).
_restart_overhead_current() {
  local link
  link=$(bx readlink /srv/hoist/hello/current) || return 1
  echo "${link##*/}"
}

# _restart_overhead_inside: reads hoistctl --json history (newest first) and
# prints, as JSON, medians over the succeeded rollbacks in it: queued →
# finished and started → finished inside hoistd, and each step's duration.
_restart_overhead_inside() {
  python3 -c '
import json, statistics, sys
rs = [r for r in json.load(sys.stdin) if r["kind"] == "rollback" and r["state"] == "succeeded"]
med = lambda xs: round(statistics.median(xs) / 1000, 3) if xs else None
steps = {}
for r in rs:
    for s in r["steps"]:
        steps.setdefault(s["name"], []).append(s["duration_usec"])
print(json.dumps({
    "rollbacks": len(rs),
    "queued_to_finished_ms": med([r["finished_usec"] - r["queued_usec"] for r in rs]),
    "started_to_finished_ms": med([r["finished_usec"] - r["started_usec"] for r in rs]),
    "step_ms": {k: med(v) for k, v in steps.items()},
}, sort_keys=True))'
}

row_restart_overhead() {
  local url stats h r n inside current gated=$RESTART_OVERHEAD_DIR/gated-restart raw=$RESTART_OVERHEAD_DIR/raw-restart
  hello_app_ensure
  hoistd_activate
  url=$(hello_url /health)
  current=$(_restart_overhead_current)
  [[ -n $current ]] || { bench_say "[restart-overhead] the example app has no current release"; return 1; }
  sbx_write_file "$gated" 0755 <<SCRIPT
#!/bin/sh
# tools/bench restart-overhead, hoist side: a health-gated restart through
# hoistd (a rollback to the release that is current).
exec hoistctl rollback hello $current --wait >/dev/null
SCRIPT
  sbx_write_file "$raw" 0755 <<SCRIPT
#!/bin/sh
# tools/bench restart-overhead, reference: restart, then curl until 200.
set -e
systemctl restart hello.service
tries=1
until curl -fs -o /dev/null --max-time 5 $url; do
  [ \$tries -lt 10 ] || exit 1
  tries=\$((tries + 1))
  sleep 1
done
SCRIPT
  bx "$gated" || { bench_say "[restart-overhead] the gated restart failed"; return 1; }
  bx "$raw" || { bench_say "[restart-overhead] the restart + curl loop failed"; return 1; }
  stats=$BENCH_RUN_DIR/restart-overhead.stats
  # Untimed before each run of both: systemd's start limit (5 starts in 10 s)
  # would otherwise stop the back-to-back restarts of the reference.
  bench_hyperfine restart-overhead --prepare "systemctl reset-failed hello.service" \
    -n gated "$gated" -n raw "$raw" >"$stats" || {
    bench_say "[restart-overhead] a timed command failed; hello.service now: $(bx systemctl status --no-pager -n 5 hello.service 2>&1)"
    return 1
  }
  cat "$stats" >>"$BENCH_LOG"
  h=$(hyperfine_field "$stats" gated 2)
  r=$(hyperfine_field "$stats" raw 2)
  [[ $(_restart_overhead_current) == "$current" ]] ||
    { bench_say "[restart-overhead] the current release changed during the runs"; return 1; }
  bench_say "[restart-overhead] medians: hoistctl rollback to current $h ms, restart + curl loop $r ms"
  n=$((BENCH_RUNS + BENCH_WARMUP + 1))
  inside=$(bx hoistctl --json history -n "$((n < 50 ? n : 50))" hello | _restart_overhead_inside)
  bench_say "[restart-overhead] inside hoistd (medians over the rollbacks): $inside"
  bench_record id=restart-overhead "what=${BENCH_WHAT[restart-overhead]}" unit=ms "hoist=$h" "reference=$r" \
    "hoist_what=hoistctl rollback hello $current --wait (the current release: hoistd restarts socket-activated hello.service and gates it, StabilizeSec=0, HTTP probe of /health), hoistctl's start and D-Bus round trips included, hyperfine median of $BENCH_RUNS" \
    "reference_what=systemctl restart hello.service, then curl GET /health until 200 (every 1 s, like the gate's probe), hyperfine median of $BENCH_RUNS" \
    goal_on=ratio "goal_op=<=" goal_value=1.2 \
    "details=$(json_obj url "$url" release "$current" hyperfine "$(stats_json restart-overhead)" \
      inside_hoistd "$inside")"
  BENCH_WHAT[restart-overhead-added]="  … added by hoist"
  bench_record id=restart-overhead-added "what=${BENCH_WHAT[restart-overhead-added]}" unit=ms \
    "hoist=$(calc "$h - $r")" \
    "hoist_what=median of hoistctl rollback to the current release minus median of restart + curl loop (the same samples as restart-overhead)"
}
