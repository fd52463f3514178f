#!/usr/bin/env bash
# Self-update from a local release server laid out like GitHub's releases
# API, serving this build's hoistd with the next patch version
# (tests/system/hoistd-next):
#   1. Mode=notify: UpdateAvailable/LatestVersion and a notification show the
#      new version, If-None-Match gets 304, nothing is installed;
#   2. Mode=apply: hoistd installs it and restarts into it: Version is the
#      new one, new PID and InvocationID, hoistd.socket never stopped, the
#      version confirms itself after GraceSec=;
#   3. under loopback load on /healthz meanwhile: not one request failed;
#   4. a unit without Restart=always (hoistd would not come back), a
#      checksum mismatch and a bad signature are refused, nothing changes;
#   5. a release whose hoistd exits 1 at start: hoistd falls back to the
#      previous version, which serves; the failure is recorded and the
#      version is not tried again;
#   6. an equal or older release is never installed.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
: "${HOIST_NEXT_VERSION:?HOIST_NEXT_VERSION must be the version of tests/system/hoistd-next}"
command -v gpg >/dev/null || skip "gpg is not installed (tools/deps installs it)"
boot_hoist

old=$HOIST_VERSION
new=$HOIST_NEXT_VERSION
IFS=. read -r major minor patch <<<"$new"
failing=$major.$minor.$((patch + 1))
tampered=$major.$minor.$((patch + 2))
su_dir=/var/lib/hoist/self-update

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
release_port=$(free_port)
receiver_port=$(free_port)
install -D -m 0755 "$HOIST_SOURCE_DIR/tests/system/release_server.py" "$SBX_ROOT/usr/local/bin/release-server"
install -D -m 0755 "$HOIST_SOURCE_DIR/tests/system/notify_receiver.py" "$SBX_ROOT/usr/local/bin/notify-receiver"
mkdir -p "$SBX_ROOT/srv/releases"
sbx systemd-run --unit=release-server.service /usr/bin/python3 /usr/local/bin/release-server \
  "$release_port" /srv/releases /run/releases.log
sbx systemd-run --unit=notify-receiver.service /usr/bin/python3 /usr/local/bin/notify-receiver \
  "$receiver_port" /run/notify.log

# The signing key (and another one, for a signature the keyring does not trust).
GNUPGHOME=$SBX_TMP/gnupg
other_gnupg=$SBX_TMP/gnupg-other
mkdir -m 0700 "$GNUPGHOME" "$other_gnupg"
export GNUPGHOME
for home in "$GNUPGHOME" "$other_gnupg"; do
  GNUPGHOME=$home gpg --batch --quiet --passphrase '' --quick-gen-key "hoist test <test@hoist.invalid>" \
    ed25519 sign never 2>/dev/null || fail "gpg could not make a test key"
done
gpg --export | sbx_write_file /etc/hoist/release-keyring.gpg 0644

base=http://127.0.0.1:$release_port
api=$SBX_ROOT/srv/releases/api/v3/repos/hoist/hoist/releases
mkdir -p "$api"

# publish VERSION BINARY [--bad-checksum|--bad-signature]: the release's
# archive (hoist-VERSION/hoistd), SHA256SUMS and its signature, and
# releases/latest naming it.
publish() {
  local version=$1 binary=$2 how=${3:-}
  local dir=$SBX_ROOT/srv/releases/download/v$version stage
  stage=$(mktemp -d -p "$SBX_TMP")
  rm -rf "$dir"
  mkdir -p "$dir" "$stage/hoist-$version"
  install -m 0755 "$binary" "$stage/hoist-$version/hoistd"
  tar -czf "$dir/hoist-$version.tar.gz" -C "$stage" "hoist-$version"
  rm -rf "$stage"
  (cd "$dir" && sha256sum "hoist-$version.tar.gz" >SHA256SUMS)
  [[ $how != --bad-checksum ]] || printf '%064d  %s\n' 0 "hoist-$version.tar.gz" >"$dir/SHA256SUMS"
  local home=$GNUPGHOME
  [[ $how != --bad-signature ]] || home=$other_gnupg
  GNUPGHOME=$home gpg --batch --quiet --yes --armor --detach-sign -o "$dir/SHA256SUMS.asc" "$dir/SHA256SUMS"
  python3 - "$version" "$base" "$dir" >"$api/latest" <<'PY'
import json, os, sys
version, base, d = sys.argv[1:]
assets = [{"name": n, "size": os.path.getsize(os.path.join(d, n)), "content_type": "application/octet-stream",
           "browser_download_url": f"{base}/download/v{version}/{n}"}
          for n in (f"hoist-{version}.tar.gz", "SHA256SUMS", "SHA256SUMS.asc")]
print(json.dumps({"url": f"{base}/api/v3/repos/hoist/hoist/releases/1", "tag_name": f"v{version}",
                  "name": f"hoist {version}", "draft": False, "prerelease": False,
                  "html_url": f"{base}/hoist/hoist/releases/tag/v{version}", "assets": assets}))
PY
}

