# shellcheck shell=bash
#
# The example app inside a tools/sandbox sandbox, the way hoist runs it; sourced
# by tools/demo, tools/bench and the system tests (after tools/sandbox, whose
# sbx, sbx_sh and sbx_write_file it uses):
#
#   hello_install PORT [HEALTH LINES...]
#       the user hello; /srv/hello.git, a git repository of this directory
#       owned by hello with no commit yet; hello.socket (127.0.0.1:PORT) and
#       hello.service rendered from deploy/systemd/ (as hoistd renders
#       them, Set=PORT=PORT) to serve /srv/hoist/hello/current; and
#       /etc/hoist/apps/hello.app, whose
#       [Health] section gets the extra lines (e.g. "StabilizeSec=0")
#   hello_commit VERSION [FILE CONTENT]...
#       a commit that says VERSION, with these files (FAIL_BUILD, HEALTH,
#       CRASH, HOLD: see README.md); those of the commit before are removed
#   hello_git ARG...
#       git in /srv/hello.git as hello

HELLO_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

hello_git() {
  sbx runuser -u hello -- git -C /srv/hello.git -c user.name=hoist -c user.email=hoist@example.org "$@"
}

hello_commit() {
  local version=$1
  shift
  sbx_sh 'cd /srv/hello.git && rm -f FAIL_BUILD HEALTH CRASH HOLD'
  while (($#)); do
    printf '%s\n' "$2" | sbx_write_file "/srv/hello.git/$1"
    shift 2
  done
  printf '%s\n' "$version" | sbx_write_file /srv/hello.git/VERSION
  sbx chown -R hello:hello /srv/hello.git
  hello_git add --all
  hello_git commit --quiet -m "hello $version"
}

hello_install() {
  local port=$1 unit
  shift
  sbx useradd --system --user-group --home-dir /nonexistent hello
  mkdir -p "$SBX_ROOT/srv"
  cp -a "$HELLO_SOURCE_DIR" "$SBX_ROOT/srv/hello.git"
  rm -rf "$SBX_ROOT"/srv/hello.git/{FAIL_BUILD,HEALTH,CRASH,HOLD,.git,sandbox.sh}
  sbx chown -R hello:hello /srv/hello.git
  hello_git init --quiet --initial-branch=main
  for unit in hello.socket hello.service; do
    sed -e 's|@APP@|hello|g' -e 's|@USER@|hello|g' -e 's|@CURRENT@|/srv/hoist/hello/current|g' \
      -e "s|@PORT@|$port|g" "$HELLO_SOURCE_DIR/deploy/systemd/$unit" | sbx_write_file "/etc/systemd/system/$unit"
  done
  sbx systemctl daemon-reload
  sbx systemctl start hello.socket
  {
    cat <<APP
[App]
Description=the example app
Units=hello.socket hello.service
Repository=/srv/hello.git
Branch=main
User=hello
Group=hello
Set=PORT=$port

[Build]
Step=./build.sh

[Health]
URL=http://127.0.0.1:$port/health
TimeoutSec=5
Retries=10
APP
    printf '%s\n' "$@"
  } | sbx_write_file /etc/hoist/apps/hello.app
}
