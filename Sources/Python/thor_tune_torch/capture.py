"""Kronecker factors of a PyTorch model in thor-tune's conventions.

For every `nn.Linear` and `nn.Conv2d` (README, "Capturing factors"):

- `<layer>.A`: the mean over samples and output positions of `a aᵀ`,
  `a` the layer input (a convolution's im2col patch, in thor-tune's
  (row, column, channel) order) with a 1 appended for the bias;
- `<layer>.G`: the sum over positions of `g gᵀ`, averaged over samples,
  `g` the gradient of the sample's own loss w.r.t. the layer's output
  (the empirical Fisher, as the trainer and MindSpore's THOR use).

The loss must be the batch MEAN of per-sample losses (PyTorch's default
`reduction="mean"`): the output gradients are scaled by the batch size.
Several batches are averaged equally, or as the trainer's running
average `X ← δX + (1−δ)X̂` with `decay=δ`.

    capture = FactorCapture(model)
    for x, y in batches:
        model.zero_grad()
        F.cross_entropy(model(x), y).backward()
    save_dump(capture.factors(), "dump.safetensors", damping=0.03)
    capture.remove()

Hooks record during training passes only (`torch.is_grad_enabled()`);
an in-place operation on a hooked layer's output is not supported.
"""
import torch
from safetensors.torch import save_file

from .layers import factored_modules, layer_inputs, output_rows


class FactorCapture:
    """Forward hooks on every factored module of `model` (or the
    `(name, module)` pairs given) that accumulate `A` and `G` in `dtype`
    (default: each layer's own). `enabled = False` pauses recording (the
    trainer records only at inverse updates)."""

    def __init__(self, model, modules=None, dtype=None, decay=None):
        if decay is not None and not 0 <= decay < 1:
            raise ValueError(f"decay must be in [0, 1), got {decay}")
        self.dtype, self.decay = dtype, decay
        self.enabled = True
        self._estimates = {}          # name -> {"A": [sum, n], "G": ...}
        self._handles = []
        pairs = list(modules if modules is not None
                     else factored_modules(model))
        if not pairs:
            raise ValueError("the model has no nn.Linear or nn.Conv2d")
        for name, module in pairs:
            self._handles.append(
                module.register_forward_hook(self._forward(name)))

    def _fold(self, name, side, value):
        entry = self._estimates.setdefault(name, {}).get(side)
        if entry is None:
            self._estimates[name][side] = [value, 1]
        elif self.decay is None:
            entry[0] += value
            entry[1] += 1
        else:
            entry[0] = self.decay * entry[0] + (1 - self.decay) * value

    def _forward(self, name):
        def hook(module, inputs, output):
            if not (self.enabled and torch.is_grad_enabled()):
                return
            x = inputs[0].detach()
            if self.dtype is not None:
                x = x.to(self.dtype)
            a = layer_inputs(module, x)
            self._fold(name, "A", a.T @ a / a.shape[0])
            if output.requires_grad:
                output.register_hook(self._backward(name, x.shape[0]))
        return hook

    def _backward(self, name, samples):
        def hook(grad):
            g = grad.detach()
            if self.dtype is not None:
                g = g.to(self.dtype)
            g = output_rows(g) * samples      # per-sample loss gradients
            self._fold(name, "G", g.T @ g / samples)
        return hook

    def factors(self):
        """`{"<layer>.A": tensor, "<layer>.G": tensor, ...}` for the
        layers with both factors recorded."""
        result = {}
        for name, sides in self._estimates.items():
            if "A" not in sides or "G" not in sides:
                continue
            for side in ("A", "G"):
                total, count = sides[side]
                value = total / count if self.decay is None else total
                result[f"{name}.{side}"] = value.detach().clone()
        return result

    def reset(self):
        """Forgets every estimate."""
        self._estimates = {}

    def remove(self):
        """Removes the hooks."""
        for handle in self._handles:
            handle.remove()
        self._handles = []


def save_dump(factors, path, damping=None, damping_form="sqrt",
              metadata=None):
    """Writes `factors` as a thor-tune factor dump (F32, symmetrized):
    `damping` (λ) and `damping_form` (`sqrt`, `lambda`) are what `plan`
    measures the update change at."""
    meta = {"format": "thor-tune/factors", "source": "thor_tune_torch"}
    if damping is not None:
        meta["damping"] = str(float(damping))
        meta["damping_form"] = damping_form
    meta.update(metadata or {})
    tensors = {}
    for name, value in factors.items():
        value = value.detach().to("cpu", torch.float64)
        tensors[name] = ((value + value.T) / 2).float().contiguous()
    save_file(tensors, path, metadata=meta)
