#!/usr/bin/env python3
"""Compare one D-Bus interface of two introspection XML documents.

usage: introspect-compare.py INTERFACE CHECKED_IN.xml LIVE.xml

Both documents are reduced to what a caller depends on: the interface's
methods (argument names, types, directions, in order), signals (arguments),
properties (type, access) and every annotation, ignoring comments, whitespace,
attribute and member order. Exits 0 if they are equal, else prints the
differences and exits 1 (2 if the interface is missing from a document).
"""

import sys
import xml.etree.ElementTree as ET


def annotations(elem):
    return tuple(sorted((a.get("name"), a.get("value")) for a in elem.findall("annotation")))


def args(elem, default_direction):
    return tuple(
        (a.get("name"), a.get("type"), a.get("direction", default_direction), annotations(a))
        for a in elem.findall("arg")
    )


def normalise(path, interface):
    root = ET.parse(path).getroot()
    found = [i for i in root.iter("interface") if i.get("name") == interface]
    if len(found) != 1:
        print(f"{path}: {len(found)} <interface name=\"{interface}\"> elements, expected 1")
        sys.exit(2)
    iface = found[0]
    members = {("interface", interface): annotations(iface)}
    for m in iface.findall("method"):
        members[("method", m.get("name"))] = (args(m, "in"), annotations(m))
    for s in iface.findall("signal"):
        members[("signal", s.get("name"))] = (args(s, "out"), annotations(s))
    for p in iface.findall("property"):
        members[("property", p.get("name"))] = (p.get("type"), p.get("access"), annotations(p))
    return members


def describe(value):
    return repr(value)


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    interface, checked_in, live = argv[1:]
    want = normalise(checked_in, interface)
    have = normalise(live, interface)
    differences = []
    for key in sorted(set(want) | set(have)):
        kind, name = key
        if key not in have:
            differences.append(f"{kind} {name}: in {checked_in} only: {describe(want[key])}")
        elif key not in want:
            differences.append(f"{kind} {name}: served only (not in {checked_in}): {describe(have[key])}")
        elif want[key] != have[key]:
            differences.append(
                f"{kind} {name} differs:\n    checked in: {describe(want[key])}\n    served:     {describe(have[key])}"
            )
    if differences:
        print(f"{interface}: checked-in XML and live introspection differ:")
        for d in differences:
            print("  " + d)
        return 1
    print(f"{interface}: {len(want) - 1} members, checked-in XML equals live introspection")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
