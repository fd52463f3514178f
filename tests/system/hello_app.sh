# shellcheck shell=bash
#
# Sourced by the deploy tests after lib.sh and boot_hoist: the example app
# (examples/hello/sandbox.sh) on $HELLO_PORT, deployed by hoistd as "hello".
#
#   hello_setup [EXTRA [Health] LINES]   hello_install with StabilizeSec=2
#                                        (HELLO_STABILIZE_SEC)
#   commit VERSION [FILE CONTENT]...     hello_commit
#   serving                              what GET / answers now
#   deploy_call APP [REVISION]           D-Bus Deploy as root; prints the deploy id
#   deploy_record ID                     D-Bus GetDeploy; prints the record (JSON)
#   await_deploy ID [TIMEOUT]            waits until the deploy has ended; prints its record

# shellcheck source=SCRIPTDIR/../../examples/hello/sandbox.sh
. "$HOIST_SOURCE_DIR/examples/hello/sandbox.sh"

HELLO_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

hello_setup() { hello_install "$HELLO_PORT" "StabilizeSec=${HELLO_STABILIZE_SEC:-2}" "$@"; }
commit() { hello_commit "$@"; }

serving() { sbx_curl "http://127.0.0.1:$HELLO_PORT/"; }

hoist_busctl() { sbx busctl --json=short call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager "$@"; }

deploy_call() {
  local out
  out=$(hoist_busctl Deploy 'ssa{sv}' "$1" "${2:-}" 0) || fail "Deploy $1 ${2:-} failed: $out"
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
