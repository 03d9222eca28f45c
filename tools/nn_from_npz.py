#!/usr/bin/env python3
"""Load the networks of an `egaml export-nn` folder into PyTorch and check they reproduce egaml's logits.

Needs Debian's PyTorch (apt-get install python3-torch) and NumPy; run with /usr/bin/python3:

    ./egaml export-nn --model MODEL_DIR --data RUNS_DIR --out export
    /usr/bin/python3 tools/nn_from_npz.py export            # checks every network, exit 1 if off by more than 1e-5

As a library: `net = load_network(export_dir, snapshot_entry)` gives a torch.nn.Module whose forward takes
x[sample, scaling, m/z, temperature] (the export's inputs_cK.npz) and returns the ten logits. The layout it
implements is the one described in nn_export.json ("layout"), i.e. method.md section 5.1.
"""
import argparse
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

DILATIONS = (1, 2, 5, 10, 20, 50, 100)


def same_pad(length, stride, kernel, dilation):
    """TensorFlow-style 'same' padding: (left, right), the extra element on the right."""
    out = math.ceil(length / stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - length, 0)
    return total // 2, total - total // 2


class ExportedNet(torch.nn.Module):
    """The reference network at prediction time (no dropout; the activation at its mean slope)."""

    def __init__(self, arrays, scalings, negative_slope, dtype=torch.float32, eps=1e-5):
        super().__init__()
        self.scalings = scalings
        self.slope = negative_slope
        self.eps = eps
        self.p = {k: torch.from_numpy(np.array(v)).to(dtype) for k, v in arrays.items()}

    def act(self, x):
        return F.leaky_relu(x, self.slope)

    def forward(self, x):
        p = self.p
        b, c, m, t = x.shape
        series = x.reshape(b * c * m, 1, t)
        stems = []
        for d in DILATIONS:
            left, right = same_pad(t, 2, 3, d)
            stems.append(F.conv1d(F.pad(series, [left, right]), p[f"stem_d{d}"], stride=2, dilation=d))
        h = torch.stack(stems)                                           # [7, B*C*M, 8, T/2]
        h = h.reshape(len(DILATIONS), b, c, m, 8, -1)                    # (dilation, sample, scaling, m/z, filter, pos)
        h = h.permute(1, 3, 0, 2, 4, 5).reshape(b * m, len(DILATIONS) * c * 8, -1)  # channels (dilation, scaling, filter)
        h = self.act(F.group_norm(h, len(DILATIONS), p["norm1_gamma"], p["norm1_beta"], eps=self.eps))
        left, right = same_pad(h.shape[-1], 2, 3, 1)
        h = F.conv1d(F.pad(h, [left, right]), p["conv2"], stride=2)      # [B*M, 16, T/4]
        h = self.act(F.group_norm(h, 8, p["norm2_gamma"], p["norm2_beta"], eps=self.eps))
        positions = h.shape[-1]
        z = h.reshape(b, m, 16, positions).permute(0, 2, 3, 1).reshape(-1, m)  # rows (sample, channel, position)
        z = z @ p["ion_linear"].T                                        # [B*16*pos, 256]
        z = self.act(F.group_norm(z, 8, p["norm3_gamma"], p["norm3_beta"], eps=self.eps))
        return z.reshape(b, -1) @ p["head_weight"].T + p["head_bias"]


def load_network(export_dir, snapshot, manifest=None, dtype=torch.float32):
    if manifest is None:
        with open(os.path.join(export_dir, "nn_export.json")) as f:
            manifest = json.load(f)
    config = manifest["configurations"][snapshot["configuration"]]
    with np.load(os.path.join(export_dir, snapshot["weights"])) as arrays:
        return ExportedNet({k: arrays[k] for k in arrays.files}, config["scalings"], config["negativeSlopeAtPrediction"],
                           dtype, config.get("groupNormEpsilon", 1e-5))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("export", help="folder written by `egaml export-nn --data ...`")
    ap.add_argument("--tolerance", type=float, default=1e-5,
                    help="largest allowed |PyTorch - egaml| / max(1, |egaml|) of a logit (default 1e-5)")
    ap.add_argument("--float32", action="store_true",
                    help="compute in float32 and compare with egaml's float32 predictions (default: float64, compared "
                         "with egaml's own arrangement computed in float64, i.e. the same function without rounding; "
                         "two float32 computations of this network differ by up to ~1e-4)")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(os.path.join(a.export, "nn_export.json")) as f:
        manifest = json.load(f)
    if "expectedLogits" not in manifest:
        sys.exit(f"{a.export}: exported without --data, so there are no inputs and logits to check against")
    expected = np.load(os.path.join(a.export, manifest["expectedLogits"]))
    exact = np.load(os.path.join(a.export, manifest["expectedLogitsFloat64"])) if not a.float32 else None
    dtype = torch.float32 if a.float32 else torch.float64
    inputs = {}
    worst = worst_abs = worst_rounding = 0.0
    with torch.no_grad():
        for snap in manifest["snapshots"]:
            c = snap["configuration"]
            if c not in inputs:
                with np.load(os.path.join(a.export, manifest["configurations"][c]["inputs"])) as x:
                    inputs[c] = torch.from_numpy(x["x"]).to(dtype)
            logits = load_network(a.export, snap, manifest, dtype)(inputs[c]).numpy()
            predicted = expected[snap["name"]].astype(np.float64)
            ours = predicted if a.float32 else exact[snap["name"]]
            absolute = np.abs(logits - ours)
            relative = float(np.max(absolute / np.maximum(1.0, np.abs(ours))))
            rounding = float(np.max(np.abs(predicted - logits)))
            worst, worst_abs = max(worst, relative), max(worst_abs, float(absolute.max()))
            worst_rounding = max(worst_rounding, rounding)
            print(f"{snap['name']}: {logits.shape[0]} runs, |logit| up to {np.abs(ours).max():.3g}, "
                  f"max |PyTorch - egaml| = {absolute.max():.3g}, relative to max(1, |logit|) {relative:.3g}; "
                  f"egaml's float32 prediction differs by {rounding:.3g}")
    n = len(manifest["snapshots"])
    print(f"pytorch {torch.__version__} ({'float32' if a.float32 else 'float64'}): {n} networks, largest difference "
          f"from egaml's {'float32' if a.float32 else 'float64'} logits {worst_abs:.3g}, relative {worst:.3g} "
          f"(tolerance {a.tolerance:g}); egaml's float32 predictions within {worst_rounding:.3g} of these logits")
    sys.exit(0 if worst <= a.tolerance else 1)


if __name__ == "__main__":
    main()
