# shellcheck shell=bash
# Row rollout: how close a rollout of many apps comes to the best any
# scheduler could do with their dependencies (sourced by tools/bench).
#
# ROLLOUT_APPS restart-only apps ro-01 … ro-75, each one unit roNN.service
# (Type=notify: a python program that sends READY=1 a fixed 0.10 to 0.50 s
# after it starts, then waits for SIGTERM; no start rate limit) and an app
# file with Units=ro-NN.service, no probe, StabilizeSec=ROLLOUT_STABILIZE.
# The dependency graph is made once, reproducibly (python's random with
# seed ROLLOUT_SEED): 8 layers of 8, 10, 12, 12, 11, 10, 8 and 4 apps; each
# app of layer L > 0 waits for 1 to 3 apps of layer L-1 (the first two of
# each layer are picked four times as often: fan-outs) and, one time in
# three, for one app of an earlier layer too, so the longest chain is 8
# apps. One edge in five is written as After= in the unit file only (hoistd
# reads it from PID 1), the others as the app's After= (or Requires=, one
# in three). hoistd's graph (depends_on in the rollout record) must equal it.
#
# ROLLOUT_RUNS times: D-Bus Rollout of the 75 names (options empty: no
# limit on parallelism), GetRollout every 0.25 s until it ended; it must
# have succeeded. From the record:
#   hoist      the rollout's duration_usec (created → finished: pre-check of
#              every app, then the restarts)
#   reference  the critical-path bound: the longest dependency chain, each
#              app weighted by its own duration_usec in the same record
#              (restart job + health gate + stabilize window). No scheduler
#              can finish before that chain has run one app after another.
# Goal: ratio <= 1.10. The table shows the run with the median ratio. The
# sub-row rollout-sequential puts the same wall time next to the sum of all
# apps' durations, what max-parallel 1 would take at best (no goal). The
# details keep every run's numbers: the chain, the pre-check (created →
# first app started), the most apps in flight at once and the gaps along
# the chain (an app finished → the next one started).
# Afterwards the apps and units are removed and hoistd reloaded, so that the
# rows after this one see the sandbox as before.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[rollout]="rollout of 75 apps / critical path"

ROLLOUT_SEED=8
ROLLOUT_RUNS=3
ROLLOUT_STABILIZE=100ms
ROLLOUT_UNIT_PROGRAM=/usr/local/libexec/hoist-bench/rollout-unit

# _rollout_graph → one line per app: NAME DELAY APP_AFTER APP_REQUIRES
# UNIT_AFTER (lists comma-separated, "-" when empty).
_rollout_graph() {
  python3 - "$ROLLOUT_SEED" <<'PY'
import random, sys
rnd = random.Random(int(sys.argv[1]))
sizes = [8, 10, 12, 12, 11, 10, 8, 4]
layers, n = [], 0
for size in sizes:
    layers.append([f"ro-{n + i + 1:02d}" for i in range(size)])
    n += size
for depth, layer in enumerate(layers):
    for name in layer:
        deps = set()
        if depth:
            prev = layers[depth - 1]
            weights = [4 if i < 2 else 1 for i in range(len(prev))]
            k = rnd.choice([1, 1, 2, 2, 3])
            while len(deps) < k:
                deps.add(rnd.choices(prev, weights)[0])
            if depth > 1 and rnd.random() < 1 / 3:
                deps.add(rnd.choice([a for layer in layers[:depth - 1] for a in layer]))
        after, requires, unit = [], [], []
        for dep in sorted(deps):
            r = rnd.random()
            (unit if r < 0.2 else requires if r < 0.2 + 0.8 / 3 else after).append(dep)
        delay = rnd.choice([0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5])
        print(name, delay, *(",".join(x) or "-" for x in (after, requires, unit)))
PY
}