# configure MODE [INTERVAL]: hoist.conf's [SelfUpdate] and a notifier.
configure() {
  sbx_write_file /etc/hoist/hoist.conf <<CONF
[SelfUpdate]
Enabled=yes
Source=$base/hoist/hoist
Forge=github
Mode=$1
IntervalSec=${2:-1h}
GraceSec=2
Keyring=/etc/hoist/release-keyring.gpg

[Notify receiver]
Type=webhook
URL=http://127.0.0.1:$receiver_port/generic
Events=update-available update-applied update-failed
CONF
}

prop() { sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager "$1"; }
status_call() {
  local out
  out=$(sbx busctl --json=short call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager "$1") ||
    fail "$1 failed: $out"
  json_get "$out" 'j["data"][0]'
}
# notified KIND VERSION: the receiver got that notification.
notified() {
  sbx cat /run/notify.log 2>/dev/null | python3 -c '
import json, sys
kind, version = sys.argv[1:]
sys.exit(0 if any(e["body"].get("event") == kind and e["body"].get("version") == version
                  for e in map(json.loads, sys.stdin)) else 1)' "$1" "$2"
}
running_version() { prop Version | sed 's/^s "\(.*\)"$/\1/'; }
main_pid() { unit_prop hoistd.service MainPID; }

# -------------------------------------------------------- 1. notify mode --
publish "$new" "$HOIST_BUILD_DIR/tests/system/hoistd-next"
configure notify
http GET /healthz
assert_eq 200 "$HTTP_STATUS" "hoistd $old runs"
pid0=$(main_pid)
inv0=$(unit_prop hoistd.service InvocationID)
socket_inv=$(unit_prop hoistd.socket InvocationID)
socket_since=$(unit_prop hoistd.socket ActiveEnterTimestampMonotonic)

status=$(sbx hoistctl self-update --check --json) || fail "hoistctl self-update --check failed: $status"
assert_eq "$new" "$(json_get "$status" 'j["latest"]')" "hoistctl self-update --check finds $new"
assert_eq true "$(json_get "$status" 'j["available"]')" "and says it is available"
assert_eq 'b true' "$(prop UpdateAvailable)" "UpdateAvailable is true"
assert_eq "s \"$new\"" "$(prop LatestVersion)" "LatestVersion is $new"
wait_for 30 "the update-available notification" notified update-available "$new" ||
  fail "no update-available notification: $(sbx cat /run/notify.log 2>&1)"
ok "a notification says $new is available"
status_call CheckForUpdate >/dev/null
last=$(sbx tail -n 1 /run/releases.log)
assert_eq 304 "$(json_get "$last" 'j["status"]')" "the next check sends If-None-Match and gets 304"
assert_eq true "$(json_get "$(status_call CheckForUpdate)" 'j["available"]')" "and still knows $new"
assert_eq "" "$(sbx ls "$su_dir/versions")" "notify mode installs nothing"
assert_eq "$pid0" "$(main_pid)" "and hoistd was not restarted"

# ------------------------------------------- 2, 3. apply mode under load --
load_start "$(sbx_url /healthz)"
configure apply 2s
sbx systemctl reload hoistd.service
wait_for 60 "hoistd $new to run" sbx_sh "busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1 \
  org.hoist.Hoist1.Manager Version | grep -qF '\"$new\"'" ||
  fail "hoistd did not update itself: $(sbx journalctl -u hoistd.service -n 30 --no-pager)"
ok "Mode=apply installed $new and hoistd restarted into it"
assert_ne "$pid0" "$(main_pid)" "hoistd's PID changed"
assert_ne "$inv0" "$(unit_prop hoistd.service InvocationID)" "its InvocationID changed"
assert_eq "$socket_inv" "$(unit_prop hoistd.socket InvocationID)" "hoistd.socket is the same invocation"
assert_eq "$socket_since" "$(unit_prop hoistd.socket ActiveEnterTimestampMonotonic)" "and never stopped"
assert_eq "versions/$new" "$(sbx readlink "$su_dir/current")" "current points at $new"
wait_for 30 "$new to confirm itself" sbx_sh "! test -e $su_dir/trial.json" || fail "$new never left its trial"
ok "$new confirmed itself after GraceSec="
wait_for 30 "the update-applied notification" notified update-applied "$new" ||
  fail "no update-applied notification: $(sbx cat /run/notify.log 2>&1)"
