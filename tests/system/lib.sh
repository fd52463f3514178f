# shellcheck shell=bash
#
# Sourced by every system test (tests/system/*.sh). Each test boots its own
# real systemd with hoist installed (tools/sandbox), checks what a user would
# see, and is torn down by the sandbox's trap whatever happens.
#
# Environment (set by tests/system/meson.build):
#   HOIST_BUILD_DIR   the meson build directory to install into the sandbox
#   HOIST_SOURCE_DIR  the source tree (tools/sandbox, dbus/*.xml)
#   HOIST_VERSION     the project version hoistd reports
#   HOIST_REQUIRE_SYSTEM_TESTS=1  a test that cannot run fails instead of
#                     exiting 77 (skipped); CI sets it.

set -euo pipefail

: "${HOIST_BUILD_DIR:?HOIST_BUILD_DIR must point at the meson build directory}"
: "${HOIST_SOURCE_DIR:?HOIST_SOURCE_DIR must point at the source tree}"

TEST_NAME=$(basename "$0" .sh)

# skip REASON: exit 77 (meson: skipped), or fail when system tests are required.
skip() {
  if [[ ${HOIST_REQUIRE_SYSTEM_TESTS:-0} == 1 ]]; then
    echo "FAIL: $TEST_NAME cannot run: $* (HOIST_REQUIRE_SYSTEM_TESTS=1)" >&2
    exit 1
  fi
  echo "SKIP: $TEST_NAME: $*"
  exit 77
}

# shellcheck source=SCRIPTDIR/../../tools/sandbox
. "$HOIST_SOURCE_DIR/tools/sandbox"

if ! why=$(sandbox_check); then skip "$why"; fi

# ------------------------------------------------------------- assertions --

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

ok() { echo "ok - $*"; }

# assert_eq EXPECTED ACTUAL WHAT
assert_eq() {
  [[ $1 == "$2" ]] || fail "$3: expected '$1', got '$2'"
  ok "$3"
}

# assert_ne UNEXPECTED ACTUAL WHAT
assert_ne() {
  [[ $1 != "$2" ]] || fail "$3: got '$2', which it must not be"
  ok "$3"
}

# assert_contains HAYSTACK NEEDLE WHAT
assert_contains() {
  [[ $1 == *"$2"* ]] || fail "$3: '$2' not found in: $1"
  ok "$3"
}

# assert_match REGEX VALUE WHAT
assert_match() {
  [[ $2 =~ $1 ]] || fail "$3: '$2' does not match /$1/"
  ok "$3"
}

# --------------------------------------------------------------- sandboxes --

# boot_hoist: a sandbox with this build installed and hoistd.socket enabled
# on its own port (SBX_PORT).
boot_hoist() {
  sandbox_boot --build "$HOIST_BUILD_DIR" --name "$TEST_NAME" ||
    fail "could not boot a sandbox with $HOIST_BUILD_DIR installed"
}

# json_get JSON EXPR → evaluates the python expression EXPR with `j` bound to
# the parsed JSON and prints the result (strings bare, others as JSON).
json_get() {
  python3 -c '
import json, sys
j = json.loads(sys.argv[1])
v = eval(sys.argv[2], {"j": j})
print(v if isinstance(v, str) else json.dumps(v))' "$1" "$2"
}

