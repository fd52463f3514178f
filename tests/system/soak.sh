#!/usr/bin/env bash
# Soak: SOAK_CYCLES (100) deploys of the example app, each asked for by D-Bus
# or by a signed GitHub push (with bursts of extra pushes now and then),
# with hoistd killed (kill -9) at a random moment (0 to 0.6 s in, about as
# long as a deploy takes) of every fourth one, all under loopback load on the app. Afterwards every deploy has
# ended in a terminal state, every state file parses, the app is healthy on
# a release one of the deploys made, and not one request to the app failed.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/hello_app.sh
. "$(dirname "$0")/hello_app.sh"
boot_hoist
cycles=${SOAK_CYCLES:-100}
secret=s3cret-$RANDOM
printf '%s\n' "$secret" | sbx_write_file /etc/hoist/hello.secret 0600
HELLO_STABILIZE_SEC=0 hello_setup "" "[Webhook]" "Name=hoist/hello" "SecretFile=/etc/hoist/hello.secret"

# Five versions to deploy round robin (a deploy makes a new release each time).
revisions=()
for v in 1 2 3 4 5; do
  commit "1.$v.0"
  revisions+=("$(hello_git rev-parse HEAD)")
done
assert_eq succeeded "$(json_get "$(await_deploy "$(deploy_call hello "${revisions[0]}")")" 'j["state"]')" \
  "the first release is deployed"

fixture=$HOIST_SOURCE_DIR/tests/unit/fixtures/webhooks/github-push-1.json
# push REVISION DELIVERY → the deploy id of a signed GitHub push of REVISION
# (nothing if REVISION serves already, nothing running or waiting: 200).
push() {
  local body sig out
  body=$(python3 "$HOIST_SOURCE_DIR/tests/system/webhook_payload.py" "$fixture" refs/heads/main "$1" hoist/hello)
  sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
  printf '%s' "$body" >"$SBX_ROOT/srv/push-$2"
  out=$(sbx_curl -X POST -H "Content-Type: application/json" -H "X-GitHub-Event: push" \
    -H "X-GitHub-Delivery: $2" -H "X-Hub-Signature-256: sha256=$sig" --data-binary "@/srv/push-$2" \
    -w '\n%{http_code}' "$(sbx_url /hooks/github)") || fail "push $2: curl failed: $out"
  rm -f "$SBX_ROOT/srv/push-$2"
  case ${out##*$'\n'} in
    202) json_get "${out%$'\n'*}" 'j["deploys"][0]["id"]' ;;
    200) [[ $(json_get "${out%$'\n'*}" 'j["deploys"][0].get("up_to_date")') == True ]] || fail "push $2: $out" ;;
    *) fail "push $2 was not accepted: $out" ;;
  esac
}
main_pid() { unit_prop hoistd.service MainPID; }
# settled ID: waits (inside the sandbox, polling the HTTP API every 50 ms)
# until the deploy has left queued and running.
settled() {
  sbx_sh 'for ((n = 0; n < 3600; n++)); do
    s=$(curl -s --max-time 10 "$1") || s=
    if [[ -n $s && ! $s =~ \"state\":\ *\"(queued|running)\" ]]; then exit 0; fi
    sleep 0.05
  done
  exit 1' settled "$(sbx_url "/api/v1/deploys/$1")" || fail "deploy $1 did not end: $(deploy_record "$1")"
}
respawned() { local p; p=$(main_pid); [[ $p != 0 && $p != "$1" ]]; }

load_start "http://127.0.0.1:$HELLO_PORT/" 1

kills=0 pushes=0 started=$SECONDS
for ((i = 1; i <= cycles; i++)); do
  rev=${revisions[$((i % 5))]}
  if ((i % 10 == 0)); then  # a burst: newest wins, the others are canceled in the queue
    for b in 1 2 3; do push "${revisions[$(((i + b) % 5))]}" "burst-$i-$b" >/dev/null; done
    pushes=$((pushes + 3))
  fi
  if ((i % 2)); then
    id=$(deploy_call hello "$rev")
  else
    id=$(push "$rev" "soak-$i")
    pushes=$((pushes + 1))
  fi
  if ((i % 4 == 2)); then
    sleep "$(printf '0.%02d' $((RANDOM % 60)))"
    pid=$(main_pid)
    if [[ $pid != 0 ]]; then
      sbx kill -9 "$pid"
      kills=$((kills + 1))
      sbx_curl -o /dev/null "$(sbx_url /healthz)" || fail "hoistd did not come back after kill -9"
      wait_for 30 "systemd to start hoistd again" respawned "$pid"
    fi
  fi
  [[ -z $id ]] || settled "$id"
done
echo "soak: $cycles deploys, $pushes pushes, $kills kills of hoistd in $((SECONDS - started)) s"

out=$(load_stop)
echo "$out"
assert_eq 0 "$(json_get "$out" 'j["failed"]')" "not one request to the app failed"

wait_for 120 "the app's deploys to settle" sbx_sh "busctl get-property org.hoist.Hoist1 \
  /org/hoist/Hoist1/app/hello org.hoist.Hoist1.App State | grep -qx 's \"idle\"'"
history=$(hoist_busctl History su hello 0) || fail "History failed: $history"
history=$(json_get "$history" 'j["data"][0]')
states=$(json_get "$history" '" ".join(sorted(set(d["state"] for d in j)))')
echo "deploy states: $states"
json_get "$history" '"deploy durations (s): " + " ".join("%s:%.2f" % (d["state"][:4], (d.get("finished_usec", 0) - d.get("started_usec", 0)) / 1e6) for d in j if d.get("started_usec"))'
json_get "$history" '"step durations (s): " + " ".join("%s:%.2f" % (s["name"], s.get("duration_usec", 0) / 1e6) for s in j[0].get("steps", []))' 
terminal='^(succeeded|failed|rolled-back|rollback-failed|interrupted|canceled)( (succeeded|failed|rolled-back|rollback-failed|interrupted|canceled))*$'
assert_match "$terminal" "$states" "every deploy kept ($(json_get "$history" 'len(j)')) ended in a terminal state"

bad=$(sbx_sh 'find /var/lib/hoist -name "*.json" -print0 | xargs -0 -n1 python3 -c "
import json, sys
json.load(open(sys.argv[1]))" 2>&1; for f in /var/log/hoist/events.jsonl; do
  python3 -c "
import json, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    json.loads(line)" "$f" 2>&1; done') || true
assert_eq "" "$bad" "every state file and every event line parses"

current=$(sbx readlink /srv/hoist/hello/current)
releases=$(json_get "$history" '" ".join(d.get("release", "") for d in j)')
assert_contains " $releases " " ${current#releases/} " "the app runs a release a deploy made (${current#releases/})"
assert_match '^hello from 1\.[1-5]\.0$' "$(serving)" "and is healthy"
assert_eq active "$(unit_prop hello.service ActiveState)" "hello.service is active"
