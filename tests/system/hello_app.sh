# shellcheck shell=bash
#
# Sourced by the deploy tests after lib.sh and boot_hoist: the example app
# (examples/hello) as a git repository in the sandbox, /srv/hello.git, owned
# by the user hello, served by hello.socket (on $HELLO_PORT) + hello.service
# from /srv/hoist/hello/current, and deployed by hoistd as the app "hello".
#
#   hello_setup [EXTRA [Health] LINES]   repository, units, /etc/hoist/apps/hello.app
#   commit VERSION [FILE CONTENT]...     a commit; FAIL_BUILD, HEALTH, CRASH, HOLD
#                                        (examples/hello/README.md) are reset first
#   serving                              what GET / answers now
#   deploy_call APP [REVISION]           D-Bus Deploy as root; prints the deploy id
#   deploy_record ID                     D-Bus GetDeploy; prints the record (JSON)
#   await_deploy ID [TIMEOUT]            waits until the deploy has ended; prints its record

HELLO_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

git_as_hello() {
  sbx runuser -u hello -- git -C /srv/hello.git -c user.name=t -c user.email=t@example.org "$@"
}

commit() {
  local version=$1
  shift
  sbx_sh "rm -f /srv/hello.git/FAIL_BUILD /srv/hello.git/HEALTH /srv/hello.git/CRASH /srv/hello.git/HOLD"
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

hello_setup() {
  sbx useradd --system --user-group --home-dir /nonexistent hello
  cp -a "$HOIST_SOURCE_DIR/examples/hello" "$SBX_ROOT/srv/hello.git"
  sbx_sh 'rm -rf /srv/hello.git/FAIL_BUILD /srv/hello.git/HEALTH /srv/hello.git/CRASH /srv/hello.git/.git &&
    chown -R hello:hello /srv/hello.git'
  git_as_hello init --quiet --initial-branch=main
  sbx_write_unit hello.socket <<UNIT
[Socket]
ListenStream=127.0.0.1:$HELLO_PORT
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
URL=http://127.0.0.1:$HELLO_PORT/health
TimeoutSec=5
Retries=10
StabilizeSec=${HELLO_STABILIZE_SEC:-2}
$*
APP
}

serving() { sbx_curl "http://127.0.0.1:$HELLO_PORT/"; }

hoist_busctl() { sbx busctl --json=short call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager "$@"; }

deploy_call() {
  local out
  out=$(hoist_busctl Deploy ssa{sv} "$1" "${2:-}" 0) || fail "Deploy $1 ${2:-} failed: $out"
  json_get "$out" 'j["data"][0]'
}

deploy_record() {
  local out
  out=$(hoist_busctl GetDeploy s "$1") || fail "GetDeploy $1 failed: $out"
  json_get "$out" 'j["data"][0]'
}

deploy_state() { json_get "$(deploy_record "$1")" 'j["state"]'; }

deploy_ended() {
  local state
  state=$(deploy_state "$1")
  [[ $state != queued && $state != running ]]
}

await_deploy() {
  WAIT_INTERVAL=0.2 wait_for "${2:-120}" "deploy $1 to end" deploy_ended "$1"
  deploy_record "$1"
}
