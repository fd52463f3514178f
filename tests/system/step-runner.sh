#!/usr/bin/env bash
# Deploy steps run as transient services of PID 1 (StartTransientUnit), with
# the requested user, directory, environment and time limit; their result
# and output come back, and the unit is gone afterwards.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

run_step() { driver step "$@" || true; }
field() { json_get "$1" "j['$2']"; }

out=$(run_step hoist-test-ok.service -- sh -c 'echo hello; echo wörld')
echo "$out"
assert_eq success "$(field "$out" result)" "a step that exits 0 succeeds"
assert_eq "hello
wörld" "$(field "$out" output)" "its output is read back from the journal"
assert_match '^[0-9a-f]{32}$' "$(field "$out" invocation_id)" "it ran with an invocation id"
assert_eq "not-found" "$(sbx systemctl show -P LoadState hoist-test-ok.service)" \
  "the transient unit was collected afterwards"

out=$(run_step hoist-test-fail.service -- sh -c 'echo "building..."; echo "error: no" >&2; exit 3')
echo "$out"
assert_eq exit-code "$(field "$out" result)" "a step that exits 3 fails"
assert_eq 3 "$(field "$out" exit_status)" "with its exit status"
assert_eq "exit status 3" "$(field "$out" describe)" "described as such"
assert_contains "$(field "$out" output)" "error: no" "its stderr is in the output"
assert_eq "not-found" "$(sbx systemctl show -P LoadState hoist-test-fail.service)" \
  "a failed step's unit is collected too"

out=$(run_step --timeout-sec 1 hoist-test-slow.service -- sleep 30)
echo "$out"
assert_eq timeout "$(field "$out" result)" "a step over its time limit is stopped"
assert_eq "timed out" "$(field "$out" describe)" "and described as timed out"

sbx mkdir -p /srv/app
sbx chown nobody /srv/app
# shellcheck disable=SC2016  # expanded by the step's shell
out=$(run_step --user nobody --dir /srv/app --env GREETING=hi hoist-test-env.service -- \
  sh -c 'id -un; pwd; echo "$GREETING"; touch /usr/hoist-step-was-here 2>/dev/null || echo "usr is read-only"')
echo "$out"
assert_eq success "$(field "$out" result)" "a step as another user succeeds"
assert_eq "nobody
/srv/app
hi
usr is read-only" "$(field "$out" output)" "User=, WorkingDirectory=, Environment= and ProtectSystem= apply"

out=$(run_step hoist-test-missing.service -- no-such-command-x)
assert_contains "$(field "$out" error)" "not found" "an unknown command is an error naming it"
