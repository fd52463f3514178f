# shellcheck shell=bash disable=SC2016  # $1, $2 in awk and sh -c programs are theirs
# Row idle-rss: hoistd's resident memory once idle (sourced by tools/bench).
#
# hoistd is stopped, then activated through hoistd.socket by the first of
# five GET /healthz; a D-Bus property read (busctl get-property ... Version)
# follows. The reference, bench/baseline.c (GLib main loop + libsoup server +
# sd-bus on sd-event as a GSource, nothing else), gets the same five GETs.
# After BENCH_SETTLE seconds both VmRSS values are read from
# /proc/PID/status inside the sandbox. RssAnon, RssFile, Pss and VmHWM go to
# the details: RssFile is mostly shared library pages, which Pss divides
# among the processes that map them.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[idle-rss]="hoistd idle RSS"

row_idle_rss() {
  local hpid bpid hkb bkb
  hoistd_stop
  baseline_ensure
  for _ in 1 2 3 4 5; do
    bx curl -fsS -o /dev/null --max-time 10 "$(sbx_url /healthz)"
    bx curl -fsS -o /dev/null --max-time 10 "$(baseline_url /healthz)"
  done
  bx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager Version >/dev/null
  sleep "$BENCH_SETTLE"
  hpid=$(hoistd_pid)
  bpid=$(baseline_pid)
  [[ $hpid != 0 && $bpid != 0 ]] || { bench_say "hoistd ($hpid) or the baseline ($bpid) is not running"; return 1; }
  hkb=$(proc_kb "$hpid" VmRSS)
  bkb=$(proc_kb "$bpid" VmRSS)
  bench_say "[idle-rss] hoistd $hkb KiB, baseline $bkb KiB"
  bench_record id=idle-rss "what=${BENCH_WHAT[idle-rss]}" unit=MiB \
    "hoist=$(calc "$hkb / 1024")" "reference=$(calc "$bkb / 1024")" \
    "hoist_what=VmRSS of hoistd after socket activation, 5 GET /healthz, 1 D-Bus property read, ${BENCH_SETTLE} s settle" \
    "reference_what=VmRSS of bench/baseline.c (GLib + libsoup + sd-bus, serving a fixed body) after the same 5 GETs" \
    goal_on=hoist "goal_op=<=" goal_value=10 \
    "details=$(json_obj hoistd "$(mem_details "$hpid")" baseline "$(mem_details "$bpid")" \
      hoistd_rss_by_mapping "$(rss_by_mapping "$hpid" 20)" baseline_rss_by_mapping "$(rss_by_mapping "$bpid" 20)")"
}
