#!/usr/bin/env bash
# The health gate on a real PID 1: an active unit with a passing probe is
# healthy; a failed unit, a failing HTTP or command probe, and a crash loop
# under Restart=always (NRestarts grows while stabilizing) are not. Probes
# ignore proxies in the environment.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

gate() { driver gate "$@" || true; }
field() { json_get "$1" "j['$2']"; }
# A free loopback port for the test's own HTTP server (the network is shared).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

write_test_unit steady.service
sbx systemctl start steady.service
out=$(gate --stabilize-sec 1 steady.service)
echo "$out"
assert_eq yes "$(field "$out" healthy)" "an active unit without a probe is healthy"

sbx_write_unit web.service <<UNIT
[Service]
ExecStart=/usr/bin/python3 -m http.server --bind 127.0.0.1 $port
UNIT
sbx systemctl start web.service
out=$(gate --http "http://127.0.0.1:$port/" --retries 20 web.service)
echo "$out"
assert_eq yes "$(field "$out" healthy)" "an HTTP probe answered 2xx passes"
assert_eq "HTTP 200" "$(field "$out" probe)" "the probe saw HTTP 200"

out=$(gate --http "http://127.0.0.1:$port/no-such-file" web.service)
echo "$out"
assert_eq no "$(field "$out" healthy)" "an HTTP probe answered 404 fails"
assert_contains "$(field "$out" reason)" "HTTP 404" "the reason names the status"

# A proxy in the environment (hoistd's unit may set one to reach the forges)
# is not for probes: HTTP and TCP probes go straight to the app. Nothing
# listens on the proxy's port, so a probe sent there fails.
dead=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
for var in http_proxy HTTP_PROXY all_proxy; do
  for probe in --http="http://127.0.0.1:$port/" --tcp="127.0.0.1:$port"; do
    out=$(sbx env "$var=http://127.0.0.1:$dead" /usr/local/libexec/hoist-test-driver gate "$probe" web.service ||
      true)
    echo "$out"
    assert_eq yes "$(field "$out" healthy)" "${probe%%=*} probe with $var set in the environment passes"
  done
done

out=$(gate --exec '/bin/sh -c "echo checking; exit 0"' steady.service)
assert_eq yes "$(field "$out" healthy)" "a command probe that exits 0 passes"
out=$(gate --exec '/bin/sh -c "echo database unreachable; exit 1"' steady.service)
echo "$out"
assert_eq no "$(field "$out" healthy)" "a command probe that exits 1 fails"
assert_contains "$(field "$out" reason)" "database unreachable" "with the command's last line"

sbx_write_unit broken.service <<'UNIT'
[Service]
Type=oneshot
ExecStart=/bin/false
UNIT
sbx systemctl start broken.service || true
out=$(gate broken.service)
echo "$out"
assert_eq no "$(field "$out" healthy)" "a failed unit is unhealthy"
assert_contains "$(field "$out" reason)" "broken.service is failed" "the reason names the unit and state"

# Comes up, dies after half a second, is restarted by systemd, again and again.
sbx_write_unit crashloop.service <<'UNIT'
[Unit]
StartLimitIntervalSec=0

[Service]
ExecStart=/bin/sh -c 'sleep 0.5; exit 1'
Restart=always
RestartSec=200ms
UNIT
sbx systemctl start crashloop.service
out=$(gate --stabilize-sec 2 crashloop.service)
echo "$out"
assert_eq no "$(field "$out" healthy)" "a crash loop under Restart=always is unhealthy"
assert_match "crash loop|auto-restart|activating" "$(field "$out" reason)" "the reason says so"
