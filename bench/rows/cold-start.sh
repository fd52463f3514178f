# shellcheck shell=bash disable=SC2016  # $1, $2 in awk and sh -c programs are theirs
# Row cold-start: from a stopped hoistd to the first /healthz answer
# (sourced by tools/bench).
#
# BENCH_RUNS times: stop hoistd.service (hoistd.socket keeps listening; the
# start rate limit is reset), then one curl GET /healthz from inside the
# sandbox; its time_total covers connect, systemd starting hoistd.service
# (fork, sandboxing, exec), hoistd's setup and the answer. Every sample must
# be a 200 from a new hoistd process. PID 1's timestamps give, per start,
# fork → READY=1 (ExecMainStartTimestamp → ActiveEnterTimestamp), in the
# details. Reference: BENCH_WARMUP + BENCH_RUNS warm GET /healthz to the
# running hoistd in one loop, the first BENCH_WARMUP dropped.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[cold-start]="cold start to first /healthz"

row_cold_start() {
  local i line code total old new cold=() ready=() warm=() url samples
  url=$(sbx_url /healthz)
  old=$(hoistd_pid)
  for ((i = 0; i < BENCH_RUNS; i++)); do
    hoistd_stop
    line=$(bx curl -sS -o /dev/null --max-time 10 -w '%{http_code} %{time_total}' "$url")
    read -r code total <<<"$line"
    [[ $code == 200 ]] || { bench_say "[cold-start] GET /healthz answered $code"; return 1; }
    wait_for 10 "hoistd.service to be active" sbx systemctl is-active --quiet hoistd.service
    new=$(hoistd_pid)
    [[ $new != "$old" && $new != 0 ]] || { bench_say "[cold-start] no new hoistd process (MainPID $new)"; return 1; }
    old=$new
    cold+=("$(calc "$total * 1000")")
    ready+=("$(calc "($(unit_prop hoistd.service ActiveEnterTimestampMonotonic) - $(unit_prop hoistd.service ExecMainStartTimestampMonotonic)) / 1000")")
  done
  samples=$(bx bash -c 'for ((i = 0; i < $2; i++)); do
      curl -fsS -o /dev/null --max-time 10 -w "%{time_total}\n" "$1"; done' sh "$url" \
    $((BENCH_WARMUP + BENCH_RUNS)))
  mapfile -t warm < <(tail -n "$BENCH_RUNS" <<<"$samples" | awk '{ printf "%.6g\n", $1 * 1000 }')
  ((${#warm[@]} == BENCH_RUNS)) || { bench_say "[cold-start] warm requests failed"; return 1; }
  bench_say "[cold-start] cold ms: ${cold[*]}"
  bench_say "[cold-start] fork→READY ms: ${ready[*]}"
  bench_record id=cold-start "what=${BENCH_WHAT[cold-start]}" unit=ms \
    "hoist=$(median "${cold[@]}")" "reference=$(median "${warm[@]}")" \
    "hoist_what=curl time_total of the first GET /healthz after systemctl stop hoistd.service, median of $BENCH_RUNS" \
    "reference_what=curl time_total of a warm GET /healthz, median of $BENCH_RUNS" \
    goal_on=hoist "goal_op=<=" goal_value=30 \
    "details=$(json_obj cold_ms "[$(IFS=,; echo "${cold[*]}")]" warm_ms "[$(IFS=,; echo "${warm[*]}")]" \
      fork_to_ready_ms "[$(IFS=,; echo "${ready[*]}")]" fork_to_ready_median_ms "$(median "${ready[@]}")")"
}
