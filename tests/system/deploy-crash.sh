#!/usr/bin/env bash
# hoistd killed (kill -9) in the middle of a deploy: the hoistd systemd
# starts again marks the deploy "interrupted", stops its step, leaves a
# healthy app alone and rolls an unhealthy one back to its last good release;
# every state file still parses. A second hoistd refuses the locked state
# directory.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist
hello_setup

commit 1.0.0
assert_eq succeeded "$(json_get "$(await_deploy "$(deploy_call hello)")" 'j["state"]')" "1.0.0 is deployed"

# A second hoistd refuses to start while the first holds the state directory.
rc=0
out=$(sbx /usr/libexec/hoistd --listen 127.0.0.1:0 2>&1) || rc=$?
assert_eq 1 "$rc" "a second hoistd exits 1"
assert_contains "$out" "/var/lib/hoist" "naming the locked state directory ($out)"

step_is() { [[ $(json_get "$(deploy_record "$1")" 'j["step"]') == "$2" ]]; }
main_pid() { unit_prop hoistd.service MainPID; }
respawned() { local p; p=$(main_pid); [[ $p != 0 && $p != "$1" ]]; }
kill_hoistd() {
  local pid
  pid=$(main_pid)
  sbx kill -9 "$pid"
  wait_for 30 "systemd to start hoistd again" respawned "$pid"
}

# Killed while the build runs: the old release keeps serving and stays.
sbx touch /run/hello-hold
commit 2.0.0 HOLD /run/hello-hold
id=$(deploy_call hello)
wait_for 60 "the deploy to hold in build-1" step_is "$id" build-1
kill_hoistd
record=$(deploy_record "$id")
echo "$record"
assert_eq interrupted "$(json_get "$record" 'j["state"]')" "the deploy is interrupted"
assert_contains "$(json_get "$record" 'j["error"]')" "build-1" "naming the step it was in"
step_unit="hoist-hello-build-1-$id.service"
wait_for 30 "the orphaned build step to stop" sbx_sh "! systemctl is-active --quiet $step_unit"
assert_eq "hello from 1.0.0" "$(serving)" "1.0.0 still serves"
assert_eq 's "interrupted"' "$(sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/hello org.hoist.Hoist1.App LastResult)" \
  "the app's LastResult is interrupted"
sbx rm /run/hello-hold

# Killed while a broken release is being health-gated: it is rolled back.
commit 3.0.0 HEALTH fail
id=$(deploy_call hello)
wait_for 60 "the deploy to reach its health gate" step_is "$id" health
kill_hoistd
assert_eq interrupted "$(deploy_state "$id")" "the second deploy is interrupted"
restored() { [[ $(serving) == "hello from 1.0.0" ]]; }
wait_for 60 "the last good release to serve again" restored
ok "the unhealthy release was replaced by the last good one"
newest=$(json_get "$(hoist_busctl History su hello 1)" 'j["data"][0]')
rollback=$(await_deploy "$(json_get "$newest" 'j[0]["id"]')")
assert_eq "rollback succeeded" "$(json_get "$rollback" 'j["kind"] + " " + j["state"]')" \
  "by a rollback deploy in the history"

# Nothing in the state directory is half written.
sbx_sh 'for f in /var/lib/hoist/apps/*.json /var/lib/hoist/deploys/*.json /var/lib/hoist/deploy-index.json; do
  python3 -m json.tool "$f" >/dev/null || { echo "$f does not parse"; exit 1; }
done' || fail "a state file does not parse"
ok "every state file parses"

# And deploying works again.
commit 4.0.0
assert_eq succeeded "$(json_get "$(await_deploy "$(deploy_call hello)")" 'j["state"]')" "a new deploy succeeds"
assert_eq "hello from 4.0.0" "$(serving)" "4.0.0 serves"
