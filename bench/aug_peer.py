#!/usr/bin/env python3
"""Speed peer for egaml's augmented-spectrogram network (`egaml bench aug`): the same temporal CNN in PyTorch
(input 100 m/z rows + 1 position row x 80 temperature columns; five convolutions of kernel 3 with GroupNorm(8) and
GELU, strides 1-2-1-2-2, the third dilated 2 and residual; dropout and a linear head over the 10 positions), trained
with AdamW at batch 32 on random inputs of the real shape. It measures time per epoch only (egaml's epoch also renders
its inputs in Java; this peer gets them ready-made) and says nothing about quality.

With --network gru, the recurrent family instead (egaml's RecurrentNet): each column projected to the width (layer
norm, GELU), a bidirectional GRU of width/2 units each way, and a head (layer norm, dropout, linear) over the outputs
averaged in ten segments of eight columns, their maximum and the two final states.

Needs Debian's PyTorch: apt-get install -y python3-torch; run with /usr/bin/python3 right after `egaml bench aug`.
Usage: /usr/bin/python3 bench/aug_peer.py [--network tcnn|gru] [--samples 763] [--epochs 3] [--width 64] [--threads 1]
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class TemporalCnn(nn.Module):
    def __init__(self, width, dropout=0.3, channels=101, labels=10):
        super().__init__()
        specs = [(channels, 1, 1), (width, 2, 1), (width, 1, 2), (width, 2, 1), (width, 2, 1)]
        self.convs = nn.ModuleList(nn.Conv1d(c, width, 3, stride=s, padding=d, dilation=d, bias=False)
                                   for c, s, d in specs)
        self.norms = nn.ModuleList(nn.GroupNorm(8, width) for _ in specs)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(width * 10, labels)

    def block(self, k, x):
        return F.gelu(self.norms[k](self.convs[k](x)))

    def forward(self, x):
        h = self.block(0, x)
        h = self.block(1, h)
        h = self.block(2, h) + h
        h = self.block(3, h)
        h = self.block(4, h)
        return self.head(self.drop(h.flatten(1)))


class RecurrentNet(nn.Module):
    def __init__(self, width, dropout=0.3, channels=101, labels=10, segments=10):
        super().__init__()
        self.segments = segments
        self.proj = nn.Linear(channels, width)
        self.proj_norm = nn.LayerNorm(width)
        self.gru = nn.GRU(width, width // 2, batch_first=True, bidirectional=True)
        self.head_norm = nn.LayerNorm((segments + 2) * width)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear((segments + 2) * width, labels)

    def forward(self, x):
        h = F.gelu(self.proj_norm(self.proj(x.transpose(1, 2))))
        out, last = self.gru(h)
        b, t, w = out.shape
        segments = out.reshape(b, self.segments, t // self.segments, w).mean(2).flatten(1)
        features = torch.cat([segments, out.max(1).values, last.transpose(0, 1).reshape(b, w)], 1)
        return self.head(self.drop(self.head_norm(features)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--network", choices=["tcnn", "gru"], default="tcnn")
    ap.add_argument("--samples", type=int, default=763)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(a.threads)
    x = torch.rand(a.samples, 101, 80)
    y = (torch.rand(a.samples, 10) < 0.2).float()
    net = TemporalCnn(a.width) if a.network == "tcnn" else RecurrentNet(a.width)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    params = sum(p.numel() for p in net.parameters())
    times = []
    for _ in range(a.epochs):
        start = time.perf_counter()
        order = torch.randperm(a.samples)
        for i in range(0, a.samples - 31, 32):
            idx = order[i:i + 32]
            loss = F.binary_cross_entropy_with_logits(net(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
        times.append(time.perf_counter() - start)
    steps = a.samples // 32
    best = min(times)
    print(f"pytorch {torch.__version__} network={a.network} threads={a.threads} params={params} samples={a.samples} width={a.width}")
    print("epoch seconds: " + " ".join(f"{t:.2f}" for t in times)
          + f"; best {best:.2f} s/epoch, {1000 * best / steps:.1f} ms/step, {steps * 32 / best:.0f} samples/s")


if __name__ == "__main__":
    main()
