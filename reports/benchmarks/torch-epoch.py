"""Times one SGD-momentum epoch of thor-tune's `mlp` or `cnn` preset in
PyTorch on the 60,000 Fashion-MNIST training images (batch 128, shuffled
with a seeded generator, pixels normalized with mean 0.2860 and std
0.3530 as thor-tune does). Loading the data, building the model and
evaluation are outside the timed region. Prints one line of JSON:
{"model", "epoch_seconds", "train_loss", "threads", "torch"}.

Usage: python torch-epoch.py MODEL [--data DIR] [--threads 2] [--lr 0.02]
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
from torch import nn


def idx(path):
    with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big")
             for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, stem):
    for name in (stem, stem + ".gz"):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise SystemExit(f"{stem} not found in {folder}")


def model(name):
    """The ModelSpec presets (Sources/ThorTraining/Models/ModelSpec.swift)."""
    if name == "mlp":
        return nn.Sequential(
            nn.Flatten(), nn.Linear(784, 512), nn.ReLU(),
            nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 256), nn.ReLU(), nn.Linear(256, 10))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model", choices=["mlp", "cnn"])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--lr", type=float, default=0.02)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images = idx(find(a.data, "train-images-idx3-ubyte"))
    labels = idx(find(a.data, "train-labels-idx1-ubyte"))
    x = torch.from_numpy(
        (images.astype(np.float32) / 255 - 0.2860) / 0.3530).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    net = model(a.model)
    opt = torch.optim.SGD(net.parameters(), lr=a.lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(1))
    net.train()
    loss_sum = 0.0
    start = time.perf_counter()
    for first in range(0, len(x), a.batch_size):
        batch = order[first:first + a.batch_size]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x[batch]), y[batch])
        loss.backward()
        opt.step()
        loss_sum += loss.item() * len(batch)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "model": a.model, "epoch_seconds": round(seconds, 3),
        "train_loss": round(loss_sum / len(x), 4),
        "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
