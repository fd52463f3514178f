#!/usr/bin/env bash
# hoistd is started by its socket on the first request, serves the socket
# systemd holds (no second bind), and answers the HTTP API.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

assert_eq active "$(sbx systemctl is-active hoistd.socket || true)" "hoistd.socket is listening after boot"
assert_eq inactive "$(sbx systemctl is-active hoistd.service || true)" "hoistd.service is not running before the first request"

http GET /healthz
assert_eq 200 "$HTTP_STATUS" "GET /healthz answers 200"
assert_match '^application/json' "$HTTP_TYPE" "GET /healthz is JSON"
assert_eq "$HOIST_VERSION" "$(json_get "$HTTP_BODY" 'j["version"]')" "healthz version"
assert_eq true "$(json_get "$HTTP_BODY" 'isinstance(j["uptime_s"], (int, float)) and j["uptime_s"] >= 0')" "healthz uptime_s is a number >= 0"
assert_eq true "$(json_get "$HTTP_BODY" 'isinstance(j["units_managed"], int) and not isinstance(j["units_managed"], bool) and j["units_managed"] >= 0')" "healthz units_managed is a count"
assert_eq active "$(sbx systemctl is-active hoistd.service || true)" "the request started hoistd.service"

# One listening socket on the port, shared by PID 1 and hoistd: hoistd
# serves the inherited fd and did not bind a socket of its own.
mainpid=$(unit_prop hoistd.service MainPID)
listeners=$(sbx ss -Hltnp "sport = :$SBX_PORT")
echo "$listeners"
assert_eq 1 "$(grep -c . <<<"$listeners")" "exactly one listening socket on port $SBX_PORT"
assert_contains "$listeners" '("systemd",pid=1,' "PID 1 holds the listening socket"
assert_contains "$listeners" "(\"hoistd\",pid=$mainpid," "hoistd (MainPID $mainpid) serves the same socket"

http GET /nope
assert_eq 404 "$HTTP_STATUS" "unknown path → 404"
assert_match '^application/json' "$HTTP_TYPE" "the 404 is JSON"
assert_eq dict "$(json_get "$HTTP_BODY" 'type(j).__name__')" "the 404 body is a JSON object"

http POST /healthz
assert_eq 405 "$HTTP_STATUS" "POST /healthz → 405"

write_test_unit api-test.service
sbx systemctl start api-test.service
http GET /api/v1/units/api-test.service
assert_eq 200 "$HTTP_STATUS" "GET /api/v1/units/api-test.service answers 200"
assert_match '^application/json' "$HTTP_TYPE" "unit status is JSON"
for pair in name:Id active_state:ActiveState sub_state:SubState load_state:LoadState \
  invocation_id:InvocationID main_pid:MainPID description:Description; do
  key=${pair%%:*} prop=${pair#*:}
  assert_eq "$(unit_prop api-test.service "$prop")" "$(json_get "$HTTP_BODY" "j[\"$key\"]")" "unit JSON $key equals systemctl's $prop"
done

http GET /api/v1/units/nope-xyz.service
assert_eq 404 "$HTTP_STATUS" "unknown unit → 404"
assert_match '^application/json' "$HTTP_TYPE" "the unknown-unit 404 is JSON"
