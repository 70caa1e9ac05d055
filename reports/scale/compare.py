#!/usr/bin/env python3
"""Compares two plan outputs byte for byte apart from their provenance.

Usage: compare.py PLAN_A REPORT_A PLAN_B REPORT_B
Strips the plan's "provenance" object (pretty-printed, two-space indent)
and the report's list before its first section, compares the rest and
every SVG of the two report folders, prints one line per file and exits
1 on any difference.
"""
import os
import sys


def strip_plan(text):
    out, skipping = [], False
    for line in text.split("\n"):
        if line == '  "provenance" : {':
            skipping = True
        if not skipping:
            out.append(line)
        if skipping and line == "  },":
            skipping = False
    return "\n".join(out)


def strip_report(text):
    return text[text.index("\n## "):]


def main():
    plan_a, report_a, plan_b, report_b = sys.argv[1:5]
    pairs = [(strip_plan(open(plan_a).read()), strip_plan(open(plan_b).read()),
              "plan.json without provenance")]
    pairs.append((strip_report(open(f"{report_a}/report.md").read()),
                  strip_report(open(f"{report_b}/report.md").read()),
                  "report.md without provenance"))
    for name in sorted(os.listdir(report_a)):
        if name.endswith(".svg"):
            pairs.append((open(f"{report_a}/{name}", "rb").read(),
                          open(f"{report_b}/{name}", "rb").read(), name))
    same = True
    for a, b, name in pairs:
        print(f"{name}: {'identical' if a == b else 'DIFFERENT'} "
              f"({len(a)} bytes)")
        same = same and a == b
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
