# shellcheck shell=bash disable=SC2016  # $1, $2 in sh -c programs are theirs
# Row deploy-load: what clients see while an app is restarted under load
# (sourced by tools/bench).
#
# The example app (examples/hello, set up by hello_app_ensure: its first
# release deployed by hoistd) runs twice in the sandbox:
#   hoist      hello.service behind hello.socket (systemd holds the listening
#              socket), deployed anew each round (a new commit: fetch, build,
#              switch, restart, health gate with StabilizeSec=0) by
#              `hoistctl deploy hello --wait`
#   reference  hello-ref.service, the same release binding its own port (no
#              socket unit), restarted with systemctl restart
# For each side in turn, hoist-load (tests/load) runs DEPLOY_LOAD_CLIENTS
# clients, each sending GET / back to back on a new connection (timeout 5 s),
# while the side is restarted BENCH_RUNS times: 1 s of load first, then each
# restart followed by DEPLOY_LOAD_GAP seconds, then the load stops and waits
# for the requests in flight. Both sides run the same number of restarts in
# windows of about the same length.
#   deploy-load          failed requests (refused or broken connections,
#                        timeouts, non-2xx answers) over all restarts of the
#                        side; goal 0 for hoist
#   deploy-load-latency  max added latency: hoist-load's slowest 2xx answer
#                        minus its median 2xx answer over the whole window
#                        (failed requests have no latency); no goal
# The details keep both hoist-load summaries (with the bodies that answered:
# the versions) and how long each restart command took.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[deploy-load]="failed requests, deploy under load"

DEPLOY_LOAD_CLIENTS=4
DEPLOY_LOAD_GAP=0.5

# hoist's side of the row: run in the sandbox once per round, after a new
# commit to /srv/hello.git (so that each deploy has something new to deploy).
DEPLOY_LOAD_HOIST_CMD=(hoistctl deploy hello --wait)
DEPLOY_LOAD_REF_CMD=(systemctl restart hello-ref.service)

# _deploy_load_side NAME URL CMD...: runs the load against URL while CMD
# restarts the app BENCH_RUNS times; leaves hoist-load's JSON summary in
# BENCH_RUN_DIR/deploy-load-NAME.json and the restart times (ms, comma-
# separated) in BENCH_RUN_DIR/deploy-load-NAME.restarts.
_deploy_load_side() {
  local name=$1 url=$2 stop=/run/hoist-bench/deploy-load-$1.stop
  local out=$BENCH_RUN_DIR/deploy-load-$1.json load rc=0 i t0
  local -a took=()
  shift 2
  bx mkdir -p /run/hoist-bench
  bx rm -f "$stop"
  BX_TIMEOUT=600 bx "$BENCH_LOAD_PATH" --url "$url" --concurrency "$DEPLOY_LOAD_CLIENTS" \
    --until-file "$stop" --duration 300 --timeout-ms 5000 --json >"$out" &
  load=$!
  sleep 1
  for ((i = 1; i <= BENCH_RUNS; i++)); do
    [[ $name != hoist ]] || hello_commit "1.0.$i"
    t0=$EPOCHREALTIME
    if ! bx "$@" >/dev/null; then
      bench_say "[deploy-load] $name: restart $i failed: $*"
      bx touch "$stop"
      wait "$load" || true
      return 1
    fi
    took+=("$(calc "($EPOCHREALTIME - $t0) * 1000")")
    sleep "$DEPLOY_LOAD_GAP"
  done
  bx touch "$stop"
  wait "$load" || rc=$?
  ((rc <= 1)) || { bench_say "[deploy-load] $name: hoist-load exited $rc: $(cat "$out")"; return 1; }
  (IFS=,; echo "${took[*]}") >"$BENCH_RUN_DIR/deploy-load-$name.restarts"
}

# _load_field NAME KEY: one number of a side's hoist-load summary.
_load_field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$BENCH_RUN_DIR/deploy-load-$1.json" "$2"; }

row_deploy_load() {
  local side hf rf hadd radd
  bench_need "$BENCH_LOAD_PATH"
  hello_app_ensure
  hoistd_activate
  _deploy_load_side hoist "$(hello_url /)" "${DEPLOY_LOAD_HOIST_CMD[@]}"
  _deploy_load_side reference "$(hello_ref_url /)" "${DEPLOY_LOAD_REF_CMD[@]}"
  for side in hoist reference; do
    bench_say "[deploy-load] $side: $(cat "$BENCH_RUN_DIR/deploy-load-$side.json")"
    cat "$BENCH_RUN_DIR/deploy-load-$side.json" >>"$BENCH_LOG"
  done
  hf=$(_load_field hoist failed)
  rf=$(_load_field reference failed)
  hadd=$(calc "$(_load_field hoist max_latency_ms) - $(_load_field hoist p50_latency_ms)")
  radd=$(calc "$(_load_field reference max_latency_ms) - $(_load_field reference p50_latency_ms)")
  local load="$DEPLOY_LOAD_CLIENTS hoist-load clients (GET / back to back, a new connection each)"
  bench_record id=deploy-load "what=${BENCH_WHAT[deploy-load]}" unit=req "hoist=$hf" "reference=$rf" \
    "hoist_what=failed requests of $load over $BENCH_RUNS deploys (a new commit each) of socket-activated hello.service with: ${DEPLOY_LOAD_HOIST_CMD[*]}" \
    "reference_what=the same over $BENCH_RUNS restarts of hello-ref.service (the same app binding its own port) with: ${DEPLOY_LOAD_REF_CMD[*]}" \
    goal_on=hoist "goal_op=<=" goal_value=0 \
    "details=$(json_obj clients "$DEPLOY_LOAD_CLIENTS" restarts "$BENCH_RUNS" gap_s "$DEPLOY_LOAD_GAP" \
      hoist_command "${DEPLOY_LOAD_HOIST_CMD[*]}" reference_command "${DEPLOY_LOAD_REF_CMD[*]}" \
      hoist "$(cat "$BENCH_RUN_DIR/deploy-load-hoist.json")" reference "$(cat "$BENCH_RUN_DIR/deploy-load-reference.json")" \
      hoist_restart_ms "[$(cat "$BENCH_RUN_DIR/deploy-load-hoist.restarts")]" \
      reference_restart_ms "[$(cat "$BENCH_RUN_DIR/deploy-load-reference.restarts")]")"
  BENCH_WHAT[deploy-load-latency]="  … max added latency"
  bench_record id=deploy-load-latency "what=${BENCH_WHAT[deploy-load-latency]}" unit=ms "hoist=$hadd" "reference=$radd" \
    "hoist_what=slowest minus median 2xx answer of the same hoist-load window (max_latency_ms - p50_latency_ms)" \
    "reference_what=the same for the reference window (refused requests have no latency)"
}
