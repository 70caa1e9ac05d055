"""A `thor-tune plan` applied outside the bundled trainer.

Per layer, the preconditioned direction of THOR and K-FAC (Eq. 6),

    D = (G + γ_G I)⁻¹ ∇W (A + γ_A I)⁻¹,

with each factor replaced by its diagonal blocks at the plan's split
(Eq. 10: `⌊d/s⌋` blocks of `s`, then the remainder `d mod s`; `s ≥ d`
or no entry: the whole factor). The damping is added to every block and
each block is inverted by Cholesky; a block that fails gets the
trainer's jitter (from 10⁻⁶ of the factor's mean diagonal, at least
10⁻⁶, tenfold per failure, at most 8 times, kept for later updates).
`γ` follows `damping_form` as in `thor-tune train --damping-form`:
`sqrt` (`γ = √λ`, the default), `lambda` (`γ = λ`) or `pi` (factored
Tikhonov). `∇W` is `[∇W | ∇b]` in thor-tune's layout (`layers.py`).

In a K-FAC loop, after `loss.backward()` (and after the gradients and
factors are all-reduced in data-parallel training, so that every rank
holds the same; each rank then applies the same plan and gets the same
direction):

    pre = Preconditioner.from_file("plan.json", damping=0.03)
    ...
    if step % interval == 0:
        pre.update_inverses(capture.factors())
    pre.precondition(model)         # .grad now holds the directions
    optimizer.step()                # SGD with momentum, as the trainer

Momentum, weight decay and the learning rate stay with the optimizer;
the trainer adds weight decay after preconditioning (PyTorch's SGD
`weight_decay` does the same when it follows `precondition`).
"""
import json
import math

import torch

from .layers import factored_modules, gradient_matrix, set_gradient

PLAN_FORMAT, PLAN_VERSION = "thor-tune/plan", 1
JITTER_ATTEMPTS = 8


def factor_damping(form, damping, factor_a, factor_g):
    """`(γ_A, γ_G)` for `λ = damping` (`thor-tune train`'s forms)."""
    root = math.sqrt(damping)
    if form == "sqrt":
        return root, root
    if form == "lambda":
        return damping, damping
    if form == "pi":
        mean_a = float(torch.diagonal(factor_a).double().sum()) / max(
            factor_a.shape[0], 1)
        mean_g = float(torch.diagonal(factor_g).double().sum()) / max(
            factor_g.shape[0], 1)
        ok = all(math.isfinite(v) and v > 0 for v in (mean_a, mean_g))
        if not ok:
            return root, root
        pi = math.sqrt(mean_a / mean_g)
        return pi * root, root / pi
    raise ValueError(f"unknown damping form '{form}' "
                     "(expected sqrt, lambda or pi)")


class BlockInverse:
    """`(X + γI)⁻¹` of a factor cut into diagonal blocks of `split`:
    `full` holds the `⌊d/s⌋` inverted `s`-blocks `(k, s, s)`, `rest` the
    inverted remainder block (or None). Split 1 keeps a vector."""

    def __init__(self, dim, split, full, rest):
        self.dim, self.split, self.full, self.rest = dim, split, full, rest

    @staticmethod
    def invert(factor, split, damping, method="cholesky"):
        """Inverts the damped diagonal blocks of `factor` (square);
        raises `torch.linalg.LinAlgError` when a block is not positive
        definite (see `Preconditioner` for the jitter)."""
        d = factor.shape[0]
        s = max(1, min(int(split), d))
        k, r = d // s, d % s
        if s == 1:
            diag = torch.diagonal(factor) + damping
            if bool((diag <= 0).any()):
                raise torch.linalg.LinAlgError("non-positive diagonal")
            return BlockInverse(d, 1, 1 / diag, None)
        head = factor[: k * s, : k * s]
        blocks = head.reshape(k, s, k, s).diagonal(dim1=0, dim2=2)
        blocks = blocks.permute(2, 0, 1)                  # (k, s, s)
        full = invert_spd(blocks, damping, method)
        rest = None
        if r:
            rest = invert_spd(factor[k * s:, k * s:][None], damping,
                              method)[0]
        return BlockInverse(d, s, full, rest)

    def right(self, x):
        """`x · B` for `x` of `(m, dim)` (an `A` factor)."""
        if self.split == 1:
            return x * self.full
        k, s = self.full.shape[0], self.split
        m = x.shape[0]
        head = torch.matmul(x[:, : k * s].reshape(m, k, s).transpose(0, 1),
                            self.full)                    # (k, m, s)
        out = head.transpose(0, 1).reshape(m, k * s)
        if self.rest is not None:
            out = torch.cat([out, x[:, k * s:] @ self.rest], 1)
        return out

    def left(self, x):
        """`B · x` for `x` of `(dim, m)` (a `G` factor)."""
        if self.split == 1:
            return self.full[:, None] * x
        k, s = self.full.shape[0], self.split
        m = x.shape[1]
        out = torch.matmul(self.full, x[: k * s].reshape(k, s, m))
        out = out.reshape(k * s, m)
        if self.rest is not None:
            out = torch.cat([out, self.rest @ x[k * s:]], 0)
        return out