# http METHOD PATH → sets HTTP_STATUS, HTTP_TYPE (Content-Type) and HTTP_BODY
# for a request to hoistd's socket in the sandbox (no retries: a refused or
# dropped connection fails the request).
# shellcheck disable=SC2034  # HTTP_* are for the caller
http() {
  local out
  out=$(sbx_curl -X "$1" -w '\n%{http_code} %{content_type}' "$(sbx_url "$2")") ||
    fail "$1 $2: curl failed: $out"
  HTTP_BODY=${out%$'\n'*}
  local tail=${out##*$'\n'}
  HTTP_STATUS=${tail%% *}
  HTTP_TYPE=${tail#* }
}

# unit_prop UNIT PROPERTY → systemctl show -P inside the sandbox.
unit_prop() { sbx systemctl show -P "$2" "$1"; }

# unit_is UNIT STATE → true when the unit's ActiveState is STATE (for wait_for).
unit_is() { [[ $(unit_prop "$1" ActiveState) == "$2" ]]; }

# dbus_call METHOD ARG... → runs the Manager method through dbus-send (which,
# unlike busctl, prints the D-Bus error name); sets DBUS_RC and DBUS_OUT
# (stdout and stderr). ARGs are dbus-send typed arguments (string:x, uint32:5).
# Prefix with DBUS_AS=user to call as that user (runuser).
dbus_call() {
  local method=$1
  shift
  local -a pre=()
  [[ -z ${DBUS_AS:-} ]] || pre=(runuser -u "$DBUS_AS" --)
  DBUS_RC=0
  DBUS_OUT=$(sbx "${pre[@]}" dbus-send --system --print-reply --reply-timeout=90000 \
    --dest=org.hoist.Hoist1 /org/hoist/Hoist1 "org.hoist.Hoist1.Manager.$method" "$@" 2>&1) ||
    DBUS_RC=$?
}

# expect_dbus_error ERROR METHOD ARG...: the call fails with the named error.
expect_dbus_error() {
  local error=$1 method=$2
  shift 2
  dbus_call "$method" "$@"
  [[ $DBUS_RC != 0 ]] || fail "$method $*: succeeded, expected $error: $DBUS_OUT"
  [[ $DBUS_OUT == *"Error $error"* ]] ||
    fail "$method $(printf '%q ' "$@"): expected $error, got: $DBUS_OUT"
  ok "$method $(printf '%q ' "$@")→ $error"
}

# write_test_unit NAME [EXTRA SERVICE LINES...]: a long-running service that
# takes no network and can be restarted at will.
write_test_unit() {
  local name=$1
  shift
  {
    printf '[Unit]\nDescription=hoist system test unit %s\n\n[Service]\n' "$name"
    printf 'ExecStart=/bin/sleep infinity\n'
    (($# == 0)) || printf '%s\n' "$@"
  } | sbx_write_unit "$name"
}

# driver ARG...: runs tests/system/driver (hoistd's building blocks against
# the sandbox's PID 1). It is copied into the sandbox on first use: the build
# directory may be somewhere the sandbox does not see (e.g. under /tmp,
# which the sandbox's systemd mounts anew).
driver() {
  if [[ ! -x $SBX_ROOT/usr/local/libexec/hoist-test-driver ]]; then
    install -D -m 0755 "$HOIST_BUILD_DIR/tests/system/driver" \
      "$SBX_ROOT/usr/local/libexec/hoist-test-driver" || fail "could not copy the test driver"
  fi
  sbx /usr/local/libexec/hoist-test-driver "$@"
}

# load_client → the path of hoist-load (tests/load) inside the sandbox,
# copied there on first use like the driver. Run it with sbx, e.g.
#   sbx "$(load_client)" --url "http://127.0.0.1:$port/" --until-file /run/stop --json
load_client() {
  if [[ ! -x $SBX_ROOT/usr/local/libexec/hoist-load ]]; then
    install -D -m 0755 "$HOIST_BUILD_DIR/tests/load/hoist-load" \
      "$SBX_ROOT/usr/local/libexec/hoist-load" || fail "could not copy the load client"
  fi
  echo /usr/local/libexec/hoist-load
}

# load_start URL [CONCURRENCY]: hoist-load against URL in the background
# (CONCURRENCY clients, 4 by default, back to back, for at most 10 minutes)
# until load_stop.
load_start() {
  sbx_sh "$(load_client) --url $1 --concurrency ${2:-4} --duration 600 --until-file /run/load-stop \
    --json >/run/load.json 2>/run/load.err & echo \$! >/run/load.pid"
}

# load_stop → stops load_start's client, waits for it and prints its JSON
# summary (its stderr goes to ours).
load_stop() {
  sbx touch /run/load-stop
  wait_for 60 "the load client to finish" sbx_sh '! kill -0 "$(cat /run/load.pid)"'
  sbx cat /run/load.err >&2
  sbx cat /run/load.json
}
