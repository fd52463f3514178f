# shellcheck shell=bash disable=SC2016  # $1, $2 in sh -c and python programs are theirs
# Row webhooks: signed GitHub push webhooks per second and peak memory under
# that load, hoistd next to Debian's webhook (sourced by tools/bench).
#
# Both sides get the same load, one side after the other: hoist-load
# (tests/load) runs WEBHOOKS_CLIENTS clients for WEBHOOKS_WINDOW seconds,
# each POSTing back to back, on a new connection each, the same GitHub push
# (tests/unit/fixtures/webhooks/github-push-1.json pushing refs/heads/main of
# hoist/hello at a new commit of the example app, not deployed yet, made by
# tests/system/webhook_payload.py) with the headers Content-Type:
# application/json, X-GitHub-Event: push, X-Hub-Signature-256: sha256=<HMAC-
# SHA256 of the body with the secret> and X-GitHub-Delivery: a new id per
# request (hoist-load's {n}).
#   hoist      POST /hooks/github on hoistd's socket. The example app
#              (hello_app_ensure) gets a [Webhook] section, Name=hoist/hello
#              and SecretFile= (mode 0600), and hoistd is restarted right
#              before the load so that its VmHWM is this row's. hoistd checks
#              each push (HMAC with the secret read from its file, the
#              delivery id against the last 1000, appended to deliveries.log
#              and on disk before the answer) and answers: the first push
#              queues a deploy of the commit (202), the pushes while it runs
#              join it (202, "joined"), and once it is done every push finds
#              the commit serving (200, "up_to_date"), so the burst costs one
#              deploy, not one per request. That deploy (fetch, build, switch,
#              restart, health gate) runs during the window, on the same two
#              cores.
#   reference  Debian's webhook (adnanh/webhook 2.8) as a transient service,
#              webhook -hooks hooks.json -ip 127.0.0.1 -port P -verbose=false,
#              with one hook "github" that checks payload-hmac-sha256 of the
#              body against X-Hub-Signature-256 with the same secret and
#              matches ref == refs/heads/main (a mismatch answers 401), then
#              runs /bin/true: one process per request.
# Before its load, each side must refuse the push with a wrong signature;
# the reference must also accept the right one. Under load an answer counts
# only if its body says so (hoist-load --expect-body: "status":"accepted"
# from hoistd, "accepted" from webhook); any other answer fails the row.
#   webhooks      2xx answers per second: ok / hoist-load's duration_s (the
#                 first request to the last answer); goal ratio >= 3
#   webhooks-rss  VmHWM (peak resident set) of hoistd's and of webhook's main
#                 process, read from /proc: hoistd's after the deploys the
#                 load queued ended, webhook's after the load. webhook's
#                 children (/bin/true) are not in it. Goal hoist <= 16 MiB
#                 and ratio <= 0.1
# The details keep both hoist-load summaries, the events hoistd wrote during
# the row by kind (deploy-queued, deploy-started, deploy-canceled, ...), and
# each main process's memory when VmHWM was read (VmRSS, RssAnon, RssFile,
# Pss, threads, the mappings with the most Rss; hoistd's VmHWM right after
# the window too).
# Afterwards hoistd is stopped and the delivery ids the row left are removed,
# so that the rows after it start from the state they would have without it.

declare -gA BENCH_WHAT  # tools/bench: row id → the table's "what"
BENCH_WHAT[webhooks]="signed push webhooks per second"

WEBHOOKS_CLIENTS=8
WEBHOOKS_WINDOW=10
WEBHOOKS_UNIT=hoist-bench-webhook.service
WEBHOOKS_BINARY=/usr/bin/webhook
# In the sandbox: the push, the reference's hooks.json (it holds the secret)
# and the app's secret file.
WEBHOOKS_DIR=/srv/hoist-bench-webhooks
WEBHOOKS_SECRET_FILE=/etc/hoist/hello-webhook.secret
WEBHOOKS_EVENTS=/var/log/hoist/events.jsonl
WEBHOOKS_DELIVERIES=/var/lib/hoist/deliveries.log

