#!/usr/bin/env python3
"""Checks that every target imports exactly the targets it declares.

Reads the package graph (`swift package dump-package`) and each target's
`import` lines; prints each difference and exits 1 when there is one.
A test target may declare an executable it runs without importing it.
"""
import glob
import json
import re
import subprocess
import sys

IMPORT = re.compile(
    r"^(?:@testable |internal |public |package )?import (\w+)", re.M)
SYSTEM = {"Foundation", "Dispatch", "Testing", "Glibc", "XCTest",
          "Synchronization"}

package = json.loads(subprocess.run(
    ["swift", "package", "dump-package"], check=True,
    capture_output=True, text=True).stdout)
executables = {t["name"] for t in package["targets"]
               if t["type"] == "executable"}
problems = []
for target in package["targets"]:
    if target["type"] == "system":
        continue
    name = target["name"]
    declared = {v[0] for d in target.get("dependencies", [])
                for v in d.values()}
    folder = ("Tests/" if target["type"] == "test" else "Sources/") + name
    imported = set()
    for path in glob.glob(folder + "/**/*.swift", recursive=True):
        imported |= set(IMPORT.findall(open(path).read()))
    imported -= SYSTEM | {name}
    unused = declared - imported
    if target["type"] == "test":
        unused -= executables
    for module in sorted(unused):
        problems.append(f"{name} declares {module} but does not import it")
    for module in sorted(imported - declared):
        problems.append(f"{name} imports {module} without declaring it")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
