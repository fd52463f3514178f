#!/usr/bin/env python3
"""bench/report.py — tools/bench's bookkeeping, in one place.

    report.py record RECORDS KEY=VALUE...   append one row (a JSON line)
    report.py stats [--json] FILE           medians etc. of a hyperfine export
    report.py median [NUMBER...]            median of numbers (stdin if none)
    report.py obj KEY VALUE...              a JSON object (values JSON if they parse)
    report.py render RECORDS META OUT.json  print the table, write the JSON

A row record has: id, what, unit, hoist, hoist_what, reference, reference_what, goal_on
("hoist" or "ratio"), goal_op ("<=" or ">="), goal_value, optionally a second
goal (goal2_on, goal2_op, goal2_value: the row meets its goal only if it meets
both), method, details (a JSON object) — or id, what and error. Numbers are
plain decimals in the row's unit; ratio is always hoist / reference.
"""

import json
import math
import statistics
import sys
import textwrap


def number(text):
    if text in ("", "-", "null", None):
        return None
    value = float(text)
    return None if math.isnan(value) else value


def cmd_record(path, pairs):
    row = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            sys.exit(f"report.py record: expected KEY=VALUE, got {pair!r}")
        row[key] = value
    for key in ("hoist", "reference", "goal_value", "goal2_value"):
        if key in row:
            row[key] = number(row[key])
    row["details"] = json.loads(row.get("details") or "{}")
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(row, sort_keys=True) + "\n")


def hyperfine_stats(path):
    """{label: {median_ms, mean_ms, stddev_ms, min_ms, max_ms, runs}} of a
    hyperfine --export-json file (label: the -n name, spaces as _)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = {}
    for r in data["results"]:
        times = [t * 1000 for t in r["times"]]
        out[r["command"].replace(" ", "_")] = {
            "median_ms": round(statistics.median(times), 3),
            "mean_ms": round(statistics.fmean(times), 3),
            "stddev_ms": round(statistics.stdev(times) if len(times) > 1 else 0, 3),
            "min_ms": round(min(times), 3),
            "max_ms": round(max(times), 3),
            "runs": len(times),
        }
    return out


def cmd_stats(args):
    """stats FILE: one line per command, LABEL MEDIAN MEAN STDDEV MIN MAX RUNS
    (milliseconds); stats --json FILE: the same as one JSON object."""
    if args[0] == "--json":
        print(json.dumps(hyperfine_stats(args[1]), sort_keys=True))
        return
    for label, s in hyperfine_stats(args[0]).items():
        print(label, s["median_ms"], s["mean_ms"], s["stddev_ms"], s["min_ms"], s["max_ms"], s["runs"])


def cmd_obj(args):
    """A JSON object from KEY VALUE pairs; values that parse as JSON (numbers,
    true, objects, ...) are kept as such, anything else is a string."""
    if len(args) % 2:
        sys.exit("report.py obj: expected KEY VALUE pairs")
    obj = {}
    for key, value in zip(args[::2], args[1::2]):
        try:
            obj[key] = json.loads(value)
        except ValueError:
            obj[key] = value
    print(json.dumps(obj, sort_keys=True))


def cmd_median(args):
    values = [float(v) for v in (args or sys.stdin.read().split())]
    if not values:
        sys.exit("report.py median: no numbers")
    print(f"{statistics.median(values):.6g}")


# ------------------------------------------------------------------ render --

UNIT_TEXT = {"MiB": "MiB", "ms": "ms", "/min": "/min", "s": "s", "req/s": "req/s", "req": "req", "": ""}


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "req":  # a count of requests
        text = f"{value:.0f}"
    elif unit == "/min":
        text = f"{value:.1f}" if value and value < 10 else f"{value:.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {UNIT_TEXT.get(unit, unit)}".strip()


def goals(row):
    """The row's goals, [(on, op, value)]: goal_* and then goal2_*, those set."""
    out = []
    for prefix in ("goal", "goal2"):
        on, op, target = (row.get(f"{prefix}_{key}") for key in ("on", "op", "value"))
        if on and target is not None:
            out.append((on, op, target))
    return out


def finish(row):
    """Adds ratio, goal text and verdict to a row record."""
    if row.get("error"):
        row.update(ratio=None, verdict="error", goal_text=goal_text(row))
        return row
    hoist, ref = row.get("hoist"), row.get("reference")
    row["ratio"] = hoist / ref if hoist is not None and ref not in (None, 0) else None
    row["goal_text"] = goal_text(row)
    checks = [({"hoist": hoist, "ratio": row["ratio"]}.get(on), op, target) for on, op, target in goals(row)]
    if not checks:
        row["verdict"] = "info"
    elif any(measured is None for measured, _, _ in checks):
        row["verdict"] = "—"
    else:
        ok = all(m <= t if op == "<=" else m >= t for m, op, t in checks)
        row["verdict"] = "meets" if ok else "misses"
    return row


def goal_text(row):
    texts = []
    for on, op, target in goals(row):
        sign = {"<=": "≤", ">=": "≥"}[op]
        if on == "ratio":
            texts.append(f"ratio {sign} {target:g}")
        elif target == 0 and op == "<=":
            texts.append("0")
        else:
            texts.append(f"{sign} {target:g} {row.get('unit', '')}".strip())
    return ", ".join(texts) or "—"


def table(rows):
    head = ["what", "hoist", "reference", "ratio", "goal", "verdict"]
    lines = []
    for r in rows:
        unit = r.get("unit", "")
        if r.get("error"):
            lines.append([r["what"], "error", "—", "—", r["goal_text"], "error"])
            continue
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}"
        lines.append([r["what"], fmt(r.get("hoist"), unit), fmt(r.get("reference"), unit),
                      ratio, r["goal_text"], r["verdict"]])
    widths = [max(len(str(x[i])) for x in [head] + lines) for i in range(len(head))]
    right = {1, 2, 3}

    def row_text(cells):
        out = []
        for i, c in enumerate(cells):
            out.append(str(c).rjust(widths[i]) if i in right else str(c).ljust(widths[i]))
        return "  ".join(out).rstrip()

    text = [row_text(head), "  ".join("-" * w for w in widths)]
    text += [row_text(x) for x in lines]
    return "\n".join(text)


def cmd_render(records, meta_path, out_path):
    rows = []
    with open(records, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(finish(json.loads(line)))
    with open(meta_path, encoding="utf-8") as f:
        meta = json.load(f)
    print(table(rows))
    notes = []
    for r in rows:
        if r.get("error"):
            notes.append(f"{r['id']}: could not be measured: {r['error']}")
        else:
            notes.append(f"{r['id']}: hoist = {r.get('hoist_what') or 'hoistd'}; "
                         f"reference = {r.get('reference_what') or 'none'}")
    if notes:
        print()
        for note in notes:
            print(textwrap.fill(note, width=100, subsequent_indent="    ",
                                break_long_words=False, break_on_hyphens=False))
    doc = dict(meta, schema=1, rows=rows)
    if out_path != "-":
        with open(out_path, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
    failed = [r["id"] for r in rows if r.get("error")]
    return 1 if failed else 0


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    cmd, args = argv[1], argv[2:]
    if cmd == "record" and args:
        cmd_record(args[0], args[1:])
    elif cmd == "stats" and len(args) in (1, 2):
        cmd_stats(args)
    elif cmd == "median":
        cmd_median(args)
    elif cmd == "obj":
        cmd_obj(args)
    elif cmd == "render" and len(args) == 3:
        return cmd_render(*args)
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
