#!/usr/bin/env bash
# hoistd logs each finished job to the journal with structured fields.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

write_test_unit test.service
sbx systemctl start test.service
reply=$(sbx busctl call org.hoist.Hoist1 /org/hoist/Hoist1 org.hoist.Hoist1.Manager RestartUnit s test.service) ||
  fail "RestartUnit test.service failed"
assert_eq 's "done"' "$reply" "RestartUnit test.service is done"

find_entry() {
  sbx journalctl -u hoistd.service -o json | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if (e.get("SYSLOG_IDENTIFIER") == "hoistd" and e.get("HOIST_UNIT") == "test.service"
            and e.get("HOIST_JOB_RESULT") == "done" and e.get("HOIST_JOB_TYPE")):
        print(json.dumps({k: v for k, v in e.items() if k.startswith(("HOIST_", "MESSAGE", "SYSLOG_", "PRIORITY"))}))
        sys.exit(0)
sys.exit(1)'
}
wait_for 30 "hoistd's journal entry for the restart of test.service" find_entry ||
  { sbx journalctl -u hoistd.service -o verbose --no-pager | tail -n 60; fail "no journal entry with SYSLOG_IDENTIFIER=hoistd HOIST_UNIT=test.service HOIST_JOB_RESULT=done HOIST_JOB_TYPE=..."; }
entry=$(find_entry)
echo "$entry"
ok "journalctl -u hoistd.service has SYSLOG_IDENTIFIER=hoistd HOIST_UNIT=test.service HOIST_JOB_RESULT=done"
assert_eq restart "$(json_get "$entry" 'j["HOIST_JOB_TYPE"]')" "HOIST_JOB_TYPE=restart"
