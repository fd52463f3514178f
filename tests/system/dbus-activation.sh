#!/usr/bin/env bash
# Calling the bus name starts hoistd (D-Bus activation through systemd), and
# the interface it serves equals the checked-in introspection XML.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist
sbx_write_file /etc/hoist/apps/my-web.app <<'APP'
[App]
Units=my-web.service
APP

assert_eq inactive "$(sbx systemctl is-active hoistd.service || true)" "hoistd.service is not running after boot"
version=$(sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager Version) ||
  fail "busctl get-property Version failed"
assert_eq "s \"$HOIST_VERSION\"" "$version" "Version property through D-Bus activation"
assert_eq active "$(sbx systemctl is-active hoistd.service || true)" "the call started hoistd.service"

introspect=$(sbx busctl introspect org.hoist.Hoist1 /org/hoist/Hoist1) || fail "busctl introspect failed"
echo "$introspect"
assert_match $'(^|\n)org\\.hoist\\.Hoist1\\.Manager[[:space:]]+interface' "$introspect" "busctl introspect shows org.hoist.Hoist1.Manager"

sbx busctl introspect --xml-interface org.hoist.Hoist1 /org/hoist/Hoist1 >"$SBX_TMP/live.xml" ||
  fail "busctl introspect --xml-interface failed"
python3 "$HOIST_SOURCE_DIR/tests/system/introspect-compare.py" org.hoist.Hoist1.Manager \
  "$HOIST_SOURCE_DIR/dbus/org.hoist.Hoist1.Manager.xml" "$SBX_TMP/live.xml" ||
  fail "dbus/org.hoist.Hoist1.Manager.xml differs from what hoistd serves"
ok "dbus/org.hoist.Hoist1.Manager.xml equals the live introspection"

# Each app is an object with org.hoist.Hoist1.App, listed in the tree.
tree=$(sbx busctl tree --list org.hoist.Hoist1) || fail "busctl tree failed"
assert_contains "$tree" "/org/hoist/Hoist1/app/my_2dweb" "busctl tree lists the app's object (name escaped)"
sbx busctl introspect --xml-interface org.hoist.Hoist1 /org/hoist/Hoist1/app/my_2dweb >"$SBX_TMP/app.xml" ||
  fail "busctl introspect of the app object failed"
python3 "$HOIST_SOURCE_DIR/tests/system/introspect-compare.py" org.hoist.Hoist1.App \
  "$HOIST_SOURCE_DIR/dbus/org.hoist.Hoist1.Manager.xml" "$SBX_TMP/app.xml" ||
  fail "org.hoist.Hoist1.App in dbus/org.hoist.Hoist1.Manager.xml differs from what hoistd serves"
ok "org.hoist.Hoist1.App equals the live introspection"
assert_eq 's "my-web"' "$(sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/my_2dweb org.hoist.Hoist1.App Name)" \
  "the app object's Name"
if sbx busctl get-property org.hoist.Hoist1 /org/hoist/Hoist1/app/nope org.hoist.Hoist1.App Name 2>/dev/null; then
  fail "an object for an app that does not exist"
fi
ok "no object for an app that is not configured"