# _rollout_setup GRAPH_FILE: the units and app files, every unit started,
# hoistd reloaded.
_rollout_setup() {
  local name delay after requires unit problems
  local -a names=()
  install -D -m 0755 "$BENCH_SOURCE_DIR/tests/system/ready_after.py" "$SBX_ROOT$ROLLOUT_UNIT_PROGRAM" ||
    return 1
  mkdir -p "$SBX_ROOT/etc/hoist/apps"
  while read -r name delay after requires unit; do
    names+=("$name.service")
    {
      printf '[Unit]\nDescription=hoist bench rollout app %s\nStartLimitIntervalSec=0\n' "$name"
      [[ $unit == - ]] || printf 'After=%s\n' "${unit//,/.service }.service"
      printf '\n[Service]\nType=notify\nExecStart=%s %s\n' "$ROLLOUT_UNIT_PROGRAM" "$delay"
    } >"$SBX_ROOT/etc/systemd/system/$name.service"
    {
      printf '[App]\nDescription=hoist bench rollout app\nUnits=%s.service\n' "$name"
      [[ $after == - ]] || printf 'After=%s\n' "${after//,/ }"
      [[ $requires == - ]] || printf 'Requires=%s\n' "${requires//,/ }"
      printf '\n[Health]\nStabilizeSec=%s\n' "$ROLLOUT_STABILIZE"
    } >"$SBX_ROOT/etc/hoist/apps/$name.app"
  done <"$1"
  bx systemctl daemon-reload
  BX_TIMEOUT=300 bx systemctl start "${names[@]}"
  hoistd_activate
  problems=$(bx busctl --json=short call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager Reload)
  [[ $problems == *'"data":[[]]'* ]] || { bench_say "[rollout] the app files have problems: $problems"; return 1; }
}

_rollout_cleanup() {
  local -a names
  mapfile -t names < <(awk '{ print $1 ".service" }' "$1")
  bx systemctl stop "${names[@]}" || true
  (cd "$SBX_ROOT/etc/systemd/system" && rm -f "${names[@]}")
  (cd "$SBX_ROOT/etc/hoist/apps" && rm -f "${names[@]/%.service/.app}")
  bx systemctl daemon-reload
  bx busctl call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager Reload >/dev/null
}

# _rollout_record ID → the rollout's record (GetRollout).
_rollout_record() {
  bx busctl --json=short call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager GetRollout s "$1" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0])'
}

