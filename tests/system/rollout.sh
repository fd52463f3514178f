#!/usr/bin/env bash
# Rollouts on a real PID 1 (D-Bus Rollout, PlanRollout, GetRollout,
# CancelRollout, the Rollout* signals, GET /api/v1/rollouts/ID, hoistctl
# rollout). Twelve restart-only apps, each one Type=notify unit that is ready
# a set time after it starts, wait for each other through their
# After=/Requires= and through their units' own After=/Requires=:
#
#   db ──▶ api1 ──┐
#      └─▶ api2 ══╧▶ web ═▶ proxy ──┐    ─▶ the apps' After=/Requires=
#   cache ═▶ worker ─▶ report ─▶ mailer ─┴▶ audit
#   slow, solo (independent; slow is the slowest to start)
#                                         ═▶ the unit's After= (worker.service
#                                            and web.service also Requires=)
#
# Every app restarts, none before what it waits for is healthy again (and a
# unit systemd restarts itself with a unit it Requires= not before every app
# its app waits for is active); an app starts as soon as its own
# dependencies are healthy, not when its wave is; with max-parallel 1 no two
# restarts overlap. A failing app is rolled back and stops the rollout; the
# example app (examples/hello) deployed in a rollout and failing its health
# gate still serves its old release; an unhealthy app fails the pre-check
# (unless force); a dependency cycle is refused naming it; a dry run and a
# cancelled rollout restart nothing they must not. Timings are only ever
# compared as orderings of PID 1's timestamps (tests/system/rollout_timeline.py).
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist

TIMELINE=$HOIST_SOURCE_DIR/tests/system/rollout_timeline.py
APPS=(db cache slow solo api1 api2 worker web report proxy mailer audit)
STABILIZE_USEC=200000

# The units' program: ready (sd_notify READY=1) DELAY seconds after it
# starts and once /srv/rollout/hold-NAME does not exist, then runs until it
# is stopped.
install -D -m 0755 "$HOIST_SOURCE_DIR/tests/system/ready_after.py" "$SBX_ROOT/usr/local/libexec/hoist-rollout-unit" ||
  fail "could not copy ready_after.py"

