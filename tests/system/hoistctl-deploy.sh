#!/usr/bin/env bash
# hoistctl's app verbs against hoistd: deploy --wait (progress from the
# signals, exit status from the final state), --dry-run, --json, history,
# releases, show, deploy-status, rollback, reload, and the exit codes of
# refusals.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist
HELLO_STABILIZE_SEC=1 hello_setup

# ctl EXPECTED_STATUS ARGS...: runs hoistctl, checks its exit status, prints its stdout.
ctl() {
  local want=$1 rc=0 out
  shift
  out=$(sbx hoistctl "$@" </dev/null 2>"$SBX_ROOT/tmp/ctl.err") || rc=$?
  [[ $rc == "$want" ]] ||
    fail "hoistctl $*: exit status $rc, expected $want: $out $(cat "$SBX_ROOT/tmp/ctl.err")"
  printf '%s\n' "$out"
}

plan=$(ctl 0 deploy hello --dry-run --json)
assert_eq "precheck fetch resolve build-1 switch restart health prune" \
  "$(json_get "$plan" '" ".join(s["step"] for s in j)')" "deploy --dry-run --json lists the plan"
assert_eq 's ""' "$(sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/hello org.hoist.Hoist1.App LastDeploy)" \
  "and deploys nothing"

hello_commit 1.0.0
out=$(ctl 0 deploy hello --wait)
echo "$out"
assert_match $'✓ build-1 ' "$out" "deploy --wait shows each finished step"
assert_contains "$out" "succeeded" "and the result"
assert_eq "hello from 1.0.0" "$(serving)" "1.0.0 serves"

hello_commit 2.0.0
record=$(ctl 0 --json deploy hello --wait)
assert_eq succeeded "$(json_get "$record" 'j["state"]')" "deploy --wait --json prints the final record"
release2=$(json_get "$record" 'j["release"]')

hello_commit 3.0.0 FAIL_BUILD yes
ctl 1 deploy hello --wait >/dev/null
ok "a failed deploy exits 1"
assert_contains "$(cat "$SBX_ROOT/tmp/ctl.err")" "is broken" "with the failed step's output on stderr"
hello_commit 3.0.1 FAIL_BUILD yes
record=$(ctl 1 --json deploy hello --wait)
assert_eq "failed build-1" "$(json_get "$record" 'j["state"] + " " + j["step"]')" "--json prints the failed record"
id=$(json_get "$record" 'j["id"]')
assert_contains "$(ctl 0 deploy-status "$id")" "is broken" "deploy-status shows the step's output"

history=$(ctl 0 --json history -n 2 hello)
assert_eq "failed failed" "$(json_get "$history" '" ".join(r["state"] for r in j)')" "history -n 2 --json"
assert_contains "$(ctl 0 history hello)" "$id" "history lists the deploy ids"
releases=$(ctl 0 --json releases hello)
assert_eq "$release2" "$(json_get "$releases" '[r["name"] for r in j if r["current"]][0]')" "releases marks the current one"
show=$(ctl 0 --json show hello)
assert_eq "idle $release2 failed build-1" \
  "$(json_get "$show" '" ".join([j["state"], j["current_release"], j["last_result"], j["failed_step"]])')" \
  "show --json has the app's state"

record=$(ctl 0 --json rollback hello --wait)
assert_eq "rollback succeeded" "$(json_get "$record" 'j["kind"] + " " + j["state"]')" "rollback --wait"
assert_eq "hello from 1.0.0" "$(serving)" "the release before serves again"
assert_contains "$(ctl 0 --json apps)" '"name":"hello"' "apps --json lists the app"

ctl 5 deploy nope >/dev/null
ok "deploy of an unknown app exits 5 ($(cat "$SBX_ROOT/tmp/ctl.err"))"
ctl 4 show nope >/dev/null
ok "show of an unknown app exits 4"
rc=0
sbx runuser -u nobody -- hoistctl deploy hello </dev/null >/dev/null 2>&1 || rc=$?
assert_eq 4 "$rc" "deploy as nobody exits 4 (not authorized)"

sbx_write_file /etc/hoist/apps/broken.app <<'APP'
[App]
Units=broken.service
KeepReleases=lots
APP
ctl 1 reload >/dev/null
assert_contains "$(cat "$SBX_ROOT/tmp/ctl.err")" "/etc/hoist/apps/broken.app:3" "reload prints the problem and exits 1"
