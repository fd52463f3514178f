#!/usr/bin/env bash
# Deploys through hoistd (D-Bus Deploy, GetDeploy, ListReleases, Rollback,
# the App objects, the HTTP API) with the example app on a real PID 1: a
# good commit is fetched, built, switched to, restarted and health-gated; a
# failing build leaves the old release serving; an unhealthy release and a
# crash-looping one are rolled back by themselves; a manual rollback goes to
# any kept release. Every transition is an event.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist
hello_setup

deploy() {
  local id
  id=$(deploy_call hello)
  await_deploy "$id"
}
app_prop() {
  sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/hello org.hoist.Hoist1.App "$1"
}

commit 1.0.0
out=$(deploy)
echo "$out"
assert_eq succeeded "$(json_get "$out" 'j["state"]')" "the first deploy succeeds"
assert_eq "hello from 1.0.0" "$(serving)" "release 1.0.0 serves"
release1=$(json_get "$out" 'j["release"]')
assert_eq "releases/$release1" "$(sbx readlink /srv/hoist/hello/current)" "current points at it"
assert_contains "$(json_get "$out" '[s["output_tail"] for s in j["steps"] if s["name"] == "build-1"][0]')" \
  "built hello 1.0.0" "the build step's output is kept with the deploy"
assert_eq "fetch resolve build-1 switch restart health" "$(json_get "$out" '" ".join(s["name"] for s in j["steps"])')" \
  "the record lists every step"
assert_eq "s \"$release1\"" "$(app_prop CurrentRelease)" "the App object's CurrentRelease"
assert_eq 's "succeeded"' "$(app_prop LastResult)" "the App object's LastResult"
commit1=$(json_get "$out" 'j["commit"]')
assert_eq "s \"$(hello_git rev-parse HEAD)\"" "$(app_prop CurrentCommit)" "the App object's CurrentCommit is the deployed commit"

inv=$(unit_prop hello.service InvocationID)
sock_inv=$(unit_prop hello.socket InvocationID)
commit 2.0.0
out=$(deploy)
assert_eq succeeded "$(json_get "$out" 'j["state"]')" "the second deploy succeeds"
assert_eq "hello from 2.0.0" "$(serving)" "release 2.0.0 serves"
assert_ne "$inv" "$(unit_prop hello.service InvocationID)" "hello.service was restarted"
assert_eq "$sock_inv" "$(unit_prop hello.socket InvocationID)" "hello.socket was not"
assert_eq "$release1" "$(json_get "$out" 'j["previous_release"]')" "the deploy recorded what it replaced"
release2=$(json_get "$out" 'j["release"]')
commit2=$(json_get "$out" 'j["commit"]')

commit 3.0.0 FAIL_BUILD yes
out=$(deploy)
echo "$out"
assert_eq failed "$(json_get "$out" 'j["state"]')" "a deploy whose build fails fails"
assert_eq build-1 "$(json_get "$out" 'j["step"]')" "at the build step"
assert_contains "$(json_get "$out" 'j["steps"][-1]["output_tail"]')" "is broken" "with the step's output"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 still serves"
assert_eq "releases/$release2" "$(sbx readlink /srv/hoist/hello/current)" "current is untouched"
assert_eq 's "build-1"' "$(app_prop FailedStep)" "the App object's FailedStep"

commit 4.0.0 HEALTH fail
out=$(deploy)
echo "$out"
assert_eq rolled-back "$(json_get "$out" 'j["state"]')" "an unhealthy release is rolled back"
assert_contains "$(json_get "$out" 'j["error"]')" "HTTP 503" "naming what the health gate saw"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 serves again"
assert_eq "releases/$release2" "$(sbx readlink /srv/hoist/hello/current)" "current points back at it"
assert_eq "s \"$commit2\"" "$(app_prop CurrentCommit)" "CurrentCommit is still 2.0.0's"

commit 5.0.0 CRASH yes
out=$(deploy)
echo "$out"
assert_eq rolled-back "$(json_get "$out" 'j["state"]')" "a crash-looping release is rolled back"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 serves again"

