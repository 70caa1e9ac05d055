#!/usr/bin/env python3
"""Picks each method's best run of reports/tuning/run.sh by its final
validation accuracy (ties: lower validation loss) and writes results.md
and chosen.json next to the logs. The test set is not read."""
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "reports/tuning")
runs = []
for log in sorted((out / "logs").glob("*.jsonl")):
    records = [json.loads(line) for line in log.read_text().splitlines()
               if line.strip()]
    if not records:
        continue
    last = records[-1]
    name = log.stem
    method = "thor" if name.startswith("thor") else "sgd"
    runs.append({
        "name": name, "method": method, "epochs": len(records),
        "validation_accuracy": last.get("validation_accuracy"),
        "validation_loss": last.get("validation_loss"),
        "train_seconds": last["total_seconds"],
        "lr": float(name.split("lr")[1].split("-")[0]),
        "nesterov": "nesterov" in name,
        "damping": (float(name.split("damping")[1])
                    if "damping" in name else None),
    })
# Runs that diverged (run.sh notes them in runs.txt) have no record.
runs_txt = out / "runs.txt"
diverged = []
if runs_txt.exists():
    for line in runs_txt.read_text().splitlines():
        if " failed: " in line:
            diverged.append(line.split(" failed: ")[0])
chosen = {}
for method in ("sgd", "thor"):
    done = [r for r in runs if r["method"] == method
            and r["validation_accuracy"] is not None]
    if done:
        chosen[method] = max(done, key=lambda r: (
            r["validation_accuracy"], -r["validation_loss"]))

lines = ["# Validation-tuned hyperparameters (`cnn`)", "",
         "Written by `reports/tuning/summarize.py` from `logs/` "
         "(`reports/tuning/run.sh`). Final validation accuracy on the last "
         "10,000 training images after each run's epochs; the test set "
         "was cut to one image in every run and is not used.", "",
         "| run | epochs | lr | Nesterov | damping | validation acc. | "
         "validation loss | training s |",
         "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
for r in sorted(runs, key=lambda r: (r["method"], r["name"])):
    acc = r["validation_accuracy"]
    mark = " **(chosen)**" if chosen.get(r["method"]) is r else ""
    lines.append(
        f"| {r['name']}{mark} | {r['epochs']} | {r['lr']:g} | "
        f"{'yes' if r['nesterov'] else 'no'} | "
        f"{'' if r['damping'] is None else format(r['damping'], 'g')} | "
        f"{'' if acc is None else format(100 * acc, '.2f') + ' %'} | "
        f"{'' if r['validation_loss'] is None else format(r['validation_loss'], '.4f')} | "
        f"{r['train_seconds']:.1f} |")
for name in diverged:
    lines.append(f"| {name} | diverged (NaN loss in epoch 1) | | | | | | |")
lines += ["", "Training seconds are not timing results: the first runs shared "
          "the machine with builds and tests (`runs.txt` gives the load)."]
lines.append("")
(out / "results.md").write_text("\n".join(lines))
(out / "chosen.json").write_text(json.dumps(chosen, indent=2) + "\n")
print("\n".join(lines))
