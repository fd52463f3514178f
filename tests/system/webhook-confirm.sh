#!/usr/bin/env bash
# An app with RequireConfirmation=yes: a signed push makes a pending deploy
# that waits for `hoistctl confirm` (a newer push replaces it), then runs;
# a push of the commit that serves is up to date and not announced.
# Notifications of each step reach a local receiver, in each platform's shape.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist
secret=s3cret-$RANDOM
printf '%s\n' "$secret" | sbx_write_file /etc/hoist/hello.secret 0600
printf '%s\n' "matrix-token-$RANDOM" | sbx_write_file /etc/hoist/matrix.token 0600
receiver_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cp "$HOIST_SOURCE_DIR/tests/system/notify_receiver.py" "$SBX_ROOT/usr/local/bin/notify-receiver"
sbx systemd-run --unit=notify-receiver.service /usr/bin/python3 /usr/local/bin/notify-receiver \
  "$receiver_port" /run/notify.log
r="http://127.0.0.1:$receiver_port"
sbx_write_file /etc/hoist/hoist.conf <<CONF
[Notify generic]
Type=webhook
URL=$r/generic

[Notify slack]
Type=slack
URL=$r/slack
Events=deploy-succeeded pending-confirmation

[Notify discord]
Type=discord
URL=$r/discord
Apps=hello

[Notify mattermost]
Type=mattermost
URL=$r/mattermost

[Notify matrix]
Type=matrix
URL=$r
Room=!room:example.org
TokenFile=/etc/hoist/matrix.token
CONF
HELLO_STABILIZE_SEC=1 hello_setup "" "[Webhook]" "Name=hoist/hello" \
  "SecretFile=/etc/hoist/hello.secret" "RequireConfirmation=yes"
fixtures=$HOIST_SOURCE_DIR/tests/unit/fixtures/webhooks

# push: a signed GitHub push of main at the head commit; prints the answer.
push() {
  local body sig
  body=$(python3 "$HOIST_SOURCE_DIR/tests/system/webhook_payload.py" "$fixtures/github-push-1.json" \
    refs/heads/main "$(hello_git rev-parse HEAD)" hoist/hello)
  sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
  printf "%s" "$body" >"$SBX_ROOT/srv/body"
  sbx_curl -X POST -H "Content-Type: application/json" -H "X-GitHub-Event: push" \
    -H "X-GitHub-Delivery: $1" -H "X-Hub-Signature-256: sha256=$sig" --data-binary @/srv/body \
    "$(sbx_url /hooks/github)"
}

hello_commit 1.0.0
revisions=$(hello_git rev-parse HEAD)
first=$(json_get "$(push c-1)" 'j["deploys"][0]')
assert_eq pending "$(json_get "$first" 'j["state"]')" "a push to an app that needs confirmation is pending"
hello_commit 2.0.0
revisions+=" $(hello_git rev-parse HEAD)"
second=$(json_get "$(push c-2)" 'j["deploys"][0]')
first_id=$(json_get "$first" 'j["id"]')
second_id=$(json_get "$second" 'j["id"]')
assert_eq canceled "$(deploy_state "$first_id")" "a newer push replaces the pending deploy"
pending=$(sbx hoistctl --json pending)
assert_eq "$second_id" "$(json_get "$pending" 'j[0]["deploy_id"]')" "hoistctl pending lists the newer one"
assert_eq pending "$(deploy_state "$second_id")" "which waits"
assert_contains "$(sbx journalctl -o cat HOIST_EVENT=deploy-pending HOIST_DEPLOY_ID="$second_id")" \
  "hoistctl confirm hello" "the journal says it waits and how to confirm it"
[[ ! -e $SBX_ROOT/srv/hoist/hello/current ]] || fail "something was deployed before the confirmation"
ok "nothing is deployed before the confirmation"

rc=0
sbx runuser -u nobody -- hoistctl confirm hello </dev/null >/dev/null 2>&1 || rc=$?
assert_eq 4 "$rc" "nobody may not confirm"
out=$(sbx hoistctl --json confirm hello --wait) || fail "hoistctl confirm failed: $out"
assert_eq "$second_id succeeded" "$(json_get "$out" 'j["id"] + " " + j["state"]')" "hoistctl confirm runs the pending deploy"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 serves"
rc=0
sbx hoistctl confirm hello >/dev/null 2>&1 || rc=$?
assert_eq 5 "$rc" "confirm with nothing pending fails"
# The commit that serves, pushed again: up to date, nothing to confirm.
out=$(push c-3)
assert_eq "True" "$(json_get "$out" 'str(j["deploys"][0].get("up_to_date"))')" \
  "a push of the commit that serves is up to date"
assert_eq 0 "$(json_get "$(sbx hoistctl --json pending)" 'len(j)')" "and leaves nothing pending"
# A new commit after it: pending again, and the one chat hears of next.
hello_commit 3.0.0
revisions+=" $(hello_git rev-parse HEAD)"
assert_eq pending "$(json_get "$(push c-4)" 'j["deploys"][0]["state"]')" "a push of a new commit is pending"

# The notifications, per platform.
posted() { sbx_sh "grep -c '\"path\": \"/$1\"' /run/notify.log" 2>/dev/null || echo 0; }
at_least() { (($(posted "$1") >= $2)); }
wait_for 30 "the generic notifier's posts" at_least generic 4
wait_for 30 "the Slack notifier's posts" at_least slack 2
log=$(sbx cat /run/notify.log)
events=$(python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["path"] == "/generic":
        print(e["body"]["event"])' <<<"$log" | sort -u | tr '\n' ' ')
assert_contains "$events" "webhook" "the generic notifier got the webhook"
assert_contains "$events" "pending-confirmation" "the pending confirmation"
assert_contains "$events" "deploy-succeeded" "and the successful deploy"
# webhook_revisions: the revisions of the generic notifier's "webhook" posts.
webhook_revisions() {
  sbx cat /run/notify.log | python3 -c '
import json, sys
print(" ".join(e["body"]["revision"] for e in map(json.loads, sys.stdin)
               if e["path"] == "/generic" and e["body"]["event"] == "webhook"))'
}
heard_last() { [[ $(webhook_revisions) == *"${revisions##* }"* ]]; }
wait_for 30 "the generic notifier's post of the last push" heard_last
assert_eq "$revisions" "$(webhook_revisions)" \
  "chat heard of each push that made a deploy, in order, not of the one that was up to date"
slack=$(python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["path"] == "/slack":
        print(e["body"]["text"])' <<<"$log")
assert_contains "$slack" "hoistctl confirm hello" "Slack's text says how to confirm"
[[ $slack != *"deploy started"* ]] || fail "Slack got an event it did not ask for"
ok "Slack got only the events of its Events="
discord=$(python3 -c '
import json, sys
print(all("content" in json.loads(l)["body"] for l in sys.stdin if json.loads(l)["path"] == "/discord"))' <<<"$log")
assert_eq True "$discord" "Discord posts have content"
matrix=$(python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["method"] == "PUT":
        print(e["path"], e["headers"].get("authorization", ""), e["body"]["msgtype"])
        break' <<<"$log")
assert_match '^/_matrix/client/v3/rooms/[^ ]+/send/m\.room\.message/[^ ]+ Bearer matrix-token-[0-9]+ m\.notice$' \
  "$matrix" "Matrix gets a PUT of m.room.message with the token"
