#!/usr/bin/env bash
# Forge webhooks end to end: a signed push of each forge (GitHub, Gitea,
# Forgejo, GitLab, Standard Webhooks) to /hooks/FORGE deploys the example
# app; a bad signature, an oversized body, a replayed delivery, another
# branch, a tag push, a ping, a wrong content type and bad JSON each deploy
# nothing and answer as documented; a push of the commit that serves is up to
# date; pushes during a deploy join it or the waiting one, or replace that;
# a burst from 8 clients is accepted whole for one deploy, its replays not.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist
secret=s3cret-$RANDOM
printf '%s\n' "$secret" | sbx_write_file /etc/hoist/hello.secret 0600
HELLO_STABILIZE_SEC=1 hello_setup "" "[Webhook]" "Name=hoist/hello" "SecretFile=/etc/hoist/hello.secret"
fixtures=$HOIST_SOURCE_DIR/tests/unit/fixtures/webhooks
hello_commit 1.0.0

# payload FIXTURE [REF]: the fixture pushing REF (refs/heads/main) at the head commit.
payload() {
  python3 "$HOIST_SOURCE_DIR/tests/system/webhook_payload.py" "$fixtures/$1" "${2:-refs/heads/main}" \
    "$(hello_git rev-parse HEAD)" hoist/hello
}
hmac_hex() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$2" -r | cut -d' ' -f1; }

