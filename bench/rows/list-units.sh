# shellcheck shell=bash disable=SC2016  # $1, $2 in awk and sh -c programs are theirs
# Row list-units: status of many units in one call (sourced by tools/bench).
#
# BENCH_UNITS trivial units bench-NNN.service (Type=oneshot,
# RemainAfterExit=yes, ExecStart=/bin/true) are written into the sandbox and
# started. Then hyperfine (no shell, BENCH_WARMUP warm-up runs, BENCH_RUNS
# timed runs, output to /dev/null) times, side by side:
#   hoist      hoistctl --json status 'bench-*'   (the client path: one
#              ListUnits call; hoistd asks PID 1 for ListUnitsByPatterns,
#              then GetAll of the Unit and Service interfaces of each unit,
#              64 calls in flight)
#   raw        busctl call ... ListUnits as 1 'bench-*'   (the same D-Bus
#              call without hoistctl's formatting; row list-units-raw)
#   reference  systemctl show bench-000.service ... (all names; one GetAll
#              of all properties per unit, one after the other)
# hoistctl is checked to report exactly BENCH_UNITS units, all active.
# Afterwards BENCH_RUNS more calls of hoistctl and of systemctl show each
# measure the CPU time PID 1, dbus-daemon and hoistd spend per call (details:
# server_cpu_per_call). As root, systemctl talks to PID 1's private socket,
# without dbus-daemon; hoistctl → dbus-daemon → hoistd → dbus-daemon → PID 1.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[list-units]="ListUnits, $BENCH_UNITS units"

_list_units_create() {
  local i name dir=$SBX_ROOT/etc/systemd/system
  local -a names=()
  for ((i = 0; i < BENCH_UNITS; i++)); do
    printf -v name 'bench-%03d.service' "$i"
    names+=("$name")
    printf '[Unit]\nDescription=hoist bench unit %d\n\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n' \
      "$i" >"$dir/$name"
  done
  bx systemctl daemon-reload
  BX_TIMEOUT=300 bx systemctl start "${names[@]}"
  printf '%s\n' "${names[@]}"
}

row_list_units() {
  local -a names
  local count stats pattern='bench-*'
  local created
  created=$(_list_units_create)
  mapfile -t names <<<"$created"
  ((${#names[@]} == BENCH_UNITS)) || return 1
  count=$(bx hoistctl --json status "$pattern" |
    python3 -c 'import json, sys; u = json.load(sys.stdin); print(sum(x["active_state"] == "active" for x in u), len(u))')
  [[ $count == "$BENCH_UNITS $BENCH_UNITS" ]] ||
    { bench_say "[list-units] hoistctl reported '$count' (active, total) instead of $BENCH_UNITS"; return 1; }
  stats=$BENCH_RUN_DIR/list-units.stats
  bench_hyperfine list-units \
    -n hoistctl "hoistctl --json status '$pattern'" \
    -n busctl "busctl call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager ListUnits as 1 '$pattern'" \
    -n systemctl "systemctl show ${names[*]}" >"$stats"
  cat "$stats" >>"$BENCH_LOG"
  local h r raw hcpu rcpu
  h=$(hyperfine_field "$stats" hoistctl 2)
  raw=$(hyperfine_field "$stats" busctl 2)
  r=$(hyperfine_field "$stats" systemctl 2)
  bench_say "[list-units] medians: hoistctl $h ms, busctl $raw ms, systemctl show $r ms"
  hcpu=$(server_cpu "$BENCH_RUNS" hoistctl --json status "$pattern")
  rcpu=$(server_cpu "$BENCH_RUNS" systemctl show "${names[@]}")
  bench_say "[list-units] server CPU per call: hoistctl $hcpu; systemctl show $rcpu"
  bench_record id=list-units "what=${BENCH_WHAT[list-units]}" unit=ms "hoist=$h" "reference=$r" \
    "hoist_what=hoistctl --json status 'bench-*' (one ListUnits call), hyperfine median of $BENCH_RUNS" \
    "reference_what=systemctl show with all $BENCH_UNITS unit names, hyperfine median of $BENCH_RUNS" \
    goal_on=ratio "goal_op=<=" goal_value=1 \
    "details=$(json_obj units "$BENCH_UNITS" hyperfine "$(stats_json list-units)" \
      server_cpu_per_call "$(json_obj hoistctl "$hcpu" systemctl "$rcpu")")"
  BENCH_WHAT[list-units-raw]="  … via busctl (raw D-Bus)"
  bench_record id=list-units-raw "what=${BENCH_WHAT[list-units-raw]}" unit=ms "hoist=$raw" "reference=$r" \
    "hoist_what=busctl call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager ListUnits as 1 'bench-*', hyperfine median" \
    "reference_what=systemctl show with all $BENCH_UNITS unit names (the same samples as list-units)"
}