# _webhooks_signature SECRET: the push's X-Hub-Signature-256 with SECRET
# ("sha256=" and the hex HMAC-SHA256 of the body, as openssl dgst -sha256
# -hmac SECRET prints it).
_webhooks_signature() {
  python3 -c 'import hashlib, hmac, sys
print("sha256=" + hmac.new(sys.argv[1].encode(), open(sys.argv[2], "rb").read(), hashlib.sha256).hexdigest())' \
    "$1" "$SBX_ROOT$WEBHOOKS_DIR/push.json"
}

# _webhooks_setup: the secret, the app's [Webhook] section, the push, the
# reference's hooks.json; sets WEBHOOKS_SIGNATURE (the push's right
# X-Hub-Signature-256) and WEBHOOKS_WRONG_SIGNATURE.
_webhooks_setup() {
  local secret fixture=$BENCH_SOURCE_DIR/tests/unit/fixtures/webhooks/github-push-1.json
  local app=$SBX_ROOT/etc/hoist/apps/hello.app
  secret=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$secret" | sbx_write_file "$WEBHOOKS_SECRET_FILE" 0600
  grep -qx '\[Webhook\]' "$app" ||
    printf '\n[Webhook]\nName=hoist/hello\nSecretFile=%s\n' "$WEBHOOKS_SECRET_FILE" >>"$app"
  # A commit not deployed yet: the load pushes it.
  hello_commit "1.1.$WEBHOOKS_RUN" >>"$BENCH_LOG" 2>&1
  python3 "$BENCH_SOURCE_DIR/tests/system/webhook_payload.py" "$fixture" refs/heads/main \
    "$(hello_git rev-parse HEAD)" hoist/hello | sbx_write_file "$WEBHOOKS_DIR/push.json"
  WEBHOOKS_SIGNATURE=$(_webhooks_signature "$secret")
  WEBHOOKS_WRONG_SIGNATURE=$(_webhooks_signature "not-$secret")
  python3 - "$secret" "$(command -v true)" <<'PY' | sbx_write_file "$WEBHOOKS_DIR/hooks.json" 0600
import json, sys
secret, true = sys.argv[1:3]
print(json.dumps([{
    "id": "github",
    "execute-command": true,
    "command-working-directory": "/",
    "response-message": "accepted",
    "trigger-rule-mismatch-http-response-code": 401,
    "trigger-rule": {"and": [
        {"match": {"type": "payload-hmac-sha256", "secret": secret,
                   "parameter": {"source": "header", "name": "X-Hub-Signature-256"}}},
        {"match": {"type": "value", "value": "refs/heads/main",
                   "parameter": {"source": "payload", "name": "ref"}}},
    ]},
}], indent=2))
PY
}

# _webhooks_post URL SIGNATURE DELIVERY: one POST of the push with curl in
# the sandbox; prints the HTTP status.
_webhooks_post() {
  bx curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -X POST \
    -H 'Content-Type: application/json' -H 'X-GitHub-Event: push' \
    -H "X-GitHub-Delivery: $3" -H "X-Hub-Signature-256: $2" \
    --data-binary "@$WEBHOOKS_DIR/push.json" "$1"
}

# _webhooks_expect SIDE WHAT PATTERN STATUS: fails the row unless STATUS
# (of _webhooks_post) matches PATTERN.
_webhooks_expect() {
  # shellcheck disable=SC2053 # PATTERN is a glob on purpose
  [[ $4 == $3 ]] || { bench_say "[webhooks] $1: $2 was answered $4"; return 1; }
}

# _webhooks_load SIDE URL EXPECT: the load against URL, an answer whose body
# lacks EXPECT counted as failed; hoist-load's summary goes to
# BENCH_RUN_DIR/webhooks-SIDE.json.
_webhooks_load() {
  local side=$1 out=$BENCH_RUN_DIR/webhooks-$1.json rc=0
  BX_TIMEOUT=$((WEBHOOKS_WINDOW + 60)) bx "$BENCH_LOAD_PATH" --url "$2" --method POST \
    --body-file "$WEBHOOKS_DIR/push.json" --header 'Content-Type: application/json' \
    --header 'X-GitHub-Event: push' --header "X-Hub-Signature-256: $WEBHOOKS_SIGNATURE" \
    --header "X-GitHub-Delivery: bench-$side-$WEBHOOKS_RUN-{n}" \
    --expect-body "$3" --concurrency "$WEBHOOKS_CLIENTS" --duration "$WEBHOOKS_WINDOW" --timeout-ms 5000 \
    --json >"$out" || rc=$?
  ((rc <= 1)) || { bench_say "[webhooks] $side: hoist-load exited $rc: $(cat "$out")"; return 1; }
  bench_say "[webhooks] $side: $(cat "$out")"
}