# post FORGE BODY HEADER...: POSTs BODY to /hooks/FORGE; sets HTTP_STATUS and HTTP_BODY.
post() {
  local forge=$1 body=$2 out
  shift 2
  printf "%s" "$body" >"$SBX_ROOT/srv/body"
  local -a headers=()
  for h in "$@"; do headers+=(-H "$h"); done
  out=$(sbx_curl -X POST "${headers[@]}" --data-binary @/srv/body -w '\n%{http_code}' \
    "$(sbx_url "/hooks/$forge")") || fail "POST /hooks/$forge: curl failed: $out"
  HTTP_BODY=${out%$'\n'*}
  HTTP_STATUS=${out##*$'\n'}
}
json_ct="Content-Type: application/json"
github_headers() { echo "X-Hub-Signature-256: sha256=$(hmac_hex "$1" "$secret")"; }

# A signed GitHub push deploys the pushed commit.
body=$(payload github-push-1.json)
post github "$body" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-1" "$(github_headers "$body")"
echo "$HTTP_BODY"
assert_eq 202 "$HTTP_STATUS" "a signed GitHub push is accepted (202)"
id=$(json_get "$HTTP_BODY" 'j["deploys"][0]["id"]')
assert_eq "/api/v1/deploys/$id" "$(json_get "$HTTP_BODY" 'j["deploys"][0]["status_url"]')" "with the deploy's status URL"
record=$(await_deploy "$id")
assert_eq "succeeded $(hello_git rev-parse HEAD)" "$(json_get "$record" 'j["state"] + " " + j["commit"]')" \
  "the pushed commit is deployed"
assert_contains "$(json_get "$record" 'j["trigger"]')" "webhook github d-1" "the record names the webhook delivery"
assert_eq "hello from 1.0.0" "$(serving)" "1.0.0 serves"

app_property() { sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/hello org.hoist.Hoist1.App "$1"; }
last_deploy() { app_property LastDeploy; }
before=$(last_deploy)
assert_eq "s \"$(hello_git rev-parse HEAD)\"" "$(app_property CurrentCommit)" "the app's CurrentCommit is the pushed one"

# The same commit again, a new delivery: it serves already, nothing to deploy
# (the answer names the release), nothing restarted.
invocation=$(unit_prop hello.service InvocationID)
post github "$body" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-10" "$(github_headers "$body")"
echo "$HTTP_BODY"
assert_eq "200 accepted True $(sbx readlink /srv/hoist/hello/current)" \
  "$HTTP_STATUS $(json_get "$HTTP_BODY" '" ".join([j["status"], str(j["deploys"][0]["up_to_date"]), "releases/" + j["deploys"][0]["release"]])')" \
  "a push of the commit that serves is answered 200, up to date"
assert_eq "$invocation" "$(unit_prop hello.service InvocationID)" "hello.service was not restarted"

# The same delivery again: remembered, nothing deployed.
post github "$body" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-1" "$(github_headers "$body")"
assert_eq "200 duplicate" "$HTTP_STATUS $(json_get "$HTTP_BODY" 'j["status"]')" "a replayed delivery is answered 200 duplicate"
# A wrong signature, no signature.
post github "$body" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-2" \
  "X-Hub-Signature-256: sha256=$(hmac_hex "$body" wrong)"
assert_eq "401 bad-signature" "$HTTP_STATUS $(json_get "$HTTP_BODY" 'j["error"]')" "a wrong signature is 401"
post github "$body" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-3"
assert_eq 401 "$HTTP_STATUS" "no signature is 401"
# Over 1 MiB, wrong content type, bad JSON, unknown forge.
big=$(head -c 1100000 /dev/zero | tr '\0' 'x')
post github "$big" "$json_ct" "X-GitHub-Event: push"
assert_eq 413 "$HTTP_STATUS" "a body over 1 MiB is 413"
post github "$body" "Content-Type: text/plain" "X-GitHub-Event: push" "$(github_headers "$body")"
assert_eq 415 "$HTTP_STATUS" "a text/plain body is 415"
post github "{not json" "$json_ct" "X-GitHub-Event: push" "$(github_headers "{not json")"
assert_eq 400 "$HTTP_STATUS" "unparseable JSON is 400"
sbx chmod 0644 /etc/hoist/hello.secret
post github "$body" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-9" "$(github_headers "$body")"
assert_eq "401 no-secret" "$HTTP_STATUS $(json_get "$HTTP_BODY" 'j["error"]')" "a secret file others can read is refused"
assert_contains "$(sbx journalctl -u hoistd.service -o cat -p err)" "/etc/hoist/hello.secret" \
  "the journal names the file (the answer does not)"
sbx chmod 0600 /etc/hoist/hello.secret
post bitbucket "$body" "$json_ct"
assert_eq 404 "$HTTP_STATUS" "an unknown forge is 404"
# Another branch, a tag, a ping.
other=$(payload github-push-1.json refs/heads/feature)
post github "$other" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-4" "$(github_headers "$other")"
assert_eq "202 ignored" "$HTTP_STATUS $(json_get "$HTTP_BODY" 'j["status"]')" "a push of another branch is ignored"
tag=$(payload github-push-1.json refs/tags/v1.0.0)
post github "$tag" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-5" "$(github_headers "$tag")"
assert_eq "200 ignored" "$HTTP_STATUS $(json_get "$HTTP_BODY" 'j["status"]')" "a tag push is ignored (200)"
gone=$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); j["after"]="0"*40; j["deleted"]=True; print(json.dumps(j))' "$other")
post github "$gone" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: d-7" "$(github_headers "$gone")"
assert_eq "200 ignored" "$HTTP_STATUS $(json_get "$HTTP_BODY" 'j["status"]')" "a deleted branch is ignored (200)"
post github "$body" "$json_ct" "X-GitHub-Event: issues" "X-GitHub-Delivery: d-8" "$(github_headers "$body")"
assert_eq "202 ignored" "$HTTP_STATUS $(json_get "$HTTP_BODY" 'j["status"]')" "another event is ignored (202)"
ping=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); j["repository"]["full_name"]="hoist/hello"; print(json.dumps(j))' \
  "$fixtures/github-ping-1.json")
post github "$ping" "$json_ct" "X-GitHub-Event: ping" "X-GitHub-Delivery: d-6" "$(github_headers "$ping")"
assert_eq 200 "$HTTP_STATUS" "a ping is answered 200"
assert_eq "$before" "$(last_deploy)" "none of these made a deploy"

# deployed WHAT: the last answer accepted a push, and its deploy succeeded.
deployed() {
  assert_eq 202 "$HTTP_STATUS" "$1 is accepted"
  assert_eq succeeded "$(json_get "$(await_deploy "$(json_get "$HTTP_BODY" 'j["deploys"][0]["id"]')")" 'j["state"]')" \
    "$1 is deployed"
}

