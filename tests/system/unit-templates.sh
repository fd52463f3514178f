#!/usr/bin/env bash
# Unit files under repo control on a real PID 1 (D-Bus ApplyUnits,
# DiffUnits, GetDrift, the App object's Drifted and Drift): a template's
# placeholders reach the running process; a hand-edited unit file, an extra
# drop-in and a unit PID 1 has to reload are drift until an apply fixes
# them; a template systemd-analyze refuses is not installed and the old unit
# keeps running; a unit removed from the templates is stopped, disabled and
# deleted; a deploy whose release changes a template and fails its health
# gate brings back the old unit files with the old release.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist

TEMPLATES=/etc/hoist/units/static
UNIT=/etc/systemd/system/static.service

# The restart-only app "static", its templates in /etc/hoist/units/static/.
static_template() {
  {
    printf '[Unit]\nDescription=static files of @APP@\n\n[Service]\n'
    printf 'Environment=STATIC_DIR=@CURRENT@/static\nEnvironment="GREETING=@GREETING@"\n'
    printf 'ExecStart=%s\n' "${1:-/bin/sleep infinity}"
    printf '\n[Install]\nWantedBy=multi-user.target\n'
  } | sbx_write_file "$TEMPLATES/static.service"
}
static_template
sbx_write_file /etc/hoist/apps/static.app <<'APP'
[App]
Description=static files
Units=static.service
Set=GREETING=hello world

[Health]
StabilizeSec=300ms
APP
hello_setup
hoist_busctl Reload >/dev/null || fail "Reload failed"

apply() {
  local out
  out=$(hoist_busctl ApplyUnits 'sa{sv}' "$1" "${2:-0}" "${@:3}") || fail "ApplyUnits $1 failed: $out"
  json_get "$out" 'j["data"][0]'
}
drift() {
  local out
  out=$(hoist_busctl GetDrift s "$1") || fail "GetDrift $1 failed: $out"
  json_get "$out" '"\n".join(" ".join(d[:2]) + ": " + d[3] for d in j["data"][0])'
}
diff_files() {
  local out
  out=$(hoist_busctl DiffUnits s "$1") || fail "DiffUnits $1 failed: $out"
  json_get "$out" '" ".join(d[2] + ":" + d[0] for d in j["data"][0])'
}
app_prop() {
  sbx busctl get-property org.hoist.Hoist1 "/org/hoist/Hoist1/app/$1" org.hoist.Hoist1.App "$2"
}
# ctl STATUS ARG...: hoistctl's stdout; its exit status must be STATUS.
ctl() {
  local want=$1 rc=0 out err
  shift
  err=$(mktemp)
  out=$(sbx hoistctl "$@" </dev/null 2>"$err") || rc=$?
  [[ $rc == "$want" ]] || fail "hoistctl $*: exit status $rc, expected $want: $out $(cat "$err")"
  rm -f "$err"
  printf '%s\n' "$out"
}
environ() {
  local pid
  pid=$(unit_prop static.service MainPID)
  sbx cat "/proc/$pid/environ" | tr '\0' '\n'
}

# 1. The template's placeholders reach the running process.
out=$(apply static 1 dry-run b true)
assert_eq "static.service" "$(json_get "$out" '" ".join(j["added"])')" "a dry run says what would be added"
[[ ! -e $SBX_ROOT$UNIT ]] || fail "a dry run installed $UNIT"
ok "a dry run installs nothing"
out=$(apply static)
echo "$out"
assert_eq true "$(json_get "$out" 'j["ok"]')" "the first apply succeeds"
assert_eq active "$(unit_prop static.service ActiveState)" "static.service runs"
assert_contains "$(environ)" "STATIC_DIR=/srv/hoist/static/current/static" "@CURRENT@ reached the process"
assert_contains "$(environ)" "GREETING=hello world" "a Set= value reached the process"
assert_eq enabled "$(sbx systemctl is-enabled static.service)" "[Install] enabled it"
assert_eq "" "$(drift static)" "no drift after the apply"
assert_eq "b false" "$(app_prop static Drifted)" "Drifted is false"
inv=$(unit_prop static.service InvocationID)
out=$(apply static)
assert_eq "" "$(json_get "$out" '" ".join(j["restarted"])')" "an apply with nothing changed restarts nothing"
assert_eq "$inv" "$(unit_prop static.service InvocationID)" "the unit kept running"

# 2. A hand edit that drops the Environment= line is drift until an apply.
sbx sed -i '/STATIC_DIR/d' "$UNIT"
assert_eq "changed:static.service" "$(diff_files static)" "DiffUnits shows the edited file"
out=$(ctl 1 diff static)
assert_contains "$out" "--- $UNIT (installed)" "hoistctl diff labels the installed file (exit 1)"
assert_contains "$out" $'\n+Environment=STATIC_DIR=/srv/hoist/static/current/static\n' \
  "and shows the line the hand edit removed"
