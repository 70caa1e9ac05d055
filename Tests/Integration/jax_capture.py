"""Kronecker factors of a JAX MLP in thor-tune's conventions.

`mlp_factors(params, x, labels)` returns, for every dense layer
`y = a @ W.T + b` (PyTorch layout: `W` is `[d_out, d_in]`):

- `<layer>.A`: the mean over samples of `[a; 1][a; 1]^T` (the input with a
  bias 1 appended), dimension `d_in + 1`;
- `<layer>.G`: the mean over samples of `g g^T`, `g = d loss_n / d y_n`, the
  gradient of the sample's own cross-entropy loss (the empirical Fisher,
  as thor-tune's trainer and MindSpore's THOR use), dimension `d_out`.

`save_dump(factors, path, damping=0.03)` writes them as a factor dump that
`thor-tune plan --factors` reads. Layers are named `fc1`, `fc2`, ... as in
`thor-tune train --model mlp`; ReLU between them, none after the last.
"""
import jax
import jax.numpy as jnp
import numpy as np


def forward(params, x, perturbations):
    """Logits, with `perturbations[i]` added to layer i's output (zero: they
    only make the per-sample output gradients visible to `jax.grad`)."""
    a = x
    inputs = []
    for i, (w, b) in enumerate(params):
        inputs.append(a)
        y = a @ w.T + b + perturbations[i]
        a = jax.nn.relu(y) if i < len(params) - 1 else y
    return a, inputs


def mlp_factors(params, x, labels):
    """`{"fc1.A": ..., "fc1.G": ..., ...}` as float64 NumPy arrays."""
    n = x.shape[0]
    zeros = [jnp.zeros((n, w.shape[0])) for w, _ in params]

    def summed_loss(perturbations):
        logits, _ = forward(params, x, perturbations)
        logp = jax.nn.log_softmax(logits)
        return -jnp.sum(logp[jnp.arange(n), labels])

    # The summed loss: row n of each gradient is d loss_n / d y_n.
    grads = jax.grad(summed_loss)(zeros)
    _, inputs = forward(params, x, zeros)
    factors = {}
    for i, (a, g) in enumerate(zip(inputs, grads)):
        a1 = jnp.concatenate([a, jnp.ones((n, 1))], axis=1)
        factors[f"fc{i + 1}.A"] = np.asarray(a1.T @ a1 / n, dtype=np.float64)
        factors[f"fc{i + 1}.G"] = np.asarray(g.T @ g / n, dtype=np.float64)
    return factors


def save_dump(factors, path, damping=0.03):
    """Writes `factors` as a thor-tune factor dump (F32)."""
    from safetensors.numpy import save_file
    save_file(
        {k: v.astype(np.float32) for k, v in factors.items()}, path,
        metadata={"format": "thor-tune/factors", "damping": str(damping),
                  "damping_form": "sqrt", "source": "jax_capture.py"})
