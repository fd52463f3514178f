#!/usr/bin/env bash
# hoistctl logs shows what journalctl shows for the unit.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

sbx_write_unit counter.service <<'UNIT'
[Unit]
Description=hoist system test unit that prints numbered lines

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'i=1; while [ $i -le 20 ]; do echo "counter line $i"; i=$((i + 1)); done'
UNIT
sbx systemctl start counter.service
# journald receives the unit's stdout and PID 1's messages on separate
# sockets: wait until both the last line and "Finished" are in.
# shellcheck disable=SC2016  # expanded inside the sandbox
wait_for 30 "counter.service's lines in the journal" sbx sh -c \
  'j=$(journalctl -u counter.service -o cat); case $j in *"counter line 20"*) ;; *) exit 1;; esac; case $j in *Finished*) ;; *) exit 1;; esac'

want=$(sbx journalctl -u counter.service -n 5 -o cat)
echo "journalctl -u counter.service -n 5 -o cat:"
echo "$want"
have=$(sbx hoistctl logs -n 5 counter.service -o cat) || fail "hoistctl logs failed: $have"
echo "hoistctl logs -n 5 counter.service -o cat:"
echo "$have"
assert_eq "$want" "$have" "hoistctl logs -n 5 -o cat equals journalctl -u -n 5 -o cat"
assert_contains "$have" "counter line 20" "the last line the unit wrote is shown"
assert_eq 5 "$(grep -c '' <<<"$have")" "five lines"


# Following: hoistctl logs -f prints lines as the unit writes them (hoistd
# wakes up through the journal's inotify watch, no polling). It follows from
# the cursor of the last line it printed, so nothing written after that is lost.
sbx_write_unit talker.service <<'UNIT'
[Service]
Type=oneshot
ExecStart=/bin/echo "talker says hello"
UNIT
sbx systemctl start talker.service
wait_for 10 "talker's first line in the journal" \
  sbx_sh 'journalctl -u talker.service -o cat | grep -q "talker says"'
# sd-journal maps the files it reads: hoistd closes the journal after each
# read and keeps it open only while a follower waits.
journal_mapped() { sbx_sh 'grep -q "\.journal" "/proc/$(systemctl show -P MainPID hoistd.service)/maps"'; }
sbx hoistctl logs -n 5 -o cat talker.service >/dev/null || fail "hoistctl logs talker.service"
if journal_mapped; then fail "hoistd keeps a journal file mapped after a read"; fi
ok "after a read hoistd has no journal file mapped"
follow_out="$SBX_TMP/follow.out"
sbx hoistctl logs -f -n 5 -o cat talker.service >"$follow_out" 2>&1 &
follower=$!
wait_for 10 "hoistctl logs -f to print the past lines" grep -q "talker says hello" "$follow_out"
wait_for 10 "hoistd to keep the journal open for the follower" journal_mapped
sbx systemctl start talker.service
wait_for 10 "the line written while following" \
  sh -c "[ \$(grep -c 'talker says hello' '$follow_out') -ge 2 ]"
ok "hoistctl logs -f printed the line the unit wrote while it was following"
sbx systemctl start talker.service
wait_for 10 "the next line" sh -c "[ \$(grep -c 'talker says hello' '$follow_out') -ge 3 ]"
ok "and the next one"
kill "$follower" 2>/dev/null || true
wait "$follower" 2>/dev/null || true
