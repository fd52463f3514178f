# shellcheck shell=bash disable=SC2016  # $1, $2 in awk and sh -c programs are theirs
# Rows idle-wakeups and busy-wakeups: how often hoistd runs while it has
# nothing to do (sourced by tools/bench).
#
# A wake-up is a context switch: the sum of voluntary_ctxt_switches and
# nonvoluntary_ctxt_switches over every thread in /proc/PID/task/*/status
# (the process-wide /proc/PID/status counts the main thread only), read
# before and after a window of BENCH_IDLE seconds, scaled to a minute.
# hoistd and the reference (bench/baseline.c) are observed over the same
# window, after BENCH_SETTLE seconds of quiet. Per-thread counts go to the
# details, so a wake-up can be pinned on a thread.
#
# idle-wakeups: nothing happens in the sandbox. Goal 0.
# busy-wakeups: a transient timer runs /bin/true every second (one PID 1 job
# and a few journal lines per second, unrelated to hoistd). No goal: it shows
# what hoistd listens to (PID 1's signals, the journal) while nobody asked it
# for anything.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[idle-wakeups]="idle wake-ups per minute"
BENCH_WHAT[busy-wakeups]="wake-ups/min, busy host (info)"

# _wakeups_window → "HOIST_PER_MIN BASELINE_PER_MIN DETAILS_JSON" over one window.
_wakeups_window() {
  local hpid bpid h0 h1 b0 b1 t0 t1 seconds
  hoistd_activate
  baseline_ensure
  sleep "$BENCH_SETTLE"
  hpid=$(hoistd_pid)
  bpid=$(baseline_pid)
  t0=$(thread_switches "$hpid")
  h0=$(ctxt_switches "$hpid")
  b0=$(ctxt_switches "$bpid")
  seconds=$BENCH_IDLE
  sleep "$seconds"
  h1=$(ctxt_switches "$hpid")
  b1=$(ctxt_switches "$bpid")
  t1=$(thread_switches "$hpid")
  [[ $(hoistd_pid) == "$hpid" && $(baseline_pid) == "$bpid" ]] ||
    { bench_say "hoistd or the baseline restarted during the window"; return 1; }
  echo "$(calc "($h1 - $h0) * 60 / $seconds") $(calc "($b1 - $b0) * 60 / $seconds")" \
    "$(json_obj window_s "$seconds" hoistd_switches "$((h1 - h0))" baseline_switches "$((b1 - b0))" \
      hoistd_threads_before "$t0" hoistd_threads_after "$t1")"
}

row_idle_wakeups() {
  local h b details window
  window=$(_wakeups_window)
  read -r h b details <<<"$window"
  bench_say "[idle-wakeups] hoistd $h/min, baseline $b/min"
  bench_record id=idle-wakeups "what=${BENCH_WHAT[idle-wakeups]}" unit=/min "hoist=$h" "reference=$b" \
    "hoist_what=context switches of all hoistd threads over ${BENCH_IDLE} s of quiet, per minute" \
    "reference_what=the same for bench/baseline.c over the same window" \
    goal_on=hoist "goal_op=<=" goal_value=0 "details=$details"
}

row_busy_wakeups() {
  local h b details window
  bx systemd-run --quiet --unit=hoist-bench-tick --on-active=1s --on-unit-active=1s \
    --timer-property=AccuracySec=1ms --description="hoist bench: a job a second" /bin/true
  window=$(_wakeups_window)
  bx systemctl stop hoist-bench-tick.timer
  read -r h b details <<<"$window"
  bench_say "[busy-wakeups] hoistd $h/min, baseline $b/min"
  bench_record id=busy-wakeups "what=${BENCH_WHAT[busy-wakeups]}" unit=/min "hoist=$h" "reference=$b" \
    "hoist_what=context switches of all hoistd threads over ${BENCH_IDLE} s while a timer runs /bin/true every second, per minute" \
    "reference_what=the same for bench/baseline.c over the same window" \
    "details=$details"
}
