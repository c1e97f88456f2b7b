"""The reference path for FID feature extraction, for docs/PERFORMANCE.md: pytorch-fid's forward pass (its FID
variant of Inception-v3 built on torchvision's Inception3, see tools/fid_precision_check.py) under PyTorch, float32,
batches of 50 as pytorch-fid, over every PNG of a folder; prints images/s of the feature pass (decoding, resize,
forward, pooling; the weights load is timed apart).

    THREADS=2 PYTHONPATH=/tmp/tvshim:tools /tmp/tvenv/bin/python bench/fid_features_bench.py FOLDER WEIGHTS
"""
import glob
import os
import sys
import time

import numpy as np
import torch

from fid_precision_check import features, fid_inception, load


def main():
    folder, weights = sys.argv[1], sys.argv[2]
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    t0 = time.perf_counter()
    net = fid_inception(weights)
    t1 = time.perf_counter()
    files = sorted(glob.glob(os.path.join(folder, "*.png")))
    rows = []
    for i in range(0, len(files), 50):
        batch = torch.cat([load(f) for f in files[i:i + 50]])
        rows.append(features(net, batch, torch.float32)[3].numpy().astype(np.float64))
    feats = np.concatenate(rows)
    mu, sigma = feats.mean(0), np.cov(feats, rowvar=False)
    t2 = time.perf_counter()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: weights {t1 - t0:.1f} s, {len(files)} images"
          f" in {t2 - t1:.1f} s, {len(files) / (t2 - t1):.2f} images/s (mu {mu.shape}, sigma {sigma.shape})")


if __name__ == "__main__":
    main()
