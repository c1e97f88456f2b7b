"""Compares a tiled translation with the whole-image one (docs/PERFORMANCE.md, tiled translation): mean and
maximum absolute difference in 8-bit levels, over the whole image and within 8 pixels of a tile seam.

    python3 bench/tile_seam_error.py WHOLE.png TILED.png TILE OVERLAP
"""
import sys

import numpy as np
from PIL import Image

whole = np.asarray(Image.open(sys.argv[1]).convert("RGB"), dtype=np.float64)
tiled = np.asarray(Image.open(sys.argv[2]).convert("RGB"), dtype=np.float64)
tile, overlap = int(sys.argv[3]), int(sys.argv[4])
diff = np.abs(whole - tiled)
h, w = diff.shape[:2]
seam = np.zeros((h, w), dtype=bool)
step = tile - overlap
for axis_len, is_rows in ((h, True), (w, False)):
    starts = list(range(0, max(axis_len - tile, 0), step)) + [max(axis_len - tile, 0)]
    for s in starts[1:]:
        lo, hi = max(s - 8, 0), min(s + overlap + 8, axis_len)
        if is_rows:
            seam[lo:hi, :] = True
        else:
            seam[:, lo:hi] = True
print(f"image {w}x{h}, tile {tile}, overlap {overlap}: mean |diff| {diff.mean():.3f}, max {diff.max():.0f};"
      f" near seams mean {diff[seam].mean():.3f}; output range {whole.min():.0f}-{whole.max():.0f},"
      f" std {whole.std():.1f}")