assert_contains "$(ctl 0 show static)" "static.service: $UNIT differs from its template" "hoistctl show lists the drift"
assert_eq changed "$(json_get "$(ctl 0 --json show static)" 'j["drift"][0]["kind"]')" "show --json too"
assert_contains "$(ctl 0 apply static --dry-run)" "static.service" "apply --dry-run names the file"
d=$(drift static)
assert_contains "$d" "changed static.service" "GetDrift reports the changed file"
assert_contains "$d" "needs-reload static.service" "and that PID 1 must reload it"
assert_eq "b true" "$(app_prop static Drifted)" "Drifted is true"
assert_contains "$(app_prop static Drift)" "differs from its template" "Drift says what"
out=$(ctl 0 apply static)
assert_contains "$out" "Changed: static.service" "hoistctl apply rewrites the file"
assert_contains "$out" "Restarted: static.service" "and restarts the unit"
assert_ne "$inv" "$(unit_prop static.service InvocationID)" "it has a new invocation"
assert_contains "$(environ)" "STATIC_DIR=/srv/hoist/static/current/static" "the variable is back"
assert_eq "" "$(drift static)" "no drift afterwards"
assert_eq "" "$(diff_files static)" "DiffUnits shows nothing"
assert_eq "" "$(ctl 0 diff static)" "hoistctl diff shows nothing (exit 0)"
assert_contains "$(ctl 0 show static)" "Drift: none" "hoistctl show: no drift"

# 3. An extra drop-in is drift; the apply removes it.
printf '[Service]\nEnvironment=EXTRA=1\n' | sbx_write_file "$UNIT.d/override.conf"
sbx systemctl daemon-reload
assert_contains "$(drift static)" "extra static.service: unexpected drop-in $UNIT.d/override.conf" \
  "an extra drop-in is drift"
out=$(apply static)
assert_eq "static.service.d/override.conf" "$(json_get "$out" '" ".join(j["removed"])')" "the apply removes it"
assert_eq "" "$(drift static)" "no drift afterwards"

# 4. A template systemd-analyze refuses is not installed.
inv=$(unit_prop static.service InvocationID)
before=$(sbx cat "$UNIT")
static_template /nonexistent/bin/static
out=$(ctl 1 apply static)
assert_contains "$out" "failed at verify" "hoistctl apply says where it failed (exit 1)"
out=$(apply static)
echo "$out"
assert_eq false "$(json_get "$out" 'j["ok"]')" "the apply fails"
assert_eq verify "$(json_get "$out" 'j["step"]')" "at verify"
assert_contains "$(json_get "$out" 'j["error"]')" "static.service: Command /nonexistent/bin/static is not executable" \
  "the error names the file and the problem"
assert_eq "$before" "$(sbx cat "$UNIT")" "the installed file is untouched"
assert_eq "$inv" "$(unit_prop static.service InvocationID)" "the old unit keeps running"
static_template

# 6. A unit removed from the templates is stopped, disabled and deleted.
printf '[Service]\nExecStart=/bin/sleep infinity\n\n[Install]\nWantedBy=multi-user.target\n' |
  sbx_write_file "$TEMPLATES/static-worker.service"
out=$(apply static)
assert_eq "static-worker.service" "$(json_get "$out" '" ".join(j["added"])')" "a new template is added"
assert_eq active "$(unit_prop static-worker.service ActiveState)" "and its unit started"
assert_eq enabled "$(sbx systemctl is-enabled static-worker.service)" "and enabled"
sbx rm "$SBX_ROOT$TEMPLATES/static-worker.service" 2>/dev/null || rm "$SBX_ROOT$TEMPLATES/static-worker.service"
out=$(apply static)
assert_eq "static-worker.service" "$(json_get "$out" '" ".join(j["removed"])')" "its removal is applied"
assert_eq inactive "$(unit_prop static-worker.service ActiveState)" "the unit is stopped"
[[ ! -e $SBX_ROOT/etc/systemd/system/static-worker.service ]] || fail "its file is still there"
ok "its file is deleted"
[[ ! -e $SBX_ROOT/etc/systemd/system/multi-user.target.wants/static-worker.service ]] ||
  fail "it is still enabled"
ok "it is disabled"

# 5. A deploy that changes a template and fails its health gate: the old
# unit files come back with the old release.
commit 1.0.0
id=$(deploy_call hello)
out=$(await_deploy "$id")
assert_eq succeeded "$(json_get "$out" 'j["state"]')" "hello 1.0.0 is deployed"
unit_before=$(sbx cat /etc/systemd/system/hello.service)
commit 2.0.0 HEALTH fail deploy/systemd/hello.service "$(sed 's|^Restart=always|Environment=HELLO_MARK=2\nRestart=always|' \
  "$HOIST_SOURCE_DIR/examples/hello/deploy/systemd/hello.service")"
id=$(deploy_call hello)
out=$(await_deploy "$id")
echo "$out"
assert_eq rolled-back "$(json_get "$out" 'j["state"]')" "the unhealthy release is rolled back"
assert_contains "$(json_get "$out" '" ".join(s["name"] for s in j["steps"])')" "units" \
  "the deploy installed the release's unit files"
assert_eq "$unit_before" "$(sbx cat /etc/systemd/system/hello.service)" "the old unit file is back"
assert_eq no "$(unit_prop hello.service NeedDaemonReload)" "and loaded by PID 1"
assert_eq "hello from 1.0.0" "$(serving)" "the old release serves"
pid=$(unit_prop hello.service MainPID)
[[ $(sbx cat "/proc/$pid/environ" | tr '\0' '\n') != *HELLO_MARK* ]] || fail "the new unit's environment is in use"
ok "the running process has the old unit's environment"
