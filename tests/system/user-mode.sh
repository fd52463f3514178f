#!/usr/bin/env bash
# hoistd --user drives the user's own service manager over the user bus:
# hoistctl --user restarts a user unit and shows its status, and the HTTP
# API serves it.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

sbx useradd -m -u 1500 alice
sbx systemctl start user@1500.service
as_alice() {
  sbx runuser -u alice -- env XDG_RUNTIME_DIR=/run/user/1500 \
    DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1500/bus "$@"
}
sbx_sh 'mkdir -p /home/alice/.config/systemd/user &&
  printf "[Service]\nExecStart=/bin/sh -c \"echo mine started; exec sleep infinity\"\n" \
    >/home/alice/.config/systemd/user/mine.service && chown -R alice /home/alice/.config'
as_alice systemctl --user daemon-reload
as_alice systemctl --user start mine.service
before=$(as_alice systemctl --user show -P InvocationID mine.service)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_alice systemd-run --user --unit=hoistd-user /usr/libexec/hoistd --user --listen "127.0.0.1:$port"
wait_for 10 "hoistd --user to own org.hoist.Hoist1 on alice's bus" \
  as_alice busctl --user status org.hoist.Hoist1

out=$(as_alice hoistctl --user restart mine.service 2>&1) || fail "hoistctl --user restart failed: $out"
after=$(as_alice systemctl --user show -P InvocationID mine.service)
assert_ne "$before" "$after" "hoistctl --user restart gave the user unit a new invocation"
assert_contains "$(as_alice hoistctl --user status mine.service)" "$after" "hoistctl --user status shows it"
http_out=$(sbx curl -sS --max-time 10 "http://127.0.0.1:$port/api/v1/units/mine.service")
assert_eq "$after" "$(json_get "$http_out" 'j["invocation_id"]')" "hoistd --user serves the user unit's status over HTTP"
