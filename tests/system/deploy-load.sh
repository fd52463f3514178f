#!/usr/bin/env bash
# A deploy of the socket-activated example app under a bounded loopback load
# (hoist-load, 4 clients back to back): not one request fails, and both
# versions answered while it ran.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist
HELLO_STABILIZE_SEC=1 hello_setup

commit 1.0.0
assert_eq succeeded "$(json_get "$(await_deploy "$(deploy_call hello)")" 'j["state"]')" "1.0.0 is deployed"
commit 2.0.0

load_start "http://127.0.0.1:$HELLO_PORT/"
record=$(await_deploy "$(deploy_call hello)")
out=$(load_stop)
echo "$out"
assert_eq succeeded "$(json_get "$record" 'j["state"]')" "the deploy under load succeeds"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 serves"
assert_eq 0 "$(json_get "$out" 'j["failed"]')" "not one request failed"
assert_match '^[1-9][0-9]+$' "$(json_get "$out" 'j["requests"]')" "requests were made all along"
bodies=$(json_get "$out" 'j["bodies"]')
assert_contains "$bodies" "hello from 1.0.0" "the old version answered"
assert_contains "$bodies" "hello from 2.0.0" "and the new one"
