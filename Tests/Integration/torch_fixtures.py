"""What the PyTorch checks share: Fashion-MNIST's first images, PyTorch
twins of the trainer's models and a factor dump from `thor-tune train`.

The twins compute what `thor-tune train --model cnn` (or `mlp:...`)
computes: layers named as the trainer names them, and the features
flattened in (row, column, channel) order, as the trainer stores images
(its dense weights read them so; `--init-weights` takes PyTorch's
`[C_out, C_in, k, k]` convolution weights and reorders them itself).
"""
import gzip
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
sys.path.insert(0, os.path.join(ROOT, "Sources/Python"))
DATA = "/usr/share/datasets/fashion-mnist"
MEAN, STD = 0.2860, 0.3530          # the trainer's normalization
BATCH = 128


def images(n=BATCH):
    """The first `n` training images, `(n, 1, 28, 28)` float64."""
    with gzip.open(f"{DATA}/train-images-idx3-ubyte.gz") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    pixels = raw[: n * 784].reshape(n, 1, 28, 28).astype(np.float64)
    return torch.from_numpy((pixels / 255 - MEAN) / STD)


def labels(n=BATCH):
    with gzip.open(f"{DATA}/train-labels-idx1-ubyte.gz") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    return torch.from_numpy(raw[:n].astype(np.int64))


class CNN(nn.Module):
    """`thor-tune train --model cnn`: 5x5 conv 1→32 (pad 2), ReLU,
    2x2 max-pool, 5x5 conv 32→64, ReLU, pool, dense 3136→256, ReLU,
    dense 256→10."""
    spec = "cnn"

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 5, padding=2)
        self.conv2 = nn.Conv2d(32, 64, 5, padding=2)
        self.fc1 = nn.Linear(3136, 256)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.permute(0, 2, 3, 1).flatten(1)        # (row, column, channel)
        return self.fc2(F.relu(self.fc1(x)))


class MLP(nn.Module):
    """`thor-tune train --model mlp:784,64,32,10`."""
    spec = "mlp:784,64,32,10"

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 64)
        self.fc2 = nn.Linear(64, 32)
        self.fc3 = nn.Linear(32, 10)

    def forward(self, x):
        x = x.flatten(1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def make(model_class, seed=7):
    """The model with PyTorch's default initialization from `seed`."""
    torch.manual_seed(seed)
    return model_class()


def save_weights(model, path):
    """`model`'s parameters as float32 safetensors (`--init-weights`)."""
    save_file({k: v.detach().float().contiguous()
               for k, v in model.state_dict().items()}, path)


def run(args):
    """Runs a thor-tune command quietly; its stderr and exit status on
    failure."""
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:2])} failed ({done.returncode}):\n"
                 f"{done.stderr}")
    return done


def train_dump(binary, spec, weights, dump):
    """The factors `thor-tune train` captures at step 0 of K-FAC from
    `weights` on the first `BATCH` images (one batch: the factors are
    averages over it, so the trainer's shuffled order does not matter)."""
    run([binary, "train", "--model", spec, "--optimizer", "kfac",
         "--epochs", "1", "--train-subset", str(BATCH), "--batch-size",
         str(BATCH), "--test-subset", "16", "--init-weights", weights,
         "--dump-factors", dump, "--dump-at", "0", "--threads", "1"])
