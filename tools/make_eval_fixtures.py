"""Makes the SSIM/PSNR and KID fixtures of transmute-core's eval tests with scikit-image and numpy.

Writes transmute-core/src/test/resources/fixtures/eval/paired/: pairs of PNG images (a_<i>.png, b_<i>.png) and
paired.json with scikit-image's structural_similarity (gaussian_weights=True, data_range=255, channel_axis for RGB)
and peak_signal_noise_ratio (data_range=255) of each pair; kid_x.npy / kid_y.npy with kid.json, the KID of
clean-fid's kernel_distance formula evaluated on the full sets.

    pip install scikit-image pillow numpy
    python3 tools/make_eval_fixtures.py
"""
import json
import os

import numpy as np
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

OUT = os.path.join(os.path.dirname(__file__), "..", "transmute-core", "src", "test", "resources", "fixtures",
                   "eval", "paired")


def pair(rng, shape):
    a = rng.integers(0, 256, size=shape).astype(np.float64)
    # smooth structure plus noise, so SSIM lands between 0 and 1 rather than near 0
    yy, xx = np.mgrid[0:shape[0], 0:shape[1]]
    base = 127 + 100 * np.sin(xx / 5.0) * np.cos(yy / 7.0)
    if len(shape) == 3:
        base = base[..., None]
    a = np.clip(0.7 * base + 0.3 * a, 0, 255).astype(np.uint8)
    b = np.clip(a.astype(np.int32) + rng.integers(-40, 41, size=shape), 0, 255).astype(np.uint8)
    return a, b


def kid_full_set(x, y):
    # clean-fid's kernel_distance with one subset equal to the full sets (m = n)
    d = x.shape[1]
    m = x.shape[0]
    a = (x @ x.T / d + 1) ** 3 + (y @ y.T / d + 1) ** 3
    b = (x @ y.T / d + 1) ** 3
    t = (a.sum() - np.diag(a).sum()) / (m - 1) - b.sum() * 2 / m
    return t / m


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(11)
    shapes = [(37, 53, 3), (24, 24), (64, 48, 3), (11, 11)]
    pairs = []
    for i, shape in enumerate(shapes):
        a, b = pair(rng, shape)
        Image.fromarray(a).save(os.path.join(OUT, f"a_{i}.png"))
        Image.fromarray(b).save(os.path.join(OUT, f"b_{i}.png"))
        rgb = len(shape) == 3
        ssim = structural_similarity(a, b, gaussian_weights=True, data_range=255, channel_axis=2 if rgb else None)
        psnr = peak_signal_noise_ratio(a, b, data_range=255)
        pairs.append({"a": f"a_{i}.png", "b": f"b_{i}.png", "ssim": float(ssim), "psnr": float(psnr)})
    with open(os.path.join(OUT, "paired.json"), "w") as f:
        json.dump({"made_by": "tools/make_eval_fixtures.py, scikit-image structural_similarity(gaussian_weights=True,"
                   " data_range=255) and peak_signal_noise_ratio(data_range=255)", "pairs": pairs}, f, indent=1)
    x = rng.random((12, 16)).astype(np.float32)
    y = (rng.random((12, 16)) * 1.3).astype(np.float32)
    np.save(os.path.join(OUT, "kid_x.npy"), x)
    np.save(os.path.join(OUT, "kid_y.npy"), y)
    kid = kid_full_set(x.astype(np.float64), y.astype(np.float64))
    with open(os.path.join(OUT, "kid.json"), "w") as f:
        json.dump({"made_by": "tools/make_eval_fixtures.py, clean-fid kernel_distance formula, subset = full set",
                   "kid_full_set": float(kid)}, f, indent=1)


if __name__ == "__main__":
    main()