# Gitea, Forgejo, GitLab and Standard Webhooks each deploy a new commit.
hello_commit 2.0.0
body=$(payload gitea-push-1.json)
post gitea "$body" "$json_ct" "X-Gitea-Event: push" "X-Gitea-Delivery: g-1" "X-Gitea-Signature: $(hmac_hex "$body" "$secret")"
deployed "a signed Gitea push"
assert_eq "hello from 2.0.0" "$(serving)" "2.0.0 serves"

hello_commit 3.0.0
body=$(payload forgejo-push-1.json)
post gitea "$body" "$json_ct" "X-Forgejo-Event: push" "X-Forgejo-Delivery: f-1" "X-Forgejo-Signature: $(hmac_hex "$body" "$secret")"
deployed "a signed Forgejo push"

hello_commit 4.0.0
body=$(payload gitlab-push-1.json)
post gitlab "$body" "$json_ct" "X-Gitlab-Event: Push Hook" "X-Gitlab-Event-UUID: l-1" "X-Gitlab-Token: $secret"
deployed "a GitLab push with the token"
post gitlab "$body" "$json_ct" "X-Gitlab-Event: Push Hook" "X-Gitlab-Event-UUID: l-2" "X-Gitlab-Token: wrong"
assert_eq 401 "$HTTP_STATUS" "a wrong GitLab token is 401"

hello_commit 5.0.0
body=$(payload github-push-2.json)
ts=$(date +%s)
sig=$(printf '%s' "s-1.$ts.$body" | openssl dgst -sha256 -hmac "$secret" -binary | base64 -w0)
post generic "$body" "$json_ct" "webhook-id: s-1" "webhook-timestamp: $ts" "webhook-signature: v1,$sig"
deployed "a Standard Webhooks push"
old=$((ts - 600))
sig=$(printf '%s' "s-2.$old.$body" | openssl dgst -sha256 -hmac "$secret" -binary | base64 -w0)
post generic "$body" "$json_ct" "webhook-id: s-2" "webhook-timestamp: $old" "webhook-signature: v1,$sig"
assert_eq 401 "$HTTP_STATUS" "a Standard Webhooks signature 10 minutes old is 401"
assert_eq "hello from 5.0.0" "$(serving)" "5.0.0 serves"

# A burst while a deploy runs (held in its build step): a push of the commit
# already waiting joins that deploy (same id, nothing new saved); a push of a
# newer commit replaces it; the newest commit is what serves.
sbx touch /run/hello-hold
hello_commit 6.0.0 HOLD /run/hello-hold
push_head() {
  body=$(payload github-push-1.json)
  post github "$body" "$json_ct" "X-GitHub-Event: push" "X-GitHub-Delivery: $1" "$(github_headers "$body")"
  assert_eq 202 "$HTTP_STATUS" "push $1 of $(hello_git describe --always) is accepted"
}
push_head b-1
held=$(json_get "$HTTP_BODY" 'j["deploys"][0]["id"]')
step_is() { [[ $(json_get "$(deploy_record "$1")" 'j["step"]') == "$2" ]]; }
wait_for 60 "the deploy of 6.0.0 to hold in build-1" step_is "$held" build-1
push_head b-1b
assert_eq "$held running True" "$(json_get "$HTTP_BODY" '" ".join([j["deploys"][0]["id"], j["deploys"][0]["state"], str(j["deploys"][0].get("joined"))])')" \
  "the same commit pushed while its deploy runs (none waiting) joins it"
hello_commit 7.0.0
push_head b-2
waiting=$(json_get "$HTTP_BODY" 'j["deploys"][0]["id"]')
assert_eq queued "$(deploy_state "$waiting")" "the push of 7.0.0 waits"
queued_before=$(sbx grep -c '"deploy-queued"' /var/log/hoist/events.jsonl)
push_head b-3
assert_eq "$waiting queued True" "$(json_get "$HTTP_BODY" '" ".join([j["deploys"][0]["id"], j["deploys"][0]["state"], str(j["deploys"][0].get("joined"))])')" \
  "the same commit pushed again joins the waiting deploy"
