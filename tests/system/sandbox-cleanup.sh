#!/usr/bin/env bash
# tools/sandbox leaves nothing behind: not on a normal exit, not on an error,
# not on SIGTERM or ^C, and a sandbox whose owner was SIGKILLed is swept.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

scratch=$(mktemp -d /var/tmp/hoist-sandbox-cleanup.XXXXXX)
owners=()
# If this test itself fails or is stopped: no owner shell may outlive it.
cleanup() {
  local p
  for p in "${owners[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done
  sandbox_sweep 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# owner SCENARIO: a shell that boots a sandbox, records it, then ends as told.
owner() {
  # shellcheck disable=SC2016  # expanded by the owner shell
  # Its own process group, like a test run from a terminal or by meson, with
  # SIGINT not ignored (bash ignores it in background jobs).
  setsid env --default-signal=INT bash -c '
    set -euo pipefail
    . "$HOIST_SOURCE_DIR/tools/sandbox"
    SBX_QUIET=1 sandbox_boot --name "cleanup-$1"
    echo "$SBX_DIR $SBX_PID $SBX_NSPAWN_PID" >"$2.tmp"
    mv "$2.tmp" "$2"
    case $1 in
      exit) exit 0 ;;
      error) false ;;
      # In the background and waited for: a signal that lands while bash
      # forks a foreground command is held until that command ends, and
      # would leave this shell asleep for the whole 300 s.
      *) sleep 300 & wait $! ;;
    esac' owner "$1" "$scratch/$1" &
  owner_pid=$!
  owners+=("$owner_pid")
  wait_for 60 "the $1 owner's sandbox to boot" test -s "$scratch/$1" ||
    fail "the sandbox for '$1' did not boot"
  read -r dir pid1 nspawn <"$scratch/$1"
}

# reap WHAT: waits (at most 30 s) for the last owner shell to end; its exit
# status in rc.
owner_ended() { local s; s=$(ps -o stat= -p "$owner_pid" 2>/dev/null) || return 0; [[ $s == Z* ]]; }
reap() {
  wait_for 30 "the $1 owner to exit" owner_ended || fail "the $1 owner still runs 30 s after the signal"
  rc=0
  wait "$owner_pid" || rc=$?
}

# gone WHAT: the sandbox of the last owner left no trace.
gone() {
  wait_for 10 "$1: nspawn ($nspawn) to exit" sh -c "! kill -0 $nspawn 2>/dev/null" ||
    fail "$1: systemd-nspawn $nspawn still runs"
  wait_for 10 "$1: the container's PID 1 ($pid1) to exit" sh -c "! kill -0 $pid1 2>/dev/null" ||
    fail "$1: the container's PID 1 ($pid1) still runs"
  if grep -qF " $dir/" /proc/mounts; then fail "$1: $dir still mounted"; fi
  [[ ! -e $dir ]] || fail "$1: $dir still exists"
  local cg
  cg=$(find /sys/fs/cgroup -maxdepth 4 -type d -name "${dir##*/}" 2>/dev/null)
  [[ -z $cg ]] || fail "$1: cgroup left: $cg"
  ok "$1: no process, mount, directory or cgroup left"
}

owner exit
wait "$owner_pid" || fail "the exit owner failed"
gone "normal exit"

owner error
rc=0
wait "$owner_pid" || rc=$?
assert_eq 1 "$rc" "the error owner exited 1"
gone "exit on an error (set -e)"

# As meson does when a test times out: SIGTERM to the test's process group.
owner term
kill -TERM -- "-$owner_pid"
reap TERM
assert_eq 143 "$rc" "the TERM owner exited 143"
gone "SIGTERM"

owner int
kill -INT -- "-$owner_pid"
reap INT
gone "SIGINT to the process group (^C)"

owner kill
kill -KILL -- "-$owner_pid"
reap KILL
sandbox_sweep
gone "SIGKILL, then the sweep"
