"""Reference fixtures for resizing real photographs the way the reference's data path does.

Takes three photographs shipped with scikit-image (rocket, coffee, chelsea; decoded from their own files, no
download), crops a small region of each (kept small so the fixture stays small) and writes, into OUT_DIR:

- photo_<name>.png: the cropped source (lossless);
- photo_<name>.<W>x<H>.u8: PIL's Image.resize((W, H), BICUBIC) of it, raw RGB bytes, for a downscale and an
  upscale: what torchvision's Resize calls for PIL images;
- photo_<name>.transform64.f32: the reference's get_transform(resize_and_crop, load 64, crop 64, no flip) of it:
  Resize([64, 64], BICUBIC), ToTensor, Normalize((0.5,) * 3, (0.5,) * 3), float32 little-endian CHW.

Usage: python3 tools/pil_resize_reference.py OUT_DIR   (needs Pillow, numpy and scikit-image's data files)
"""
import json
import os
import sys

import numpy as np
from PIL import Image

SKIMAGE_DATA = os.environ.get('SKIMAGE_DATA',
                              '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/skimage/data')
PHOTOS = {'rocket': ('rocket.jpg', (100, 40, 197, 113)), 'coffee': ('coffee.png', (180, 100, 300, 190)),
          'chelsea': ('chelsea.png', (120, 30, 210, 150))}
SIZES = [(48, 40), (150, 131)]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    meta = {}
    for name, (file, box) in PHOTOS.items():
        src = Image.open(os.path.join(SKIMAGE_DATA, file)).convert('RGB').crop(box)
        src.save(os.path.join(out, 'photo_%s.png' % name))
        meta[name] = {'source': list(src.size), 'sizes': [list(s) for s in SIZES]}
        for w, h in SIZES:
            np.asarray(src.resize((w, h), Image.BICUBIC), dtype=np.uint8).tofile(
                os.path.join(out, 'photo_%s.%dx%d.u8' % (name, w, h)))
        t = np.asarray(src.resize((64, 64), Image.BICUBIC), dtype=np.float32) / 255.0
        ((t.transpose(2, 0, 1) - 0.5) / 0.5).astype('<f4').tofile(os.path.join(out, 'photo_%s.transform64.f32' % name))
    import PIL
    meta['pillow'] = PIL.__version__
    json.dump(meta, open(os.path.join(out, 'photos.json'), 'w'), indent=1)


if __name__ == '__main__':
    main()
