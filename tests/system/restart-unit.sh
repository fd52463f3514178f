#!/usr/bin/env bash
# Restarting a unit through hoist (hoistctl and the D-Bus API) gives it a new
# invocation and reports the job result; a unit that fails to start is an
# error naming the result.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

write_test_unit test.service
sbx systemctl start test.service
before=$(unit_prop test.service InvocationID)
assert_match '^[0-9a-f]{32}$' "$before" "test.service has an invocation"

out=$(sbx hoistctl restart test.service 2>&1) || fail "hoistctl restart test.service failed: $out"
ok "hoistctl restart test.service exits 0"
after=$(unit_prop test.service InvocationID)
assert_ne "$before" "$after" "hoistctl restart gave test.service a new InvocationID"
assert_eq active "$(sbx systemctl is-active test.service || true)" "test.service is active again"

before=$after
reply=$(sbx busctl call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager RestartUnit s test.service) ||
  fail "busctl call RestartUnit test.service failed"
assert_eq 's "done"' "$reply" "RestartUnit replies with the job result"
after=$(unit_prop test.service InvocationID)
assert_ne "$before" "$after" "RestartUnit gave test.service a new InvocationID"

# Starting this one fails: /bin/false exits 1.
sbx_write_unit broken.service <<'UNIT'
[Unit]
Description=hoist system test unit that fails to start

[Service]
Type=oneshot
ExecStart=/bin/false
UNIT
if out=$(sbx busctl call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager RestartUnit s broken.service 2>&1); then
  fail "busctl call RestartUnit broken.service succeeded: $out"
fi
ok "busctl call RestartUnit broken.service fails ($out)"
expect_dbus_error org.hoist.Hoist1.Error.JobFailed RestartUnit string:broken.service
assert_contains "$DBUS_OUT" failed "the JobFailed error names the result 'failed'"
assert_eq failed "$(sbx systemctl is-active broken.service || true)" "broken.service is failed"

rc=0
out=$(sbx hoistctl restart broken.service 2>&1) || rc=$?
echo "hoistctl restart broken.service → exit $rc: $out"
assert_ne 0 "$rc" "hoistctl restart broken.service exits non-zero"
assert_contains "$out" failed "hoistctl says the job failed"
