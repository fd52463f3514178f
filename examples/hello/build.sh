#!/bin/sh
# The example app's build step: records what was built, and fails when the
# commit says so (a file named FAIL_BUILD), to show a failed build.
set -eu
echo "building hello $(cat VERSION)"
if [ -e FAIL_BUILD ]; then
  echo "error: the build of $(cat VERSION) is broken (FAIL_BUILD)" >&2
  exit 2
fi
date -u +%Y-%m-%dT%H:%M:%SZ > BUILT_AT
echo "built hello $(cat VERSION)"
