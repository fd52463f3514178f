#!/usr/bin/env python3
"""What PID 1 says happened to the units of a rollout, for tests/system/rollout.sh.

A snapshot is a JSON object {app: {property: value}} made from
`systemctl show -p Id,InvocationID,ActiveState,...Monotonic APP.service ...`
(the test's apps each run one unit named after them). Times are PID 1's
monotonic clock in microseconds; an app's restart is the window from its last
ActiveExitTimestamp (the stop began) to its last ActiveEnterTimestamp (the
start finished), its start the window from InactiveExitTimestamp to
ActiveEnterTimestamp. Only orderings are compared, never durations.

usage:
  rollout_timeline.py parse < SYSTEMCTL-SHOW-OUTPUT      → snapshot
  rollout_timeline.py show SNAP                          the timeline, for the log
  rollout_timeline.py changed BEFORE AFTER APP...        each InvocationID changed
  rollout_timeline.py unchanged BEFORE AFTER APP...      each InvocationID is the same
  rollout_timeline.py order SNAP GAP_USEC DEP:APP...     APP's restart began at least
                                                         GAP_USEC after DEP became active;
                                   DEP~APP               APP (restarted by systemd with DEP,
                                                         Requires=) started after DEP was active
  rollout_timeline.py overlap SNAP APP...                every two starts overlap
  rollout_timeline.py during SNAP APP OTHER              APP started while OTHER was starting
  rollout_timeline.py serial SNAP APP...                 no two restarts overlap

Each check prints what it found and exits 1 when it does not hold.
"""

import itertools
import json
import sys


def parse(text):
    snap, unit = {}, {}
    for line in text.splitlines() + [""]:
        if not line.strip():
            if unit:
                snap[unit["Id"].removesuffix(".service")] = unit
            unit = {}
            continue
        key, _, value = line.partition("=")
        unit[key] = value
    return snap


def t(snap, app, prop):
    value = snap[app][prop + "TimestampMonotonic"]
    return int(value) if value else 0


def restart(snap, app):
    return t(snap, app, "ActiveExit"), t(snap, app, "ActiveEnter")


def start(snap, app):
    return t(snap, app, "InactiveExit"), t(snap, app, "ActiveEnter")


def ms(usec, origin):
    return f"{(usec - origin) / 1000:.0f}ms"


def main(argv):
    cmd, args = argv[1], argv[2:]
    if cmd == "parse":
        print(json.dumps(parse(sys.stdin.read()), sort_keys=True))
        return 0
    snap = json.loads(args[0])
    problems, found = [], []
    if cmd == "show":
        origin = min(t(snap, a, "ActiveExit") or t(snap, a, "InactiveExit") for a in snap)
        rows = sorted(snap, key=lambda a: (t(snap, a, "InactiveExit"), a))
        for a in rows:
            print(f"  {a:<8} stop {ms(t(snap, a, 'ActiveExit'), origin):>8}  start "
                  f"{ms(t(snap, a, 'InactiveExit'), origin):>8}  active {ms(t(snap, a, 'ActiveEnter'), origin):>8}"
                  f"  {snap[a]['ActiveState']} {snap[a]['InvocationID'][:8]}")
        return 0
    if cmd in ("changed", "unchanged"):
        after = json.loads(args[1])
        for a in args[2:]:
            old, new = snap[a]["InvocationID"], after[a]["InvocationID"]
            if (old != new) != (cmd == "changed"):
                problems.append(f"{a}: InvocationID {old} → {new}")
            else:
                found.append(a)
    elif cmd == "order":
        gap = int(args[1])
        for pair in args[2:]:
            by_systemd = "~" in pair
            dep, app = pair.split("~" if by_systemd else ":")
            active = t(snap, dep, "ActiveEnter")
            began, started = t(snap, app, "ActiveExit"), t(snap, app, "InactiveExit")
            if by_systemd:
                if started < active:
                    problems.append(f"{app} started {(active - started) / 1000:.0f} ms before {dep} was active")
                else:
                    found.append(f"{dep}~{app} +{(started - active) / 1000:.0f}ms")
            elif began < active + gap or started < active + gap:
                problems.append(f"{app} began its restart {(began - active) / 1000:.0f} ms (its start "
                                f"{(started - active) / 1000:.0f} ms) after {dep} became active")
            else:
                found.append(f"{dep}→{app} +{(began - active) / 1000:.0f}ms")
    elif cmd == "overlap":
        for a, b in itertools.combinations(args[1:], 2):
            (a0, a1), (b0, b1) = start(snap, a), start(snap, b)
            if not (a0 < b1 and b0 < a1):
                problems.append(f"the starts of {a} and {b} do not overlap")
        found.append(" ".join(args[1:]))
    elif cmd == "during":
        app, other = args[1], args[2]
        s = t(snap, app, "InactiveExit")
        o0, o1 = start(snap, other)
        if not o0 < s < o1:
            problems.append(f"{app} started {(s - o0) / 1000:.0f} ms after {other} began starting, "
                            f"which took {(o1 - o0) / 1000:.0f} ms")
        found.append(f"{app} at +{(s - o0) / 1000:.0f}ms of {other}'s {(o1 - o0) / 1000:.0f}ms start")
    elif cmd == "serial":
        windows = sorted((restart(snap, a), a) for a in args[1:])
        for ((_, end), a), ((begin, _), b) in zip(windows, windows[1:]):
            if begin < end:
                problems.append(f"{b} began restarting {(end - begin) / 1000:.0f} ms before {a} was active")
        found.append(" → ".join(a for _, a in windows))
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for p in problems:
        print(p)
    if not problems:
        print("; ".join(found))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