# A manual rollback to the first release, then back to the newest.
releases=$(hoist_busctl ListReleases s hello)
assert_contains "$releases" "[\"$release2\",true]" "ListReleases marks the current release"
id=$(json_get "$(hoist_busctl Rollback ss hello "")" 'j["data"][0]')
out=$(await_deploy "$id")
echo "$out"
assert_eq "succeeded rollback $release1" "$(json_get "$out" '" ".join([j["state"], j["kind"], j["release"]])')" \
  "Rollback with no release goes to the one before the current"
assert_eq "hello from 1.0.0" "$(serving)" "1.0.0 serves after the rollback"
assert_eq "s \"$commit1\"" "$(app_prop CurrentCommit)" "CurrentCommit is 1.0.0's, from the deploy that built it"
id=$(json_get "$(hoist_busctl Rollback ss hello "$release2")" 'j["data"][0]')
assert_eq succeeded "$(json_get "$(await_deploy "$id")" 'j["state"]')" "Rollback to a named release"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 serves again"
expect_dbus_error org.hoist.Hoist1.Error.NoSuchRelease Rollback string:hello string:20200101T000000Z-abcdef0
expect_dbus_error org.hoist.Hoist1.Error.NoSuchApp Rollback string:nope string:
if out=$(hoist_busctl Deploy 'ssa{sv}' -- hello --upload-pack=x 0 2>&1); then fail "Deploy of an option-like revision succeeded: $out"; fi
assert_contains "$out" 'Invalid revision "--upload-pack=x"' "Deploy refuses an option-like revision"
if out=$(hoist_busctl Deploy 'ssa{sv}' hello "" 1 colour b true 2>&1); then fail "Deploy with an unknown option succeeded"; fi
assert_contains "$out" 'Unknown deploy option "colour"' "Deploy refuses unknown options"

# The HTTP API.
http GET /api/v1/apps
apps=$HTTP_BODY
assert_eq "hello $release2 $commit2 succeeded" \
  "$(json_get "$apps" '" ".join([j[0]["name"], j[0]["current_release"], j[0]["current_commit"], j[0]["last_result"]])')" \
  "GET /api/v1/apps"
http GET /api/v1/apps/hello
assert_eq "$id" "$(json_get "$HTTP_BODY" 'j["history"][0]["id"]')" "GET /api/v1/apps/hello has the history"
http GET "/api/v1/deploys/$id"
assert_eq "$id succeeded" "$(json_get "$HTTP_BODY" 'j["id"] + " " + j["state"]')" "GET /api/v1/deploys/ID"
http GET /api/v1/apps/nope
assert_eq 404 "$HTTP_STATUS" "GET /api/v1/apps/nope is a 404"

events=$(sbx cat /var/log/hoist/events.jsonl)
assert_contains "$events" '"kind":"deploy-succeeded"' "events.jsonl has the successful deploys"
assert_contains "$events" '"kind":"rollback-succeeded"' "and the rollbacks"
journal=$(sbx journalctl HOIST_APP=hello -o cat)
assert_contains "$journal" "hello" "journalctl HOIST_APP=hello finds the deploy's events"
assert_contains "$(sbx journalctl HOIST_APP=hello HOIST_DEPLOY_KIND=rollback -o cat)" "$release1" \
  "a manual rollback's events name the release it went to"

# A proxy in hoistd's environment (how an admin lets it reach the forges) is
# not for health probes: with one that answers nothing, a deploy still passes
# its gate and serves.
dead=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sbx_write_file /etc/systemd/system/hoistd.service.d/proxy.conf <<EOF2
[Service]
Environment=http_proxy=http://127.0.0.1:$dead https_proxy=http://127.0.0.1:$dead all_proxy=http://127.0.0.1:$dead
EOF2
sbx systemctl daemon-reload
sbx systemctl restart hoistd.service
assert_contains "$(unit_prop hoistd.service Environment)" "http_proxy=http://127.0.0.1:$dead" "hoistd runs with a proxy"
commit 6.0.0
out=$(deploy)
assert_eq "succeeded" "$(json_get "$out" 'j["state"]')" "a deploy passes the health gate with a proxy in hoistd's environment"
assert_eq "hello from 6.0.0" "$(serving)" "and 6.0.0 serves"