_rollout_ended() { [[ $(_rollout_record "$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["state"])') != running ]]; }

# _rollout_analyse RECORD_FILE GRAPH_FILE → the run's numbers as JSON; fails
# unless the rollout succeeded with hoistd's graph equal to GRAPH_FILE's.
_rollout_analyse() {
  python3 - "$1" "$2" <<'PY'
import json, sys
rec = json.load(open(sys.argv[1]))
want = {}
for line in open(sys.argv[2]):
    name, _, *lists = line.split()
    want[name] = sorted({d for x in lists if x != "-" for d in x.split(",")})
apps = {a["app"]: a for a in rec["apps"]}
if rec["state"] != "succeeded":
    sys.exit(f"the rollout ended {rec['state']}: {rec.get('failed_app', '')} {rec.get('error', '')}")
got = {a: sorted(x["depends_on"]) for a, x in apps.items()}
if got != want:
    diff = {a: (want.get(a), got.get(a)) for a in sorted(set(want) | set(got)) if want.get(a) != got.get(a)}
    sys.exit(f"hoistd's graph differs (expected, got): {json.dumps(diff)}")
dur = {a: x["duration_usec"] for a, x in apps.items()}
best = {}
def longest(a):  # (length, chain) of the longest chain ending with a
    if a not in best:
        before = max((longest(d) for d in got[a]), default=(0, []))
        best[a] = (before[0] + dur[a], before[1] + [a])
    return best[a]
bound, chain = max(longest(a) for a in apps)
events = sorted([(x["started_usec"], 1) for x in apps.values()] + [(x["finished_usec"], -1) for x in apps.values()])
in_flight = peak = 0
for _, step in events:
    in_flight += step
    peak = max(peak, in_flight)
gaps = [apps[b]["started_usec"] - apps[a]["finished_usec"] for a, b in zip(chain, chain[1:])]
first = min(x["started_usec"] for x in apps.values())
print(json.dumps({
    "wall_s": rec["duration_usec"] / 1e6,
    "bound_s": bound / 1e6,
    "ratio": rec["duration_usec"] / bound,
    "sequential_s": sum(dur.values()) / 1e6,
    "chain": chain,
    "chain_app_ms": [round(dur[a] / 1000, 1) for a in chain],
    "chain_gap_ms": [round(g / 1000, 1) for g in gaps],
    "precheck_ms": round((first - rec["started_usec"]) / 1000, 1),
    "last_finished_to_end_ms": round((rec["finished_usec"] - max(x["finished_usec"] for x in apps.values())) / 1000, 1),
    "max_in_flight": peak,
    "apps": len(apps),
    "edges": sum(len(d) for d in got.values()),
    "waves": len(rec["waves"]),
}, sort_keys=True))
PY
}

# _rollout_get JSON KEY → one top-level value of a JSON object.
_rollout_get() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

row_rollout() {
  local graph=$BENCH_RUN_DIR/rollout-graph.txt i id out runs=() names
  _rollout_graph >"$graph"
  names=$(awk '{ printf "%s ", $1 }' "$graph")
  _rollout_setup "$graph"
  for ((i = 1; i <= ROLLOUT_RUNS; i++)); do
    # shellcheck disable=SC2086 # the names are words
    id=$(bx busctl --json=short call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager \
      Rollout 'asa{sv}' "$(wc -l <"$graph")" $names 0 | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0])') ||
      { bench_say "[rollout] Rollout failed"; return 1; }
    WAIT_INTERVAL=0.25 wait_for 300 "rollout $id to end" _rollout_ended "$id"
    _rollout_record "$id" >"$BENCH_RUN_DIR/rollout-$i.json"
    out=$(_rollout_analyse "$BENCH_RUN_DIR/rollout-$i.json" "$graph" 2>&1) ||
      { bench_say "[rollout] run $i: $out"; return 1; }
    bench_say "[rollout] run $i: $out"
    runs+=("$out")
  done
  _rollout_cleanup "$graph"
  local pick
  pick=$(python3 -c '
import json, statistics, sys
runs = sorted((json.loads(r) for r in sys.argv[1:]), key=lambda r: r["ratio"])
print(json.dumps(runs[(len(runs) - 1) // 2]))' "${runs[@]}")
  local wall bound seq waves edges
  wall=$(_rollout_get "$pick" wall_s)
  bound=$(_rollout_get "$pick" bound_s)
  seq=$(_rollout_get "$pick" sequential_s)
  waves=$(_rollout_get "$pick" waves)
  edges=$(_rollout_get "$pick" edges)
  bench_record id=rollout "what=${BENCH_WHAT[rollout]}" unit=s "hoist=$wall" "reference=$bound" \
    "hoist_what=duration_usec of a D-Bus Rollout of 75 restart-only apps ($edges dependencies, $waves waves; Type=notify units ready 0.1-0.5 s after they start, StabilizeSec=$ROLLOUT_STABILIZE, no limit on parallelism), pre-check included; the run with the median ratio of $ROLLOUT_RUNS" \
    "reference_what=critical-path bound: the longest dependency chain weighted by each app's duration_usec (restart, health gate, stabilize) in the same record" \
    goal_on=ratio "goal_op=<=" goal_value=1.10 \
    "details=$(json_obj seed "$ROLLOUT_SEED" stabilize "$ROLLOUT_STABILIZE" runs "[$(IFS=,; echo "${runs[*]}")]")"
  BENCH_WHAT[rollout-sequential]="  … next to one app at a time"
  bench_record id=rollout-sequential "what=${BENCH_WHAT[rollout-sequential]}" unit=s "hoist=$wall" "reference=$seq" \
    "hoist_what=the same rollout's duration_usec" \
    "reference_what=the sum of the 75 apps' duration_usec in that record: max-parallel 1 at best"
}

