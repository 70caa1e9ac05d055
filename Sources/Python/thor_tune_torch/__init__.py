"""thor-tune for PyTorch: capture Kronecker factors, profile a device and
apply a `thor-tune plan` outside the bundled trainer.

- `capture`: `FactorCapture`, `save_dump` (factor dumps for `plan`);
- `preconditioner`: `Preconditioner` (a plan's block-split damped
  inverses applied to a model's gradients);
- `profile`: `python -m thor_tune_torch.profile --device cuda` (a
  hardware profile, format version 2);
- `layers`: thor-tune's parameter layout of `nn.Linear` and `nn.Conv2d`.

Conventions are the bundled trainer's (README, "File formats and
definitions"); the checks in `Tests/Integration/` compare them with it.
"""
from .capture import FactorCapture, save_dump
from .layers import factored_modules, gradient_matrix, set_gradient
from .preconditioner import BlockInverse, Preconditioner, factor_damping

__all__ = [
    "BlockInverse", "FactorCapture", "Preconditioner", "factor_damping",
    "factored_modules", "gradient_matrix", "save_dump", "set_gradient",
]
