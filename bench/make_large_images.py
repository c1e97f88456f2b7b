"""Writes the large test images of docs/PERFORMANCE.md's tiled-translation figures: a real photograph
(scikit-image's astronaut, 512x512) scaled up to 2000x2000 and 8000x8000 with bicubic resampling.

    python3 bench/make_large_images.py OUT_DIR
"""
import sys
from pathlib import Path

from PIL import Image
from skimage import data

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
photo = Image.fromarray(data.astronaut())
photo.save(out / "astronaut_512.png")
for side in (2000, 8000):
    photo.resize((side, side), Image.BICUBIC).save(out / f"astronaut_{side}.png")
# an edge map of the photograph, as the input of an edges2shoes-style pix2pix (black edges on white)
from skimage import color, feature
import numpy as np

edges = feature.canny(color.rgb2gray(data.astronaut()), sigma=2)
Image.fromarray(np.where(edges, 0, 255).astype(np.uint8)).convert("RGB").save(out / "astronaut_edges_512.png")
