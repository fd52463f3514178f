#!/usr/bin/env bash
# Stopping hoistd while it waits for a job: the job's caller still gets its
# answer, a request that arrives meanwhile waits in systemd's socket and is
# answered by the next hoistd, and hoistd exits as soon as nothing is in
# flight. A second SIGTERM makes it exit at once.
. "$(dirname "$0")/lib.sh"
boot_hoist

# Restarting slow.service takes about 3 s (ExecStartPre= runs first).
write_test_unit slow.service 'ExecStartPre=/bin/sleep 3'
sbx systemctl start slow.service
http GET /healthz
assert_eq 200 "$HTTP_STATUS" "hoistd is up"
pid=$(unit_prop hoistd.service MainPID)

reply_file="$SBX_TMP/restart.reply"
sbx busctl --timeout=60 call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager \
  RestartUnit s slow.service >"$reply_file" 2>&1 &
caller=$!
wait_for 10 "the restart job of slow.service" \
  sbx_sh 'systemctl list-jobs --no-legend | grep -q slow.service'

sbx systemctl stop --no-block hoistd.service
wait_for 5 "hoistd to be stopping" \
  sbx_sh '[ "$(systemctl show -P ActiveState hoistd.service)" = deactivating ]'
ok "hoistd is deactivating while the job runs"
assert_contains "$(unit_prop hoistd.service StatusText)" "in flight" "STATUS= says what it waits for"

# A request during the shutdown is not refused: it waits for the next hoistd.
http GET /healthz
assert_eq 200 "$HTTP_STATUS" "a request made while hoistd was stopping was answered"
assert_ne "$pid" "$(unit_prop hoistd.service MainPID)" "it was answered by a new hoistd"

wait "$caller" || fail "the RestartUnit call failed: $(cat "$reply_file")"
assert_eq 's "done"' "$(cat "$reply_file")" "the caller got the job result after SIGTERM"
assert_eq 0 "$(sbx journalctl -u hoistd.service -o cat | grep -c 'still in flight after' || true)" \
  "hoistd did not need the 10 s grace timeout"

# Second SIGTERM: exit now, even with a job in flight.
write_test_unit slower.service 'ExecStartPre=/bin/sleep 60'
pid=$(unit_prop hoistd.service MainPID)
sbx busctl --timeout=90 call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager \
  RestartUnit s slower.service >/dev/null 2>&1 &
caller=$!
wait_for 10 "the job of slower.service" \
  sbx_sh 'systemctl list-jobs --no-legend | grep -q slower.service'
sbx kill -TERM "$pid"
wait_for 5 "hoistd to be stopping" \
  sbx_sh 'systemctl show -P StatusText hoistd.service | grep -q "^Stopping"'
sbx kill -TERM "$pid"
wait_for 3 "hoistd ($pid) to exit after the second SIGTERM" sbx_sh "! kill -0 $pid"
ok "the second SIGTERM made hoistd exit at once"
wait "$caller" || true
