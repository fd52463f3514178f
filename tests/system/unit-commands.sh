#!/usr/bin/env bash
# Every job command of hoistctl against a real PID 1, daemon-reload, status
# with patterns and --json, and systemctl-like exit codes.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

write_test_unit web-a.service 'ExecReload=/bin/true'
write_test_unit web-b.service
rc() { local r=0; "$@" >/dev/null 2>&1 || r=$?; echo "$r"; }

sbx hoistctl start web-a.service web-b.service
assert_eq active "$(sbx systemctl is-active web-a.service)" "hoistctl start started web-a"
assert_eq active "$(sbx systemctl is-active web-b.service)" "and web-b"

inv=$(unit_prop web-a.service InvocationID)
sbx hoistctl reload web-a.service
assert_eq "$inv" "$(unit_prop web-a.service InvocationID)" "reload keeps the invocation"
assert_eq 1 "$(unit_prop web-a.service ExecReload | grep -c 'status=0')" "and ran ExecReload="
inv=$(unit_prop web-b.service InvocationID)
sbx hoistctl reload-or-restart web-b.service
assert_ne "$inv" "$(unit_prop web-b.service InvocationID)" "reload-or-restart of a unit without ExecReload= restarts it"
assert_eq 3 "$(rc sbx hoistctl reload web-b.service)" "reload of a unit that cannot reload exits 3"
expect_dbus_error org.hoist.Hoist1.Error.JobNotApplicable ReloadUnit string:web-b.service

sbx hoistctl stop web-b.service
assert_eq inactive "$(sbx systemctl is-active web-b.service || true)" "hoistctl stop stopped web-b"
sbx hoistctl try-restart web-b.service
assert_eq inactive "$(sbx systemctl is-active web-b.service || true)" "try-restart leaves a stopped unit stopped"

# Patterns match loaded units, like systemctl's (a stopped unit may already
# be gone from PID 1's memory).
write_test_unit web-c.service
sbx systemctl start web-c.service
json=$(sbx hoistctl --json status 'web-[ac]*')
assert_eq '["web-a.service", "web-c.service"]' "$(json_get "$json" '[u["name"] for u in j]')" \
  "status with a pattern lists the matching units (ListUnits), as JSON"
assert_eq '["active", "active"]' "$(json_get "$json" '[u["active_state"] for u in j]')" \
  "with their states"
assert_eq 0 "$(rc sbx hoistctl status web-a.service)" "status of an active unit exits 0"
assert_eq 3 "$(rc sbx hoistctl status web-a.service web-b.service)" "status with an inactive unit exits 3"
assert_eq 4 "$(rc sbx hoistctl status nope-xyz.service)" "status of an unknown unit exits 4"
assert_eq 5 "$(rc sbx hoistctl start nope-xyz.service)" "start of an unknown unit exits 5"
assert_eq 1 "$(rc sbx hoistctl start 'a/b.service')" "an invalid name exits 1"

# daemon-reload: PID 1 picks up a changed unit file.
sbx_write_file /etc/systemd/system/web-a.service <<'UNIT'
[Unit]
Description=changed on disk
[Service]
ExecStart=/bin/sleep infinity
UNIT
assert_eq yes "$(unit_prop web-a.service NeedDaemonReload)" "PID 1 sees the unit file changed"
sbx hoistctl daemon-reload
assert_eq no "$(unit_prop web-a.service NeedDaemonReload)" "hoistctl daemon-reload reloaded PID 1"
assert_eq "changed on disk" "$(unit_prop web-a.service Description)" "with the new description"