ok "a notification says hoistd updated to $new"
out=$(load_stop)
echo "$out"
assert_eq 0 "$(json_get "$out" 'j["failed"]')" "not one /healthz request failed during the update"
assert_match '^[1-9][0-9]*$' "$(json_get "$out" 'j["requests"]')" "requests were made all along"
assert_eq 0 "$(unit_prop hoistd.socket NRefused)" "the socket refused no connection"
http GET /healthz
assert_eq "$new" "$(json_get "$HTTP_BODY" 'j["version"]')" "/healthz answers from $new"

configure notify
sbx systemctl reload hoistd.service
pid1=$(main_pid)

# ------------------- a unit without Restart=always would never come back --
publish "$tampered" "$HOIST_BUILD_DIR/tests/system/hoistd-next"
sbx_write_file /etc/systemd/system/hoistd.service.d/restart.conf <<'EOF2'
[Service]
Restart=on-failure
EOF2
sbx systemctl daemon-reload
rc=0
out=$(sbx hoistctl self-update 2>&1) || rc=$?
assert_ne 0 "$rc" "hoistctl self-update with Restart=on-failure fails"
assert_contains "$out" "Restart=on-failure" "and names the unit's Restart= setting"
assert_eq "" "$(sbx grep -F "download/v$tampered/hoist-" /run/releases.log)" "nothing was downloaded"
assert_eq "$pid1" "$(main_pid)" "hoistd keeps running"
sbx rm /etc/systemd/system/hoistd.service.d/restart.conf
sbx systemctl daemon-reload

# ------------------------------------- 4. checksum and signature refused --
for how in --bad-checksum --bad-signature; do
  publish "$tampered" "$HOIST_BUILD_DIR/tests/system/hoistd-next" "$how"
  rc=0
  out=$(sbx hoistctl self-update 2>&1) || rc=$?
  assert_ne 0 "$rc" "hoistctl self-update of a release with $how fails"
  if [[ $how == --bad-checksum ]]; then want="SHA-256"; else want="does not verify"; fi
  assert_contains "$out" "$want" "and says why ($want)"
  assert_eq "$new" "$(running_version)" "$new keeps running"
  assert_eq "$pid1" "$(main_pid)" "hoistd was not restarted"
  assert_eq "$new" "$(sbx ls "$su_dir/versions")" "nothing was installed"
  assert_eq "" "$(sbx find "$su_dir" -maxdepth 1 -name '.install-*')" "nothing was left behind"
done

# ------------------------------------- 5. a version that fails to start --
cat >"$SBX_TMP/failing-hoistd" <<SH
#!/bin/sh
if [ "\$1" = --version ]; then echo "hoistd $failing"; exit 0; fi
echo "hoistd $failing: this test release refuses to start" >&2
exit 1
SH
publish "$failing" "$SBX_TMP/failing-hoistd"
rc=0
out=$(sbx hoistctl self-update 2>&1) || rc=$?
echo "$out"
assert_eq 1 "$rc" "hoistctl self-update to a failing $failing exits 1"
assert_contains "$out" "fell back to $new" "and says hoistd fell back to $new"
assert_eq "$new" "$(running_version)" "$new runs again"
http GET /healthz
assert_eq 200 "$HTTP_STATUS" "and serves"
assert_eq "versions/$new" "$(sbx readlink "$su_dir/current")" "current points at $new again"
status=$(status_call CheckForUpdate)
assert_eq "$failing" "$(json_get "$status" 'j["failed"][-1]["version"]')" "the failure of $failing is recorded"
assert_eq false "$(json_get "$status" 'j["available"]')" "and $failing is not offered again"
wait_for 30 "the update-failed notification" notified update-failed "$failing" ||
  fail "no update-failed notification: $(sbx cat /run/notify.log 2>&1)"
ok "a notification says the update to $failing failed"
pid2=$(main_pid)
out=$(sbx hoistctl self-update 2>&1) || fail "hoistctl self-update after the failure: $out"
assert_eq "$pid2" "$(main_pid)" "hoistctl self-update does not try $failing again"
assert_eq "$new" "$(running_version)" "$new keeps running"

# ------------------------------------------- 6. equal and older releases --
for version in "$new" "$old"; do
  publish "$version" "$HOIST_BUILD_DIR/tests/system/hoistd-next"
  status=$(status_call SelfUpdate)
  assert_eq "" "$(json_get "$status" 'j["installing"]')" "a release of $version (running $new) is not installed"
  assert_eq false "$(json_get "$status" 'j["available"]')" "nor offered"
  assert_eq "$pid2" "$(main_pid)" "hoistd was not restarted for $version"
done