# rollout_app NAME DELAY [after=APPS] [requires=APPS] [unit=LINE]...
#             [pre=COMMAND] [probe=COMMAND]: NAME.service, ready DELAY s after
# it starts, and the restart-only app NAME (StabilizeSec=200ms): after= and
# requires= are the app's After= and Requires=, unit= lines go to the unit's
# [Unit] section, pre= is an ExecStartPre=, probe= the app's [Health] Exec=.
rollout_app() {
  local name=$1 delay=$2 arg
  local -a app=() unit=() service=() health=()
  shift 2
  for arg in "$@"; do
    case $arg in
      after=*) app+=("After=${arg#*=}") ;;
      requires=*) app+=("Requires=${arg#*=}") ;;
      unit=*) unit+=("${arg#*=}") ;;
      pre=*) service+=("ExecStartPre=${arg#*=}") ;;
      probe=*) health+=("Exec=${arg#*=}") ;;
      *) fail "rollout_app: unknown argument $arg" ;;
    esac
  done
  {
    printf '[Unit]\nDescription=rollout test app %s\nStartLimitIntervalSec=0\n' "$name"
    ((${#unit[@]} == 0)) || printf '%s\n' "${unit[@]}"
    printf '\n[Service]\nType=notify\n'
    ((${#service[@]} == 0)) || printf '%s\n' "${service[@]}"
    printf 'ExecStart=/usr/local/libexec/hoist-rollout-unit %s /srv/rollout/hold-%s\n' "$delay" "$name"
  } | sbx_write_file "/etc/systemd/system/$name.service"
  {
    printf '[App]\nDescription=rollout test app %s\nUnits=%s.service\n' "$name" "$name"
    ((${#app[@]} == 0)) || printf '%s\n' "${app[@]}"
    printf '\n[Health]\nStabilizeSec=200ms\nRetries=1\n'
    ((${#health[@]} == 0)) || printf '%s\n' "${health[@]}"
  } | sbx_write_file "/etc/hoist/apps/$name.app"
}

mkdir -p "$SBX_ROOT/srv/rollout"
rollout_app db 1.0
rollout_app cache 0.3
rollout_app slow 2.0
rollout_app solo 0.3
rollout_app api1 0.6 after=db
rollout_app api2 0.3 requires=db \
  pre="/bin/sh -c 'if [ -e /srv/rollout/fail-api2 ]; then rm /srv/rollout/fail-api2; echo failing once; exit 1; fi'"
rollout_app worker 0.6 unit=After=cache.service unit=Requires=cache.service
rollout_app web 0.3 after="api1 api2" unit=After=api2.service unit=Requires=api2.service probe=/bin/true
rollout_app report 0.3 after=worker
rollout_app proxy 0.3 unit=After=web.service
rollout_app mailer 0.3 after=report
rollout_app audit 0.3 after="proxy mailer"
# The example app in a chain of its own: cache → hello ═▶ hfront → hlast.
rollout_app hfront 0.3 after=hello unit=After=hello.service unit=Requires=hello.service
rollout_app hlast 0.3 after=hfront
HELLO_STABILIZE_SEC=200ms hello_setup Retries=2
sed -i 's/^\[App\]$/[App]\nAfter=cache/' "$SBX_ROOT/etc/hoist/apps/hello.app"
sbx systemctl daemon-reload
sbx systemctl start --no-block "${APPS[@]/%/.service}" hlast.service

dbus_call Reload
[[ $DBUS_RC == 0 ]] || fail "Reload: $DBUS_OUT"
[[ $DBUS_OUT != *string* ]] || fail "the app files have problems: $DBUS_OUT"
commit 1.0.0
assert_eq succeeded "$(json_get "$(await_deploy "$(deploy_call hello)")" 'j["state"]')" "hello 1.0.0 is deployed"
sbx systemctl start hfront.service
all_active() {
  local u
  for u in "$@"; do [[ $(unit_prop "$u.service" ActiveState) == active ]] || return 1; done
}
wait_for 30 "every test unit to be active" all_active "${APPS[@]}" hello hfront hlast

# --------------------------------------------------------------- helpers --

# snapshot [APP...] → what PID 1 says of the apps' units (all 15 by default).
snapshot() {
  local -a apps=("$@")
  ((${#apps[@]})) || apps=("${APPS[@]}" hello hfront hlast)
  sbx systemctl show -p Id,InvocationID,ActiveState,InactiveExitTimestampMonotonic \
    -p ActiveEnterTimestampMonotonic,ActiveExitTimestampMonotonic "${apps[@]/%/.service}" |
    python3 "$TIMELINE" parse
}

# timeline CHECK ARG... WHAT: rollout_timeline.py CHECK ARG...; ok or fail.
timeline() {
  local what=${*: -1} out
  out=$(python3 "$TIMELINE" "${@:1:$#-1}") || fail "$what: $out"
  ok "$what ($out)"
}

# rollout_call METHOD "APP..." [OPTION TYPE VALUE]...: busctl call of Rollout
# or PlanRollout; prints the string it returns.
rollout_call() {
  local method=$1 out
  local -a apps
  read -r -a apps <<<"$2"
  shift 2
  out=$(hoist_busctl "$method" 'asa{sv}' "${#apps[@]}" "${apps[@]}" "$(($# / 3))" "$@" 2>&1) ||
    fail "$method ${apps[*]} $*: $out"
  json_get "$out" 'j["data"][0]'
}
rollout_start() { rollout_call Rollout "$@"; }
rollout_plan() { rollout_call PlanRollout "$@"; }

rollout_record() {
  local out
  out=$(hoist_busctl GetRollout s "$1") || fail "GetRollout $1: $out"
  json_get "$out" 'j["data"][0]'
}
rollout_ended() { [[ $(json_get "$(rollout_record "$1")" 'j["state"]') != running ]]; }
# await_rollout ID → its record once it is no longer running.
await_rollout() {
  WAIT_INTERVAL=0.1 wait_for 60 "rollout $1 to end" rollout_ended "$1"
  rollout_record "$1"
}
# app_field RECORD APP FIELD → that field of the app's entry in the record.
app_field() { json_get "$1" "[a for a in j['apps'] if a['app'] == '$2'][0].get('$3', '')"; }
# apps_in RECORD STATE → the record's apps in that state, sorted.
apps_in() { json_get "$1" "' '.join(sorted(a['app'] for a in j['apps'] if a['state'] == '$2'))"; }

# signals_start: dbus-monitor writes the Manager's signals to
# /srv/rollout/signals.log (from the moment it returns); signals_of ID →
# "MEMBER ARG..." per signal of that rollout, once the monitor is stopped.
signals_start() {
  sbx systemd-run -q --unit=rollout-signals -p StandardOutput=file:/srv/rollout/signals.log \
    dbus-monitor --system "type=signal,interface=org.hoist.Hoist1.Manager"
  # A monitor loses its name once it listens.
  wait_for 10 "dbus-monitor to listen" grep -q member=NameLost "$SBX_ROOT/srv/rollout/signals.log"
}
signals_of() {
  sbx systemctl stop rollout-signals.service
  python3 -c '
import re, sys
for block in re.split(r"^signal ", open(sys.argv[1]).read(), flags=re.M):
    member = re.search(r"member=(\w+)", block)
    args = re.findall(r"^\s*(?:array \[\s*)?string \"(.*)\"", block, flags=re.M)
    if member and args and args[0] == sys.argv[2]:
        print(member.group(1), *args[1:])' "$SBX_ROOT/srv/rollout/signals.log" "$1"
}

# canonical JSON → the same JSON with sorted keys, for comparisons.
canonical() { python3 -c 'import json, sys; print(json.dumps(json.loads(sys.argv[1]), sort_keys=True))' "$1"; }

# gdbus_manager METHOD ARG...: gdbus call of a Manager method (busctl does not
# print D-Bus error names); sets GDBUS_RC and GDBUS_OUT.
gdbus_manager() {
  local method=$1
  shift
  GDBUS_RC=0
  GDBUS_OUT=$(sbx gdbus call --system --dest org.hoist.Hoist1 --object-path /org/hoist/Hoist1 \
    --method "org.hoist.Hoist1.Manager.$method" "$@" 2>&1) || GDBUS_RC=$?
}
# expect_refusal ERROR METHOD ARG...: the call fails with ERROR.
expect_refusal() {
  local error=$1
  shift
  gdbus_manager "$@"
  [[ $GDBUS_RC != 0 && $GDBUS_OUT == *"$error"* ]] || fail "$*: expected $error, got: $GDBUS_OUT"
  ok "$1 $2 → $error"
}

WAVES='[["cache", "db", "slow", "solo"], ["api1", "api2", "worker"], ["report", "web"], ["mailer", "proxy"], ["audit"]]'
DEPENDS='{"api1": ["db"], "api2": ["db"], "audit": ["mailer", "proxy"], "cache": [], "db": [], "mailer": ["report"], "proxy": ["web"], "report": ["worker"], "slow": [], "solo": [], "web": ["api1", "api2"], "worker": ["cache"]}'
# worker.service Requires= cache.service and web.service api2.service: systemd
# restarts them itself when hoistd restarts those (~: they stop at once and
# start once those are active). web also waits for api1, slower than api2: it
# must not start before api1 is active again either. The other apps are
# restarted by hoistd, each once what it waits for was active for StabilizeSec (:).
EDGES=(db:api1 db:api2 cache~worker api1~web api2~web worker:report web:proxy report:mailer proxy:audit mailer:audit)

# ------------------------------------------------------------- dry run --

before=$(snapshot)
plan=$(rollout_plan "${APPS[*]}")
echo "$plan"
assert_eq "$WAVES" "$(json_get "$plan" '[[a["app"] for a in w] for w in j["waves"]]')" \
  "PlanRollout: waves from the apps' After=/Requires= and the units' After=/Requires="
assert_eq "$DEPENDS" "$(json_get "$plan" 'dict(sorted((a["app"], sorted(a["depends_on"])) for w in j["waves"] for a in w))')" \
  "PlanRollout: what each app waits for"
assert_eq "worker.service restart" \
  "$(json_get "$plan" '" ".join([a["units"] + [a["action"]] for w in j["waves"] for a in w if a["app"] == "worker"][0])')" \
  "PlanRollout: an app's units and action"
plan=$(rollout_plan "cache hello hfront" deploy b true)
assert_eq "restart deploy restart" \
  "$(json_get "$plan" '" ".join(a["action"] for w in j["waves"] for a in w)')" \
  "PlanRollout with deploy: the app with a Repository= is deployed, the others restarted"
plan=$(rollout_plan "" all b true)
assert_eq 15 "$(json_get "$plan" 'len(j["apps"])')" "PlanRollout with all: every configured app"
timeline unchanged "$before" "$(snapshot)" "${APPS[@]}" hello hfront hlast "a dry run restarts nothing"

# ----------------------------------------------------------- refusals --

expect_refusal org.hoist.Hoist1.Error.InvalidArgument Rollout "['db']" "{'colour': <true>}"
assert_contains "$GDBUS_OUT" colour "an unknown option is named"
gdbus_manager Rollout "['db', 'nope']" '@a{sv} {}'
[[ $GDBUS_RC != 0 && $GDBUS_OUT == *nope* ]] || fail "Rollout of an unknown app: $GDBUS_OUT"
ok "Rollout of an unknown app is refused, naming it (${GDBUS_OUT##*Error.})"
expect_refusal org.hoist.Hoist1.Error.NoSuchRollout GetRollout "'no-such-rollout'"
expect_refusal org.hoist.Hoist1.Error.NoSuchRollout CancelRollout "'no-such-rollout'"

# A cycle through an app edge and a unit edge: cyc-a waits for cyc-b (After=),
# cyc-b for cyc-c (Requires=), cyc-c for cyc-a (cyc-c.service After=cyc-a.service).
rollout_app cyc-a 0.1 after=cyc-b
rollout_app cyc-b 0.1 requires=cyc-c
rollout_app cyc-c 0.1 unit=After=cyc-a.service
sbx systemctl daemon-reload
sbx systemctl start cyc-a.service cyc-b.service cyc-c.service
dbus_call Reload
[[ $DBUS_RC == 0 && $DBUS_OUT != *string* ]] || fail "the cycle's app files have problems: $DBUS_OUT"
before=$(snapshot cyc-a cyc-b cyc-c)
expect_refusal org.hoist.Hoist1.Error.InvalidArgument Rollout "['cyc-c', 'cyc-b', 'cyc-a']" '@a{sv} {}'
assert_contains "$GDBUS_OUT" "cyc-a → cyc-b → cyc-c → cyc-a" "the refusal names the cycle in order"
expect_refusal org.hoist.Hoist1.Error.InvalidArgument PlanRollout "@as []" "{'all': <true>}"
assert_contains "$GDBUS_OUT" "cyc-a → cyc-b → cyc-c → cyc-a" "PlanRollout of all apps names it too"
timeline unchanged "$before" "$(snapshot cyc-a cyc-b cyc-c)" cyc-a cyc-b cyc-c "nothing restarted"
rm -f "$SBX_ROOT"/etc/hoist/apps/cyc-?.app
dbus_call Reload

# ------------------------------------------------------------ rollouts --

before=$(snapshot)
signals_start
id=$(rollout_start "${APPS[*]}")
record=$(await_rollout "$id")
echo "$record"
after=$(snapshot)
python3 "$TIMELINE" show "$after"
assert_eq "succeeded" "$(json_get "$record" 'j["state"]')" "a rollout of 12 apps succeeds"
signals=$(signals_of "$id")
assert_eq "$(printf '%s\n' "${APPS[@]}" | sort | xargs)" \
  "$(grep ^RolloutStarted <<<"$signals" | cut -d' ' -f2- | tr ' ' '\n' | sort | xargs)" "RolloutStarted names the apps"
assert_eq "RolloutFinished succeeded" "$(grep ^RolloutFinished <<<"$signals" | xargs)" "RolloutFinished says it succeeded"
assert_eq "$(printf '%s\n' "${APPS[@]}" | sort | xargs)" \
  "$(awk '$1 == "RolloutAppChanged" && $3 == "succeeded" { print $2 }' <<<"$signals" | sort | xargs)" \
  "RolloutAppChanged tells each app's success"
assert_eq "$(printf '%s\n' "${APPS[@]}" | sort | xargs)" "$(apps_in "$record" succeeded)" "every app succeeded"
assert_eq "$WAVES" "$(json_get "$record" 'j["waves"]')" "the record's waves are the plan's"
timeline changed "$before" "$after" "${APPS[@]}" "every app's unit has a new invocation"
timeline unchanged "$before" "$after" hello hfront hlast "apps not selected are untouched"
timeline order "$after" "$STABILIZE_USEC" "${EDGES[@]}" \
  "no app restarted before what it waits for was active (and for StabilizeSec, when hoistd restarted it)"
timeline overlap "$after" db cache slow solo "the independent apps restarted at the same time"
timeline during "$after" api1 slow "api1 (after db) started while slow, of db's wave, was still starting"
all_active "${APPS[@]}" || fail "a unit is not active after the rollout"
ok "every unit is active"

http GET "/api/v1/rollouts/$id"
assert_eq 200 "$HTTP_STATUS" "GET /api/v1/rollouts/ID"
assert_eq "$(canonical "$(rollout_record "$id")")" "$(canonical "$HTTP_BODY")" \
  "it answers the record GetRollout gives"
http GET /api/v1/rollouts/no-such-rollout
assert_eq 404 "$HTTP_STATUS" "GET /api/v1/rollouts/UNKNOWN is a 404"
expect_refusal org.hoist.Hoist1.Error.NoSuchRollout CancelRollout "'$id'"

# None of these has a unit that Requires= another's (systemd would restart it too).
serial=(db solo api1 report mailer)
before=$(snapshot)
id=$(rollout_start "${serial[*]}" max-parallel u 1)
record=$(await_rollout "$id")
after=$(snapshot)
python3 "$TIMELINE" show "$after"
assert_eq "succeeded 1" "$(json_get "$record" 'j["state"] + " " + str(j["max_parallel"])')" "a rollout with max-parallel 1 succeeds"
timeline changed "$before" "$after" "${serial[@]}" "every app restarted"
timeline serial "$after" "${serial[@]}" "with max-parallel 1 no two restarts overlap"
timeline order "$after" "$STABILIZE_USEC" db:api1 report:mailer "and each after what it waits for"

# ----------------------------------------------------------- pre-check --

sbx systemctl stop solo.service
before=$(snapshot)
record=$(await_rollout "$(rollout_start "cache worker solo")")
echo "$record"
assert_eq "failed precheck solo" \
  "$(json_get "$record" '" ".join([j["state"], j.get("failed_step", ""), j.get("failed_app", "")])')" \
  "an unhealthy app fails the pre-check"
timeline unchanged "$before" "$(snapshot)" cache worker "and nothing is restarted"
assert_eq inactive "$(unit_prop solo.service ActiveState)" "solo is still stopped"
record=$(await_rollout "$(rollout_start "cache worker solo" force b true)")
assert_eq "succeeded" "$(json_get "$record" 'j["state"]')" "with force it proceeds"
timeline changed "$before" "$(snapshot)" cache worker solo "and restarts every app"
assert_eq active "$(unit_prop solo.service ActiveState)" "solo runs again"

# ------------------------------------------------------ a failing app --

touch "$SBX_ROOT/srv/rollout/fail-api2"
before=$(snapshot)
record=$(await_rollout "$(rollout_start "${APPS[*]}")")
echo "$record"
after=$(snapshot)
python3 "$TIMELINE" show "$after"
assert_eq "failed api2" "$(json_get "$record" 'j["state"] + " " + j.get("failed_app", "")')" \
  "a rollout whose app fails fails, naming the app"
assert_eq "failed true" "$(app_field "$record" api2 state) $(app_field "$record" api2 rolled_back)" \
  "the app is rolled back"
assert_eq active "$(unit_prop api2.service ActiveState)" "api2 runs again (restarted once more)"
assert_eq "skipped skipped skipped" \
  "$(app_field "$record" web state) $(app_field "$record" proxy state) $(app_field "$record" audit state)" \
  "the apps that wait for it are not started"
timeline unchanged "$before" "$after" proxy audit "apps that had not started are untouched"
assert_eq active "$(unit_prop web.service ActiveState)" \
  "web, which systemd stopped with api2 (Requires=), is started again"
assert_eq succeeded "$(app_field "$record" slow state)" "the apps in flight finish"
read -r -a done_apps <<<"$(apps_in "$record" succeeded)"
timeline changed "$before" "$after" "${done_apps[@]}" "the apps that succeeded restarted"
# worker's unit Requires= cache's, so systemd restarted it with cache even if it was skipped.
read -r -a skipped <<<"$(json_get "$record" \
  "' '.join(sorted(a['app'] for a in j['apps'] if a['state'] == 'skipped' and a['app'] not in ('web', 'worker')))")"
timeline unchanged "$before" "$after" "${skipped[@]}" "the skipped apps are untouched"
all_active "${APPS[@]}" || fail "a unit is not active after the failed rollout"
ok "every unit is active"
[[ ! -e $SBX_ROOT/srv/rollout/fail-api2 ]] || fail "api2 did not fail"

# --------------------------------- a deploy that fails, in the middle --

release=$(sbx readlink /srv/hoist/hello/current)
commit 2.0.0 HEALTH fail
before=$(snapshot)
record=$(await_rollout "$(rollout_start "cache hello hfront hlast" deploy b true)")
echo "$record"
after=$(snapshot)
assert_eq "failed hello" "$(json_get "$record" 'j["state"] + " " + j.get("failed_app", "")')" \
  "a rollout whose deploy fails its health gate fails"
deploy=$(app_field "$record" hello deploy_id)
assert_eq "rolled-back" "$(deploy_state "$deploy")" "hello's deploy $deploy is rolled back"
assert_eq "true" "$(app_field "$record" hello rolled_back)" "the rollout says so"
assert_eq "hello from 1.0.0" "$(serving)" "hello still serves its old release"
assert_eq "$release" "$(sbx readlink /srv/hoist/hello/current)" "current points at it"
assert_eq succeeded "$(app_field "$record" cache state)" "cache, before it, was restarted"
timeline changed "$before" "$after" cache "cache has a new invocation"
assert_eq "active active" "$(unit_prop hello.service ActiveState) $(unit_prop hfront.service ActiveState)" \
  "hello and hfront (whose unit Requires= hello's) run"
assert_eq skipped "$(app_field "$record" hlast state)" "hlast is not started"
timeline unchanged "$before" "$after" hlast "hlast is untouched"

# -------------------------------------------------------------- cancel --

# db is held in its restart (not ready while hold-db exists) until the
# cancel has been answered, so the cancel lands while db is in flight however
# slow the machine is.
db_running() { [[ $(app_field "$(rollout_record "$1")" db state) == running ]]; }
before=$(snapshot)
touch "$SBX_ROOT/srv/rollout/hold-db"
id=$(rollout_start "db api1 api2 web")
wait_for 10 "db to restart" db_running "$id"
wait_for 10 "db.service to be starting" unit_is db.service activating
expect_refusal org.hoist.Hoist1.Error.Busy Rollout "['solo']" '@a{sv} {}'
gdbus_manager CancelRollout "'$id'"
assert_eq 0 "$GDBUS_RC" "CancelRollout while db restarts: $GDBUS_OUT"
assert_eq activating "$(unit_prop db.service ActiveState)" "db was still starting when the cancel was answered"
rm "$SBX_ROOT/srv/rollout/hold-db"
record=$(await_rollout "$id")
echo "$record"
after=$(snapshot)
assert_eq canceled "$(json_get "$record" 'j["state"]')" "the rollout ends canceled"
assert_eq "succeeded skipped skipped skipped" \
  "$(for a in db api1 api2 web; do app_field "$record" "$a" state; done | xargs)" \
  "the app in flight finished, the others were not started"
timeline changed "$before" "$after" db "db restarted"
timeline unchanged "$before" "$after" api1 api2 web "the later apps are untouched"

# ------------------------------------------------------------ hoistctl --

before=$(snapshot)
out=$(sbx hoistctl --json rollout cache report </dev/null) || fail "hoistctl rollout cache report: $out"
assert_eq "succeeded cache report" "$(json_get "$out" '" ".join([j["state"]] + sorted(a["app"] for a in j["apps"]))')" \
  "hoistctl --json rollout follows the rollout and prints its record"
timeline changed "$before" "$(snapshot)" cache report "it restarted the apps"
assert_eq "$(canonical "$out")" "$(canonical "$(sbx hoistctl --json rollout-status "$(json_get "$out" 'j["id"]')")")" \
  "hoistctl --json rollout-status prints the same record"
