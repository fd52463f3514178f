#!/usr/bin/env bash
# The deploy pipeline on a real PID 1 with the example app: a good commit is
# fetched, built, switched to, restarted and health-gated; a failing build
# leaves the old release serving; an unhealthy release and a crash-looping
# one are rolled back by themselves. Every transition is an event.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sbx useradd --system --user-group --home-dir /nonexistent hello
cp -a "$HOIST_SOURCE_DIR/examples/hello" "$SBX_ROOT/srv/hello.git"
sbx_sh 'rm -f /srv/hello.git/FAIL_BUILD /srv/hello.git/HEALTH /srv/hello.git/CRASH &&
  chown -R hello:hello /srv/hello.git'
git_as_hello() {
  sbx runuser -u hello -- git -C /srv/hello.git -c user.name=t -c user.email=t@example.org "$@"
}
git_as_hello init --quiet --initial-branch=main
# commit VERSION [FILE CONTENT]...: a commit of the example app.
commit() {
  local version=$1
  shift
  sbx_sh "rm -f /srv/hello.git/FAIL_BUILD /srv/hello.git/HEALTH /srv/hello.git/CRASH"
  while (($#)); do
    printf '%s\n' "$2" | sbx_write_file "/srv/hello.git/$1"
    sbx chown hello:hello "/srv/hello.git/$1"
    shift 2
  done
  printf '%s\n' "$version" | sbx_write_file /srv/hello.git/VERSION
  sbx chown hello:hello /srv/hello.git/VERSION
  git_as_hello add --all
  git_as_hello commit --quiet -m "hello $version"
}

sbx_write_unit hello.socket <<UNIT
[Socket]
ListenStream=127.0.0.1:$port
UNIT
sbx_write_unit hello.service <<'UNIT'
[Unit]
Requires=hello.socket
After=hello.socket
[Service]
ExecStart=/usr/bin/python3 /srv/hoist/hello/current/server.py
User=hello
Restart=always
RestartSec=200ms
TimeoutStopSec=10s
UNIT
sbx systemctl start hello.socket
sbx_write_file /etc/hoist/apps/hello.app <<APP
[App]
Description=the example app
Units=hello.socket hello.service
Repository=/srv/hello.git
Branch=main
User=hello
Group=hello

[Build]
Step=./build.sh

[Health]
URL=http://127.0.0.1:$port/health
TimeoutSec=5
Retries=10
StabilizeSec=2
APP

deploy() { driver deploy /etc/hoist/apps/hello.app || true; }
serving() { sbx_curl "http://127.0.0.1:$port/"; }

commit 1.0.0
out=$(deploy)
echo "$out"
assert_eq succeeded "$(json_get "$out" 'j["state"]')" "the first deploy succeeds"
assert_eq "hello from 1.0.0" "$(serving)" "release 1.0.0 serves"
release1=$(json_get "$out" 'j["release"]')
assert_eq "releases/$release1" "$(sbx readlink /srv/hoist/hello/current)" "current points at it"
assert_contains "$(json_get "$out" '[s["output_tail"] for s in j["steps"] if s["name"] == "build-1"][0]')" \
  "built hello 1.0.0" "the build step's output is kept with the deploy"

inv=$(unit_prop hello.service InvocationID)
commit 2.0.0
out=$(deploy)
assert_eq succeeded "$(json_get "$out" 'j["state"]')" "the second deploy succeeds"
assert_eq "hello from 2.0.0" "$(serving)" "release 2.0.0 serves"
assert_ne "$inv" "$(unit_prop hello.service InvocationID)" "hello.service was restarted"
assert_eq "$release1" "$(json_get "$out" 'j["previous_release"]')" "the deploy recorded what it replaced"
release2=$(json_get "$out" 'j["release"]')

commit 3.0.0 FAIL_BUILD yes
out=$(deploy)
echo "$out"
assert_eq failed "$(json_get "$out" 'j["state"]')" "a deploy whose build fails fails"
assert_eq build-1 "$(json_get "$out" 'j["step"]')" "at the build step"
assert_contains "$(json_get "$out" 'j["steps"][-1]["output_tail"]')" "is broken" "with the step's output"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 still serves"
assert_eq "releases/$release2" "$(sbx readlink /srv/hoist/hello/current)" "current is untouched"

commit 4.0.0 HEALTH fail
out=$(deploy)
echo "$out"
assert_eq rolled-back "$(json_get "$out" 'j["state"]')" "an unhealthy release is rolled back"
assert_contains "$(json_get "$out" 'j["error"]')" "HTTP 503" "naming what the health gate saw"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 serves again"
assert_eq "releases/$release2" "$(sbx readlink /srv/hoist/hello/current)" "current points back at it"

commit 5.0.0 CRASH yes
out=$(deploy)
echo "$out"
assert_eq rolled-back "$(json_get "$out" 'j["state"]')" "a crash-looping release is rolled back"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 serves again"

events=$(sbx cat /var/log/hoist/events.jsonl)
assert_contains "$events" '"kind":"deploy-succeeded"' "events.jsonl has the successful deploys"
assert_contains "$events" '"kind":"rollback-succeeded"' "and the rollbacks"
journal=$(sbx journalctl HOIST_APP=hello -o cat)
assert_contains "$journal" "hello" "journalctl HOIST_APP=hello finds the deploy's events"
