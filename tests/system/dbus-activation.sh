#!/usr/bin/env bash
# Calling the bus name starts hoistd (D-Bus activation through systemd), and
# the interface it serves equals the checked-in introspection XML.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

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