def invert_spd(blocks, damping, method="cholesky"):
    """Inverses of the batch `blocks + damping·I` (`(k, n, n)`, SPD)."""
    n = blocks.shape[-1]
    eye = torch.eye(n, dtype=blocks.dtype, device=blocks.device)
    return inverse_spd(blocks + damping * eye, method)


def inverse_spd(blocks, method="cholesky"):
    """Inverses of the SPD batch `blocks` (`(k, n, n)`): Cholesky
    (`cholesky_ex` + `cholesky_inverse`, what the step runs), `lu`
    (`linalg.inv`) or `eigh`; what `profile.py` times."""
    if method == "cholesky":
        lower, info = torch.linalg.cholesky_ex(blocks)
        if bool((info != 0).any()):
            raise torch.linalg.LinAlgError(
                f"Cholesky failed (leading minor {int(info.max())})")
        return torch.cholesky_inverse(lower)
    if method == "lu":
        return torch.linalg.inv(blocks)
    if method == "eigh":
        w, v = torch.linalg.eigh(blocks)
        return (v / w[..., None, :]) @ v.transpose(-1, -2)
    raise ValueError(f"unknown method '{method}' (cholesky, lu or eigh)")


class Preconditioner:
    """Applies a plan's block-split damped inverses to gradients.

    `splits` maps a layer name to `(split_A, split_G)`; layers it lacks
    are not split. `damping` is `λ`, `damping_form` how it becomes `γ`.
    `dims` (from a plan) maps a layer to its planned `(d_A, d_G)`:
    unless `partial`, the factors must then name exactly those layers,
    as `thor-tune train --plan` requires (`--plan-partial`).
    """

    def __init__(self, splits, damping=0.03, damping_form="sqrt",
                 dims=None, partial=False):
        factor_damping(damping_form, damping, torch.eye(1), torch.eye(1))
        if not damping > 0:
            raise ValueError(f"damping must be positive, got {damping}")
        self.splits = dict(splits)
        self.dims, self.partial = dict(dims or {}), partial
        self.damping, self.damping_form = damping, damping_form
        self.inverses = {}        # layer -> (BlockInverse A, BlockInverse G)
        self.jitter = {}          # "<layer>.A" -> jitter kept
        self.notes = []

    @classmethod
    def from_plan(cls, plan, **kwargs):
        """From a decoded `plan.json` (format `thor-tune/plan` version 1):
        each layer's `A.split` and `G.split` (an absent factor: no
        split)."""
        fmt, version = plan.get("format"), plan.get("version")
        if fmt != PLAN_FORMAT or version != PLAN_VERSION:
            raise ValueError(f"unknown plan format '{fmt}' version "
                             f"{version} (expected '{PLAN_FORMAT}' "
                             f"version {PLAN_VERSION})")
        splits = {}
        for layer in plan["layers"]:
            pair = []
            for side in ("A", "G"):
                entry = layer.get(side)
                split = math.inf if entry is None else int(entry["split"])
                if split < 1:
                    raise ValueError(f"layer '{layer['name']}' factor "
                                     f"{side} has split {split}")
                pair.append(split)
            splits[layer["name"]] = tuple(pair)
        dims = {layer["name"]: tuple(layer[s]["dim"] if layer.get(s)
                                     else None for s in ("A", "G"))
                for layer in plan["layers"]}
        return cls(splits, dims=dims, **kwargs)

    @classmethod
    def from_file(cls, path, **kwargs):
        """`from_plan` of the JSON file at `path`."""
        with open(path) as f:
            return cls.from_plan(json.load(f), **kwargs)

    def update_inverses(self, factors, damping=None):
        """Recomputes every layer's inverses from `factors`
        (`{"<layer>.A": ..., "<layer>.G": ...}`, thor-tune's order, as
        `FactorCapture.factors()` returns them); `damping` replaces `λ`
        (a damping schedule)."""
        if damping is not None:
            self.damping = damping
        names = sorted({k.rsplit(".", 1)[0] for k in factors})
        if self.dims and not self.partial and set(names) != set(self.dims):
            raise ValueError(
                "the plan's layers differ from the factors': plan only "
                f"{sorted(set(self.dims) - set(names))}, factors only "
                f"{sorted(set(names) - set(self.dims))} (partial=True "
                "accepts; unplanned layers are not split)")
        for name in names:
            a, g = factors[f"{name}.A"], factors[f"{name}.G"]
            dims = self.dims.get(name, (None, None))
            for side, dim, f in zip("AG", dims, (a, g)):
                if dim is not None and dim != f.shape[0]:
                    raise ValueError(
                        f"layer '{name}' factor {side} has dimension "
                        f"{f.shape[0]}, the plan says {dim}")
            ga, gg = factor_damping(self.damping_form, self.damping, a, g)
            sa, sg = self.splits.get(name, (math.inf, math.inf))
            self.inverses[name] = (
                self._invert(a, sa, ga, f"{name}.A"),
                self._invert(g, sg, gg, f"{name}.G"))

    def _invert(self, factor, split, damping, label):
        if not bool(torch.isfinite(factor).all()):
            raise ValueError(f"Kronecker factor {label} holds NaN or "
                             "infinite values")
        jitter = self.jitter.get(label, 0.0)
        split = factor.shape[0] if math.isinf(split) else split
        error = None
        for _ in range(JITTER_ATTEMPTS + 1):
            # The trainer adds γ + jitter in the factor's precision.
            shift = float(torch.tensor(damping, dtype=factor.dtype)
                          + jitter)
            try:
                inverse = BlockInverse.invert(factor, split, shift)
                self.jitter[label] = jitter
                return inverse
            except torch.linalg.LinAlgError as e:
                error = e
                scale = max(float(torch.diagonal(factor).sum())
                            / max(factor.shape[0], 1), 1.0)
                jitter = 1e-6 * scale if jitter == 0 else jitter * 10
                self.notes.append(f"{label}: Cholesky failed ({e}); "
                                  f"jitter raised to {jitter}")
        raise ValueError(f"Kronecker factor {label} cannot be inverted "
                         f"even with jitter: {error}")

    def direction(self, name, gradient):
        """`(G + γI)⁻¹ gradient (A + γI)⁻¹` for a `d_G x d_A` matrix."""
        inverse_a, inverse_g = self.inverses[name]
        return inverse_a.right(inverse_g.left(gradient))

    def precondition(self, model):
        """Replaces the `.grad` of every layer with inverses by its
        preconditioned direction; returns `Σ ⟨D, ∇⟩` (what KL clipping
        needs)."""
        progress = 0.0
        for name, module in factored_modules(model):
            if name not in self.inverses or module.weight.grad is None:
                continue
            g = gradient_matrix(module)
            d = self.direction(name, g.to(self.inverses[name][0].full))
            progress += float((d.double() * g.double()).sum())
            set_gradient(module, d.to(g.dtype))
        return progress
