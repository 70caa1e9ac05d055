#!/usr/bin/env python3
"""Tabulates the trace-form runs of run.sh from their logs."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
print("| run | epoch | updated / skipped / frozen (all layers) | "
      "layers frozen | test % | epoch s |")
print("| --- | ---: | --- | ---: | ---: | ---: |")
for optimizer in ("thor", "thor-stop"):
    for form in ("damped", "undamped"):
        with open(os.path.join(HERE, f"{optimizer}-{form}.jsonl")) as f:
            for line in f:
                r = json.loads(line)
                layers = r["layers"].values()
                u = sum(x["updated"] for x in layers)
                s = sum(x["skipped"] for x in layers)
                z = sum(x["frozen"] for x in layers)
                frozen = sum(1 for x in layers if x["frozen"] > 0)
                print(f"| {optimizer}, {form} | {r['epoch']} | {u} / {s} / "
                      f"{z} | {frozen} of {len(r['layers'])} | "
                      f"{100 * r['test_accuracy']:.2f} | "
                      f"{r['epoch_seconds']:.1f} |")
