#!/usr/bin/env bash
# systemd-analyze verify passes on every unit file hoist installs.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

mapfile -t units < <(meson introspect "$HOIST_BUILD_DIR" --installed | python3 -c '
import json, re, sys
for dest in sorted(set(json.load(sys.stdin).values())):
    if re.search(r"/systemd/system/[^/]+\.(service|socket|timer|path|target|mount)$", dest):
        print(dest)')
((${#units[@]})) || fail "the build installs no system units"
for want in hoistd.socket hoistd.service; do
  printf '%s\n' "${units[@]}" | grep -q "/$want\$" || fail "the build does not install $want"
done
for unit in "${units[@]}"; do
  rc=0
  out=$(sbx systemd-analyze verify "$unit" 2>&1) || rc=$?
  [[ -z $out ]] || echo "$out"
  assert_eq 0 "$rc" "systemd-analyze verify $unit exits 0"
  name=${unit##*/}
  if grep -F "$name" <<<"$out"; then fail "systemd-analyze verify complains about $name"; fi
  ok "no complaint about $name"
done

# units/ are the templates of hoist's own units (meson fills @LIBEXECDIR@):
# what PID 1 loaded is what the build rendered, and hoistd comes back
# whatever way it ends (a self-update exits 0).
for name in hoistd.socket hoistd.service; do
  assert_eq "$(cat "$HOIST_BUILD_DIR/units/$name")" "$(sbx cat "$(unit_prop "$name" FragmentPath)")" \
    "PID 1 uses the $name the build rendered from units/$name.in"
done
assert_eq always "$(unit_prop hoistd.service Restart)" "hoistd.service has Restart=always"