# _webhooks_field SIDE KEY: one number of a side's hoist-load summary.
_webhooks_field() { json_field "$BENCH_RUN_DIR/webhooks-$1.json" "$2"; }

# _webhooks_idle: the example app has no deploy running or queued.
_webhooks_idle() {
  sbx curl -fsS --max-time 5 "$(sbx_url /api/v1/apps/hello)" |
    python3 -c 'import json, sys; a = json.load(sys.stdin); sys.exit(bool(a["running_deploy"] or a["queued_deploy"]))'
}

# _webhooks_hoist: hoistd's side; leaves its memory after the deploys
# (mem_details, rss_by_mapping), its VmHWM right after the window and the
# events it wrote by kind in BENCH_RUN_DIR/webhooks-hoist.memory (JSON).
_webhooks_hoist() {
  local pid events_before window_kib queued failed
  bx systemctl restart hoistd.service
  hoistd_activate
  bx curl -fsS -o /dev/null --max-time 10 "$(sbx_url /healthz)"
  pid=$(hoistd_pid)
  events_before=$(bx sh -c 'wc -l <"$1"' sh "$WEBHOOKS_EVENTS")
  _webhooks_expect hoist "a wrong signature" 401 \
    "$(_webhooks_post "$(sbx_url /hooks/github)" "$WEBHOOKS_WRONG_SIGNATURE" "bench-wrong-$WEBHOOKS_RUN")"
  _webhooks_load hoist "$(sbx_url /hooks/github)" '"status":"accepted"'
  [[ $(hoistd_pid) == "$pid" ]] || { bench_say "[webhooks] hoistd restarted during the load"; return 1; }
  window_kib=$(proc_kb "$pid" VmHWM)
  wait_for 300 "the deploys the pushes queued to end" _webhooks_idle
  [[ $(hoistd_pid) == "$pid" ]] || { bench_say "[webhooks] hoistd restarted during the deploys"; return 1; }
  bx tail -n "+$((events_before + 1))" "$WEBHOOKS_EVENTS" >"$BENCH_RUN_DIR/webhooks-hoist.events"
  json_obj memory "$(mem_details "$pid")" rss_by_mapping "$(rss_by_mapping "$pid")" \
    vmhwm_after_window_kib "$window_kib" \
    events "$(python3 -c 'import collections, json, sys
print(json.dumps(collections.Counter(json.loads(l)["kind"] for l in open(sys.argv[1]) if l.strip())))' \
      "$BENCH_RUN_DIR/webhooks-hoist.events")" >"$BENCH_RUN_DIR/webhooks-hoist.memory"
  queued=$(json_field "$BENCH_RUN_DIR/webhooks-hoist.memory" events deploy-queued 2>/dev/null || echo 0)
  failed=$(_webhooks_field hoist failed)
  ((queued >= 1 && failed == 0)) ||
    { bench_say "[webhooks] hoist: $failed pushes not accepted, $queued deploys queued"; return 1; }
}

# _webhooks_reference: webhook's side; leaves its memory after the load
# (mem_details) in BENCH_RUN_DIR/webhooks-reference.memory (JSON).
_webhooks_reference() {
  local port url pid
  port=$(free_ports)
  url="http://127.0.0.1:$port/hooks/github"
  bx systemd-run --quiet --unit="$WEBHOOKS_UNIT" --description="hoist bench: Debian's webhook (adnanh/webhook)" \
    "$WEBHOOKS_BINARY" -hooks "$WEBHOOKS_DIR/hooks.json" -ip 127.0.0.1 -port "$port" -verbose=false
  wait_for 10 "webhook to listen on port $port" sbx curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"
  pid=$(unit_prop "$WEBHOOKS_UNIT" MainPID)
  _webhooks_expect reference "a wrong signature" '[45]??' \
    "$(_webhooks_post "$url" "$WEBHOOKS_WRONG_SIGNATURE" "bench-wrong-$WEBHOOKS_RUN")"
  _webhooks_expect reference "the signed push" 200 \
    "$(_webhooks_post "$url" "$WEBHOOKS_SIGNATURE" "bench-right-$WEBHOOKS_RUN")"
  _webhooks_load reference "$url" accepted
  [[ $(unit_prop "$WEBHOOKS_UNIT" MainPID) == "$pid" ]] || { bench_say "[webhooks] webhook restarted"; return 1; }
  json_obj memory "$(mem_details "$pid")" rss_by_mapping "$(rss_by_mapping "$pid")" \
    >"$BENCH_RUN_DIR/webhooks-reference.memory"
}

