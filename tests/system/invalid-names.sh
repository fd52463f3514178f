#!/usr/bin/env bash
# Bad unit names are refused with InvalidArgument before PID 1 is asked;
# names PID 1 does not know get NoSuchUnit.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
boot_hoist

long=$(printf 'a%.0s' {1..292}).service
invalid=("" "a/b.service" "x" "$long" $'bad\001name.service' $'tab\tname.service')
for method in RestartUnit GetUnitStatus; do
  for name in "${invalid[@]}"; do
    expect_dbus_error org.hoist.Hoist1.Error.InvalidArgument "$method" "string:$name"
  done
  expect_dbus_error org.hoist.Hoist1.Error.NoSuchUnit "$method" string:nope-xyz.service
done
# Nothing was loaded or created by those calls.
assert_eq not-found "$(unit_prop nope-xyz.service LoadState)" "nope-xyz.service still unknown to PID 1"
