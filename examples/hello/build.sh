#!/bin/sh
# The example app's build step: records what was built, and fails when the
# commit says so (a file named FAIL_BUILD), to show a failed build. A file
# named HOLD holds a path: the build waits while that path exists (the system
# tests use it to keep a deploy in flight).
set -eu
echo "building hello $(cat VERSION)"
if [ -e FAIL_BUILD ]; then
  echo "error: the build of $(cat VERSION) is broken (FAIL_BUILD)" >&2
  exit 2
fi
if [ -e HOLD ]; then
  hold=$(cat HOLD)
  echo "holding while $hold exists"
  while [ -e "$hold" ]; do sleep 0.1; done
fi
date -u +%Y-%m-%dT%H:%M:%SZ > BUILT_AT
echo "built hello $(cat VERSION)"
