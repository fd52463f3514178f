#!/usr/bin/env bash
# One deploy per app at a time: five quick requests leave one running and the
# newest waiting (the others canceled), and the newest is what ends up
# serving. An invalid app file is reported with file:line and does not stop
# other apps from deploying. An unprivileged caller cannot deploy.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist
hello_setup
sbx_write_file /etc/hoist/apps/broken.app <<'APP'
[App]
Units=broken.service
KeepReleases=lots
APP

# An invalid app file: hoistd starts anyway and names the file, line and key.
assert_eq '["hello"]' "$(json_get "$(hoist_busctl ListApps)" '[a[0] for a in j["data"][0]]')" "ListApps lists hello alone"
journal=$(sbx journalctl -u hoistd.service -o cat)
assert_contains "$journal" "/etc/hoist/apps/broken.app:3" "the journal names broken.app and the line"
assert_contains "$journal" "KeepReleases" "and the key"
problems=$(hoist_busctl Reload)
assert_contains "$problems" "/etc/hoist/apps/broken.app:3" "Reload returns the problem with file:line"

# An unprivileged caller cannot deploy (nor roll back), and nothing is queued.
if out=$(sbx runuser -u nobody -- busctl call org.hoist.Hoist1 /org/hoist/Hoist1 \
  org.hoist.Hoist1.Manager Deploy 'ssa{sv}' hello "" 0 2>&1); then
  fail "nobody could deploy: $out"
fi
ok "Deploy as nobody fails ($out)"
DBUS_AS=nobody expect_dbus_error org.hoist.Hoist1.Error.NotAuthorized Rollback string:hello string:
DBUS_AS=nobody expect_dbus_error org.hoist.Hoist1.Error.NotAuthorized Reload
assert_eq 's ""' "$(sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/hello org.hoist.Hoist1.App LastDeploy)" \
  "no deploy was made"

# Five requests while the first one is held in its build step.
commit 1.0.0
sbx touch /run/hello-hold
commit 2.0.0 HOLD /run/hello-hold
ids=()
for _ in 1 2 3 4 5; do ids+=("$(deploy_call hello)"); done
step_is() { [[ $(json_get "$(deploy_record "$1")" 'j["step"]') == "$2" ]]; }
wait_for 60 "the first deploy to hold in build-1" step_is "${ids[0]}" build-1
assert_eq running "$(deploy_state "${ids[0]}")" "the first request runs"
for i in 1 2 3; do
  assert_eq canceled "$(deploy_state "${ids[$i]}")" "request $((i + 1)) was replaced (canceled)"
done
assert_eq queued "$(deploy_state "${ids[4]}")" "the newest request waits"
assert_eq "s \"${ids[4]}\"" "$(sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/hello org.hoist.Hoist1.App QueuedDeploy)" \
  "the App object's QueuedDeploy is the newest"
assert_eq 's "deploying"' "$(sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/hello org.hoist.Hoist1.App State)" \
  "the app is deploying"

# A reload while the deploy runs drops nothing: both deploys go on.
assert_contains "$(hoist_busctl Reload)" "broken.app" "Reload while a deploy runs"
assert_eq running "$(deploy_state "${ids[0]}")" "the running deploy goes on through the reload"
assert_eq queued "$(deploy_state "${ids[4]}")" "and the waiting one still waits"

commit 3.0.0
sbx rm /run/hello-hold
assert_eq succeeded "$(json_get "$(await_deploy "${ids[0]}")" 'j["state"]')" "the first deploy succeeds"
assert_eq succeeded "$(json_get "$(await_deploy "${ids[4]}")" 'j["state"]')" "then the newest one"
assert_eq "hello from 3.0.0" "$(serving)" "the newest commit serves"
# They never overlapped: the newest started after the first had finished.
order=$(sbx cat /var/log/hoist/events.jsonl | python3 -c '
import json, sys
ids = sys.argv[1:]
for line in sys.stdin:
    e = json.loads(line)
    if e.get("deploy_id") in ids and e["kind"] in ("deploy-started", "deploy-succeeded", "deploy-canceled"):
        print(ids.index(e["deploy_id"]) + 1, e["kind"])' "${ids[@]}" | tr '\n' ' ')
assert_eq "1 deploy-started 2 deploy-canceled 3 deploy-canceled 4 deploy-canceled 1 deploy-succeeded 5 deploy-started 5 deploy-succeeded " \
  "$order" "the events show one deploy after the other"