assert_eq "$queued_before" "$(sbx grep -c '"deploy-queued"' /var/log/hoist/events.jsonl)" "and queues nothing new"
hello_commit 8.0.0
push_head b-4
newest=$(json_get "$HTTP_BODY" 'j["deploys"][0]["id"]')
[[ $newest != "$waiting" ]] || fail "the push of 8.0.0 got the waiting deploy's id"
assert_eq "None" "$(json_get "$HTTP_BODY" 'str(j["deploys"][0].get("joined"))')" "a newer commit does not join"
assert_eq canceled "$(deploy_state "$waiting")" "it replaces the waiting deploy"
sbx rm /run/hello-hold
assert_eq succeeded "$(json_get "$(await_deploy "$held")" 'j["state"]')" "the held deploy succeeds"
assert_eq succeeded "$(json_get "$(await_deploy "$newest")" 'j["state"]')" "then the newest"
assert_eq "hello from 8.0.0" "$(serving)" "8.0.0 serves"
assert_eq "github:b-1 github:b-1b github:b-2 github:b-3 github:b-4" "$(sbx grep '^github:b-' /var/lib/hoist/deliveries.log | xargs)" \
  "each delivery id is in deliveries.log"

# A burst of signed pushes of a new commit from 8 clients at once
# (hoist-load, 1 s, a new delivery id each): every answer says "accepted",
# and the whole burst costs one deploy (the first push queues it, the later
# ones join it, or find the commit serving once it is done). The same burst
# with one delivery id: one is accepted, every other answer is "duplicate"
# (hoist-load --expect-body counts those as failed and exits 1).
hello_commit 9.0.0
queued_before=$(sbx grep -c '"deploy-queued"' /var/log/hoist/events.jsonl)
body=$(payload github-push-1.json)
printf '%s' "$body" | sbx_write_file /srv/burst.json
burst() {
  BURST_RC=0
  BURST_OUT=$(sbx "$(load_client)" --url "$(sbx_url /hooks/github)" --method POST \
    --body-file /srv/burst.json --header "$json_ct" --header "X-GitHub-Event: push" \
    --header "$(github_headers "$body")" --header "X-GitHub-Delivery: $1" \
    --expect-body '"status":"accepted"' --concurrency 8 --duration 1 --json) || BURST_RC=$?
}
burst 'burst-{n}'
echo "$BURST_OUT"
assert_eq "0 0" "$BURST_RC $(json_get "$BURST_OUT" 'j["failed"]')" "every push of the burst is accepted"
[[ $(json_get "$BURST_OUT" 'j["ok"]') -gt 8 ]] || fail "the burst sent too few pushes: $BURST_OUT"
burst burst-same
echo "$BURST_OUT"
assert_eq "1 1" "$BURST_RC $(json_get "$BURST_OUT" 'j["ok"]')" "with one delivery id, one push is accepted"
assert_eq "$(json_get "$BURST_OUT" 'j["requests"] - 1')" "$(json_get "$BURST_OUT" 'j["errors"].get("unexpected body", 0)')" \
  "and every other one is answered as a duplicate"
app_idle() { json_get "$(sbx_curl "$(sbx_url /api/v1/apps/hello)")" 'str(not (j["running_deploy"] or j["queued_deploy"]))' | grep -qx True; }
wait_for 60 "the deploy of the burst to end" app_idle
assert_eq "$((queued_before + 1))" "$(sbx grep -c '"deploy-queued"' /var/log/hoist/events.jsonl)" \
  "the bursts queued one deploy"
assert_eq "hello from 9.0.0" "$(serving)" "9.0.0 serves"

journal=$(sbx journalctl -u hoistd.service -o cat HOIST_WEBHOOK_RESULT=bad-signature)
assert_contains "$journal" "d-2" "a rejection is logged with its delivery id"
[[ $(sbx journalctl -u hoistd.service -o cat) != *"$secret"* ]] || fail "the secret is in the journal"
ok "the secret is never logged"
