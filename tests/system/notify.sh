#!/usr/bin/env bash
# hoistd on several sockets at once (TCP and UNIX, both named "http"), and
# its sd_notify protocol: STATUS= while running, watchdog keep-alives when
# WatchdogSec= is set.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

sbx_write_file /etc/systemd/system/hoistd.socket.d/unix.conf <<'EOF2'
[Socket]
ListenStream=/run/hoistd-test.sock
EOF2
sbx_write_file /etc/systemd/system/hoistd.service.d/watchdog.conf <<'EOF2'
[Service]
WatchdogSec=2s
EOF2
sbx systemctl daemon-reload
sbx systemctl restart hoistd.socket

out=$(sbx curl -sS --max-time 30 --unix-socket /run/hoistd-test.sock http://localhost/healthz) ||
  fail "GET /healthz over the UNIX socket failed: $out"
assert_eq "$HOIST_VERSION" "$(json_get "$out" 'j["version"]')" "hoistd answers on the UNIX socket"
http GET /healthz
assert_eq 200 "$HTTP_STATUS" "and on the TCP socket, in the same process"
assert_contains "$(unit_prop hoistd.service StatusText)" "Serving HTTP on 2 socket(s)" \
  "STATUS= says hoistd serves both sockets"

# PID 1 records each keep-alive in WatchdogTimestampMonotonic.
first=$(unit_prop hoistd.service WatchdogTimestampMonotonic)
pid=$(unit_prop hoistd.service MainPID)
wait_for 10 "a watchdog keep-alive" \
  sbx_sh "[ \"\$(systemctl show -P WatchdogTimestampMonotonic hoistd.service)\" != '$first' ]"
second=$(unit_prop hoistd.service WatchdogTimestampMonotonic)
wait_for 10 "another watchdog keep-alive" \
  sbx_sh "[ \"\$(systemctl show -P WatchdogTimestampMonotonic hoistd.service)\" != '$second' ]"
ok "hoistd pings the watchdog"
assert_eq "$pid" "$(unit_prop hoistd.service MainPID)" "and was never killed for missing it"
