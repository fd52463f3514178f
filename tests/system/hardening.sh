#!/usr/bin/env bash
# systemd-analyze security of the shipped hoistd.service, inside a real
# systemd: the overall exposure stays at or below 2.5 (README, "Hardening",
# says what each remaining exposure is for).
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

out=$(sbx systemd-analyze security --no-pager hoistd.service) || true
echo "$out" | grep -v '^ *✓' || true
line=$(grep -F 'Overall exposure level for hoistd.service' <<<"$out") ||
  fail "systemd-analyze security printed no overall exposure: $out"
exposure=$(sed -E 's/.*: ([0-9.]+) .*/\1/' <<<"$line")
assert_match '^[0-9]+\.[0-9]$' "$exposure" "systemd-analyze security rates hoistd.service ($line)"
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= 2.5 else 1)' "$exposure" ||
  fail "hoistd.service's exposure is $exposure, above 2.5"
ok "hoistd.service's exposure $exposure is at most 2.5"
