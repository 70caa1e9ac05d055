#!/usr/bin/env python3
"""The paper's ablation: THOR_tr, THOR_fre, THOR_sp against plain K-FAC.

Each variant is trained for the same short run (same steps, seed and data
order). Its JSONL log gives the training seconds and the part spent
estimating factors (factor_seconds) and inverting them (inverse_seconds),
and per layer how many inverse-update points updated, skipped or froze.
From these, per variant:

  b = (epoch - factor - inverse - precondition seconds) / steps
  p = precondition seconds / steps      (applying the inverses, each step)
  c = (factor + inverse seconds) / update points

and the training time of N full epochs of S steps is extrapolated as

  T_N = sum over epochs e < N of  (b + p) * S + c * S / interval(e)

with interval(e) from the variant's schedule. So the growing interval
(10, 50, 200 steps) is credited for its later, rarer updates; the trace
rule's skip rate of the measured run is assumed to hold later
(conservative: the trace change rate falls as training goes on); the split
shows in c and p. Because the base b (forward, backward, the update) is the
same work for every variant but is measured under a shared, noisy machine,
the table also gives T_N with the baseline's b for all (the "same base"
columns), which isolates the second-order savings. The speed-up is
T_N(K-FAC) / T_N(variant) - 1; time saved is 1 - T_N(variant) / T_N(K-FAC).

Usage: ablation.py --steps-per-epoch 469 --json out.json \
         NAME=LOG=SCHEDULE ...   (SCHEDULE: N or EPOCH:N,EPOCH:N,...)
The first NAME is the baseline.
"""
import argparse
import json
import sys


def interval(schedule, epoch):
    steps = [tuple(map(int, part.split(":"))) if ":" in part else (0, int(part))
             for part in schedule.split(",")]
    current = None
    for start, n in sorted(steps):
        if start <= epoch:
            current = n
    if current is None:
        sys.exit(f"schedule '{schedule}' has no interval for epoch {epoch}")
    return current


def costs(rows, schedule):
    """(seconds per step outside curvature, seconds per update point)."""
    steps = points = base = curvature = precondition = 0.0
    for r in rows:
        n = r["steps"]
        steps += n
        decided = [sum(d.values()) for d in r.get("layers", {}).values()]
        points += max(decided) if decided else n / interval(
            schedule, r["epoch"] - 1)
        curve = r["factor_seconds"] + r["inverse_seconds"]
        curvature += curve
        precondition += r["precondition_seconds"]
        base += r["epoch_seconds"] - curve - r["precondition_seconds"]
    return base / steps, precondition / steps, curvature / points


def extrapolate(base, per_step, per_point, schedule, steps, epochs):
    return sum((base + per_step) * steps
               + per_point * steps / interval(schedule, e)
               for e in range(epochs))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="+", metavar="NAME=LOG=SCHEDULE")
    parser.add_argument("--steps-per-epoch", type=int, required=True,
                        help="steps of a full epoch to extrapolate to")
    parser.add_argument("--measured-steps", type=int, required=True,
                        help="steps per epoch of the measured runs")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()
    results = []
    for spec in args.runs:
        try:
            name, log, schedule = spec.split("=")
        except ValueError:
            sys.exit(f"expected NAME=LOG=SCHEDULE, got '{spec}'")
        rows = [json.loads(line) for line in open(log) if line.strip()]
        if not rows:
            sys.exit(f"{log}: no epochs logged")
        for r in rows:
            r["steps"] = args.measured_steps
        base, per_step, per_point = costs(rows, schedule)
        decisions = {"updated": 0, "skipped": 0, "frozen": 0}
        for r in rows:
            for layer in r.get("layers", {}).values():
                for k in decisions:
                    decisions[k] += layer.get(k, 0)
        results.append({
            "name": name, "log": log, "schedule": schedule,
            "measured_epochs": len(rows),
            "epoch_seconds": [r["epoch_seconds"] for r in rows],
            "factor_seconds": [r["factor_seconds"] for r in rows],
            "inverse_seconds": [r["inverse_seconds"] for r in rows],
            "test_accuracy": [r["test_accuracy"] for r in rows],
            "layer_decisions": decisions,
            "base_seconds_per_step": base,
            "precondition_seconds_per_step": per_step,
            "curvature_seconds_per_point": per_point})
    shared = results[0]["base_seconds_per_step"]
    for r in results:
        r["tn_seconds"] = extrapolate(
            r["base_seconds_per_step"], r["precondition_seconds_per_step"],
            r["curvature_seconds_per_point"], r["schedule"],
            args.steps_per_epoch, args.epochs)
        r["tn_seconds_same_base"] = extrapolate(
            shared, r["precondition_seconds_per_step"],
            r["curvature_seconds_per_point"], r["schedule"],
            args.steps_per_epoch, args.epochs)
    base = results[0]["tn_seconds"]
    same = results[0]["tn_seconds_same_base"]
    n = args.epochs
    print(f"| variant | inverse interval | measured s | base s/step | "
          f"precondition s/step | curvature s/point | layer inversions (skipped) | test acc | "
          f"T{n} s | speed-up | T{n} s, same base | speed-up, same base |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        r["speedup"] = base / r["tn_seconds"] - 1
        r["time_saved"] = 1 - r["tn_seconds"] / base
        r["speedup_same_base"] = same / r["tn_seconds_same_base"] - 1
        r["time_saved_same_base"] = 1 - r["tn_seconds_same_base"] / same
        d = r["layer_decisions"]
        secs = ", ".join(f"{s:.1f}" for s in r["epoch_seconds"])
        acc = ", ".join(f"{a:.2%}" for a in r["test_accuracy"])
        print(f"| {r['name']} | {r['schedule']} | {secs} | "
              f"{r['base_seconds_per_step']:.3f} | "
              f"{r['precondition_seconds_per_step']:.3f} | "
              f"{r['curvature_seconds_per_point']:.3f} | "
              f"{d['updated']} ({d['skipped'] + d['frozen']}) | {acc} | "
              f"{r['tn_seconds']:.0f} | {r['speedup']:+.1%} | "
              f"{r['tn_seconds_same_base']:.0f} | "
              f"{r['speedup_same_base']:+.1%} |")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"steps_per_epoch": args.steps_per_epoch,
                       "measured_steps": args.measured_steps,
                       "epochs": args.epochs, "runs": results}, out, indent=1)


if __name__ == "__main__":
    main()
