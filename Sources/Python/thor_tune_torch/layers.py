"""thor-tune's parameter layout of `nn.Linear` and `nn.Conv2d`.

A layer's parameters are one matrix `[W | b]` of `d_out x d_in` (`+ 1`
with a bias, the last column): the `G` factor's dimension by the `A`
factor's. For a convolution `d_in = k_h * k_w * C_in` in (kernel row,
kernel column, channel) order, channel fastest, as the trainer's im2col
patches (PyTorch's `unfold` gives (channel, row, column)). Factors,
gradients and preconditioned directions all use this order, so a plan's
blocks mean the same here as in `thor-tune train`.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def factored_modules(model):
    """`(name, module)` of every `nn.Linear` and `nn.Conv2d` (`groups=1`)
    of `model`, named by module path as dumps and plans name layers."""
    for name, module in model.named_modules():
        if isinstance(module, nn.Linear):
            yield name, module
        elif isinstance(module, nn.Conv2d):
            if module.groups != 1:
                raise ValueError(f"{name}: grouped convolutions have no "
                                 "single Kronecker factor pair")
            yield name, module


def layer_inputs(module, x):
    """The rows `a` of `A = mean(a aᵀ)`: `x` itself for a linear layer
    (leading dimensions flattened), every im2col patch of `x` in
    thor-tune's order for a convolution; a column of ones with a bias."""
    if isinstance(module, nn.Conv2d):
        n, c = x.shape[0], x.shape[1]
        kh, kw = module.kernel_size
        if isinstance(module.padding, str):
            raise ValueError("string padding is not supported; give sizes")
        p = F.unfold(x, module.kernel_size, module.dilation, module.padding,
                     module.stride)                    # (n, c*kh*kw, L)
        p = p.view(n, c, kh, kw, -1).permute(0, 4, 2, 3, 1)
        a = p.reshape(-1, kh * kw * c)
    else:
        a = x.reshape(-1, x.shape[-1])
    if module.bias is not None:
        a = torch.cat([a, a.new_ones(a.shape[0], 1)], 1)
    return a


def output_rows(g):
    """`(samples * positions, d_out)` rows of an output gradient."""
    if g.dim() == 4:                                  # (n, C_out, h, w)
        return g.permute(0, 2, 3, 1).reshape(-1, g.shape[1])
    return g.reshape(-1, g.shape[-1])


def weight_matrix(module, weight, bias):
    """`[W | b]` in thor-tune's layout from tensors shaped like the
    module's `weight` and `bias` (`bias` None when it has none)."""
    if isinstance(module, nn.Conv2d):
        w = weight.permute(0, 2, 3, 1).reshape(weight.shape[0], -1)
    else:
        w = weight
    return w if bias is None else torch.cat([w, bias[:, None]], 1)


def split_matrix(module, matrix):
    """The inverse of `weight_matrix`: `(weight, bias)` shaped like the
    module's parameters (`bias` None when it has none)."""
    weight = module.weight
    if module.bias is not None:
        matrix, bias = matrix[:, :-1], matrix[:, -1]
    else:
        bias = None
    if isinstance(module, nn.Conv2d):
        c_out, c_in, kh, kw = weight.shape
        matrix = matrix.reshape(c_out, kh, kw, c_in).permute(0, 3, 1, 2)
    return matrix.reshape(weight.shape), bias


def gradient_matrix(module):
    """The module's gradient `[∇W | ∇b]` in thor-tune's layout."""
    bias = None if module.bias is None else module.bias.grad
    return weight_matrix(module, module.weight.grad, bias)


def set_gradient(module, matrix):
    """Writes `matrix` (thor-tune's layout) into the module's `.grad`."""
    weight, bias = split_matrix(module, matrix)
    module.weight.grad.copy_(weight)
    if bias is not None:
        module.bias.grad.copy_(bias)
