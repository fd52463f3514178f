#!/usr/bin/env bash
# A caller that is neither root nor authorized by polkit cannot restart units,
# and nothing is restarted; reading stays open to everyone.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

write_test_unit test.service
sbx systemctl start test.service
before=$(unit_prop test.service InvocationID)

if out=$(sbx runuser -u nobody -- busctl call org.hoist.Hoist1 /org/hoist/Hoist1 \
  org.hoist.Hoist1.Manager RestartUnit s test.service 2>&1); then
  fail "nobody could restart test.service: $out"
fi
ok "busctl call RestartUnit as nobody fails ($out)"
DBUS_AS=nobody expect_dbus_error org.hoist.Hoist1.Error.NotAuthorized RestartUnit string:test.service
assert_eq "$before" "$(unit_prop test.service InvocationID)" "test.service was not restarted (same InvocationID)"
assert_eq active "$(sbx systemctl is-active test.service || true)" "test.service still active"

rc=0
out=$(sbx runuser -u nobody -- hoistctl restart test.service 2>&1 </dev/null) || rc=$?
echo "hoistctl restart as nobody → exit $rc: $out"
assert_ne 0 "$rc" "hoistctl restart as nobody exits non-zero"
assert_eq "$before" "$(unit_prop test.service InvocationID)" "still the same InvocationID"

status=$(sbx runuser -u nobody -- busctl call org.hoist.Hoist1 /org/hoist/Hoist1 \
  org.hoist.Hoist1.Manager GetUnitStatus s test.service) || fail "nobody cannot read the status: $status"
assert_contains "$status" "$before" "nobody can read test.service's status (InvocationID in it)"

# Logs: not for everyone, but for the journal's reader groups.
DBUS_AS=nobody expect_dbus_error org.hoist.Hoist1.Error.NotAuthorized GetLogs \
  string:test.service uint32:5 string:
sbx useradd --system --no-create-home --groups systemd-journal journal-reader
DBUS_AS=journal-reader dbus_call GetLogs string:test.service uint32:5 string:
[[ $DBUS_RC == 0 ]] || fail "a member of systemd-journal could not read logs: $DBUS_OUT"
ok "a member of systemd-journal may read logs"
