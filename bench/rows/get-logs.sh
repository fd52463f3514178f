# shellcheck shell=bash disable=SC2016  # $1, $2 in awk and sh -c programs are theirs
# Row get-logs: the newest lines of a unit's journal (sourced by tools/bench).
#
# hoist-bench-logs.service (Type=oneshot, LogRateLimitIntervalSec=0) writes
# BENCH_LOG_LINES + 500 numbered lines to stdout (the journal); the row waits
# until journalctl shows them all. Then hyperfine (no shell, BENCH_WARMUP
# warm-up runs, BENCH_RUNS timed runs, output to /dev/null) times, side by
# side:
#   hoist      hoistctl logs -n N -o json hoist-bench-logs.service
#              (one GetLogs call; hoistd reads its already open journal)
#   raw        busctl call ... GetLogs sus hoist-bench-logs.service N ""
#              (row get-logs-raw)
#   reference  journalctl -u hoist-bench-logs.service -n N -o json
#   cat        hoistctl logs -o cat vs journalctl -o cat: the same output on
#              both sides (row get-logs-cat, no goal)
# Both hoistctl and journalctl are checked to print exactly N entries.
# Afterwards BENCH_RUNS more hoistctl calls measure the CPU time hoistd,
# dbus-daemon and PID 1 spend per call (details: server_cpu_per_call).
# journalctl -o json prints every field of an entry (about 25), hoistctl's
# JSON six; the row compares what a user runs to get the newest N lines as
# JSON, not equal amounts of output.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[get-logs]="GetLogs, $BENCH_LOG_LINES lines"

row_get_logs() {
  local unit=hoist-bench-logs.service total=$((BENCH_LOG_LINES + 500)) n stats h r raw hc jc hcpu
  cat >"$SBX_ROOT/etc/systemd/system/$unit" <<UNIT
[Unit]
Description=hoist bench: writes $total log lines

[Service]
Type=oneshot
LogRateLimitIntervalSec=0
ExecStart=/usr/bin/seq -f "hoist bench log line %%.0f: the quick brown fox jumps over the lazy dog" 1 $total
UNIT
  bx systemctl daemon-reload
  bx systemctl start "$unit"
  wait_for 30 "$total lines of $unit in the journal" \
    sbx sh -c '[ "$(journalctl -u "$1" -o cat | grep -c "^hoist bench log line")" -ge "$2" ]' sh "$unit" "$total"
  hoistd_activate
  n=$(bx hoistctl logs -n "$BENCH_LOG_LINES" -o json "$unit" | wc -l)
  [[ $n == "$BENCH_LOG_LINES" ]] || { bench_say "[get-logs] hoistctl printed $n entries, not $BENCH_LOG_LINES"; return 1; }
  n=$(bx journalctl -u "$unit" -n "$BENCH_LOG_LINES" -o json | wc -l)
  [[ $n == "$BENCH_LOG_LINES" ]] || { bench_say "[get-logs] journalctl printed $n entries, not $BENCH_LOG_LINES"; return 1; }
  stats=$BENCH_RUN_DIR/get-logs.stats
  bench_hyperfine get-logs \
    -n hoistctl "hoistctl logs -n $BENCH_LOG_LINES -o json $unit" \
    -n busctl "busctl call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager GetLogs sus $unit $BENCH_LOG_LINES ''" \
    -n journalctl "journalctl -u $unit -n $BENCH_LOG_LINES -o json" \
    -n hoistctl-cat "hoistctl logs -n $BENCH_LOG_LINES -o cat $unit" \
    -n journalctl-cat "journalctl -u $unit -n $BENCH_LOG_LINES -o cat" >"$stats"
  cat "$stats" >>"$BENCH_LOG"
  h=$(hyperfine_field "$stats" hoistctl 2)
  raw=$(hyperfine_field "$stats" busctl 2)
  r=$(hyperfine_field "$stats" journalctl 2)
  hc=$(hyperfine_field "$stats" hoistctl-cat 2)
  jc=$(hyperfine_field "$stats" journalctl-cat 2)
  bench_say "[get-logs] medians: hoistctl $h ms, busctl $raw ms, journalctl $r ms; -o cat: hoistctl $hc ms, journalctl $jc ms"
  hcpu=$(server_cpu "$BENCH_RUNS" hoistctl logs -n "$BENCH_LOG_LINES" -o json "$unit")
  bench_say "[get-logs] server CPU per call: hoistctl $hcpu"
  bench_record id=get-logs "what=${BENCH_WHAT[get-logs]}" unit=ms "hoist=$h" "reference=$r" \
    "hoist_what=hoistctl logs -n $BENCH_LOG_LINES -o json (one GetLogs call), hyperfine median of $BENCH_RUNS" \
    "reference_what=journalctl -u UNIT -n $BENCH_LOG_LINES -o json, hyperfine median of $BENCH_RUNS" \
    goal_on=ratio "goal_op=<=" goal_value=1 \
    "details=$(json_obj lines_written "$total" lines_read "$BENCH_LOG_LINES" hyperfine "$(stats_json get-logs)" \
      server_cpu_per_call "$(json_obj hoistctl "$hcpu")")"
  BENCH_WHAT[get-logs-raw]="  … via busctl (raw D-Bus)"
  bench_record id=get-logs-raw "what=${BENCH_WHAT[get-logs-raw]}" unit=ms "hoist=$raw" "reference=$r" \
    "hoist_what=busctl call ... GetLogs sus UNIT $BENCH_LOG_LINES '', hyperfine median" \
    "reference_what=journalctl -u UNIT -n $BENCH_LOG_LINES -o json (the same samples as get-logs)"
  BENCH_WHAT[get-logs-cat]="  … both -o cat (messages only)"
  bench_record id=get-logs-cat "what=${BENCH_WHAT[get-logs-cat]}" unit=ms "hoist=$hc" "reference=$jc" \
    "hoist_what=hoistctl logs -n $BENCH_LOG_LINES -o cat, hyperfine median" \
    "reference_what=journalctl -u UNIT -n $BENCH_LOG_LINES -o cat, hyperfine median (equal output, unlike -o json)"
}