# _webhooks_cleanup: webhook stopped, hoistd stopped without the delivery ids
# the row made it keep.
_webhooks_cleanup() {
  bx systemctl stop "$WEBHOOKS_UNIT" 2>/dev/null || true
  hoistd_stop || true
  bx rm -f "$WEBHOOKS_DELIVERIES" || true
}

row_webhooks() {
  local side hrate rrate hkib rkib
  bench_need "$BENCH_LOAD_PATH"
  [[ -x $SBX_ROOT$WEBHOOKS_BINARY ]] ||
    { bench_say "[webhooks] $WEBHOOKS_BINARY is missing (Debian package webhook, installed by tools/deps)"; return 1; }
  trap _webhooks_cleanup EXIT
  hello_app_ensure
  WEBHOOKS_RUN=$(date +%s)
  _webhooks_setup
  _webhooks_hoist
  _webhooks_reference
  for side in hoist reference; do
    cat "$BENCH_RUN_DIR/webhooks-$side.json" "$BENCH_RUN_DIR/webhooks-$side.memory" >>"$BENCH_LOG"
  done
  hrate=$(_webhooks_field hoist ok_per_s)
  rrate=$(_webhooks_field reference ok_per_s)
  hkib=$(json_field "$BENCH_RUN_DIR/webhooks-hoist.memory" memory vmhwm_kib)
  rkib=$(json_field "$BENCH_RUN_DIR/webhooks-reference.memory" memory vmhwm_kib)
  local load="$WEBHOOKS_CLIENTS hoist-load clients POSTing one signed GitHub push back to back (a new connection and X-GitHub-Delivery each) for $WEBHOOKS_WINDOW s"
  local details
  details=$(json_obj clients "$WEBHOOKS_CLIENTS" window_s "$WEBHOOKS_WINDOW" \
    hoist "$(cat "$BENCH_RUN_DIR/webhooks-hoist.json")" reference "$(cat "$BENCH_RUN_DIR/webhooks-reference.json")" \
    hoist_memory "$(cat "$BENCH_RUN_DIR/webhooks-hoist.memory")" \
    reference_memory "$(cat "$BENCH_RUN_DIR/webhooks-reference.memory")" \
    reference_package "webhook $(dpkg-query -W -f '${Version}' webhook)")
  bench_record id=webhooks "what=${BENCH_WHAT[webhooks]}" unit=req/s "hoist=$hrate" "reference=$rrate" \
    "hoist_what=2xx answers per second of POST /hooks/github to hoistd (202 accepted: HMAC checked, delivery id saved, a deploy of the example app queued or joined) under $load" \
    "reference_what=the same load on Debian's webhook (payload-hmac-sha256 and ref rules, runs /bin/true per push)" \
    goal_on=ratio "goal_op=>=" goal_value=3 "details=$details"
  BENCH_WHAT[webhooks-rss]="  … peak RSS under that load"
  bench_record id=webhooks-rss "what=${BENCH_WHAT[webhooks-rss]}" unit=MiB \
    "hoist=$(calc "$hkib / 1024")" "reference=$(calc "$rkib / 1024")" \
    "hoist_what=VmHWM of hoistd (restarted before the row) after the load and the deploys it queued" \
    "reference_what=VmHWM of webhook's main process after the load (its /bin/true children not counted)" \
    goal_on=hoist "goal_op=<=" goal_value=16 goal2_on=ratio "goal2_op=<=" goal2_value=0.1
}
