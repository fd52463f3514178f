#!/usr/bin/env bash
# hoistd loads /etc/hoist/apps/*.app at start and again on reload: a file
# with errors is reported with file, line and key and its app keeps its last
# good definition; the other apps are unaffected.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

sbx_write_file /etc/hoist/apps/web.app <<'APP'
[App]
Units=web.service web.socket
APP
sbx_write_file /etc/hoist/apps/db.app <<'APP'
[App]
Units=db.service
APP
sbx_write_file /etc/hoist/apps/broken.app <<'APP'
[App]
Units=broken.service
KeepReleases=0
APP

units_managed() {
  http GET /healthz
  json_get "$HTTP_BODY" 'j["units_managed"]'
}
assert_eq 3 "$(units_managed)" "the two valid apps' three units are managed"
errors=$(sbx journalctl -u hoistd.service -p err -o cat)
assert_contains "$errors" "/etc/hoist/apps/broken.app:3: [App] KeepReleases=:" \
  "the broken file's error names file, line and key"
assert_contains "$(sbx journalctl -u hoistd.service HOIST_CONFIG_KEY=KeepReleases -o cat)" \
  "out of range" "and carries HOIST_CONFIG_* fields"
assert_contains "$(unit_prop hoistd.service StatusText)" "2 app(s)" "STATUS= counts the apps"

# web.app breaks, extra.app appears, db.app goes away.
sbx_write_file /etc/hoist/apps/web.app <<'APP'
[App]
Units=web.service
Units=not a unit
APP
sbx_write_file /etc/hoist/apps/extra.app <<'APP'
[App]
Units=extra.service
APP
sbx rm /etc/hoist/apps/db.app
sbx systemctl reload hoistd.service
wait_for 10 "hoistd to reload" \
  sbx_sh 'journalctl -u hoistd.service -o cat | grep -q "Reloaded the configuration"'
assert_eq 3 "$(units_managed)" "web keeps its last good units, extra is added, db is gone"
assert_contains "$(sbx journalctl -u hoistd.service -p err -o cat)" "/etc/hoist/apps/web.app:3: [App] Units=:" \
  "the new error in web.app names its line"
assert_contains "$(sbx journalctl -u hoistd.service -o cat | grep 'Reloaded the configuration')" \
  "2 app(s) (extra, web)" "the reload says which apps are managed now"
