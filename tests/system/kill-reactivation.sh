#!/usr/bin/env bash
# kill -9 of hoistd loses no request: systemd keeps the socket and starts
# hoistd again for the next connection.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

http GET /healthz
assert_eq 200 "$HTTP_STATUS" "first /healthz answers 200"
old=$(unit_prop hoistd.service MainPID)
assert_match '^[1-9][0-9]*$' "$old" "hoistd runs (MainPID $old)"

sbx kill -9 "$old"
wait_for 10 "PID $old to be gone" sbx sh -c "! kill -0 $old"
# One request, no retries, generous time: it waits in the socket's backlog
# until systemd has started hoistd again.
SBX_CURL_MAX_TIME=60 http GET /healthz
assert_eq 200 "$HTTP_STATUS" "/healthz after kill -9 answers 200"
new=$(unit_prop hoistd.service MainPID)
assert_match '^[1-9][0-9]*$' "$new" "hoistd runs again (MainPID $new)"
assert_ne "$old" "$new" "hoistd has a new MainPID"
assert_eq active "$(sbx systemctl is-active hoistd.socket || true)" "hoistd.socket still listening"
