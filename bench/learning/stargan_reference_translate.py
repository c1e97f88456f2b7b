"""Translates the held-out glyphs of font_domains.py with a reference StarGAN generator (yunjey/stargan's own
Generator class, from a checkout), as its Solver.test() does for RaFD: every source face to every other face.

Writes OUT/<source>_to_<target>/<char>.png, the layout stargan_fonts_eval.py reads.
Usage: python3 stargan_reference_translate.py CHECKOUT G_CKPT DATA_DIR OUT_DIR CONV_DIM REPEAT_NUM
"""
import os
import sys

import numpy as np
import torch
from PIL import Image


def main():
    checkout, ckpt, data, out = sys.argv[1:5]
    conv_dim, repeat_num = int(sys.argv[5]), int(sys.argv[6])
    sys.path.insert(0, checkout)
    from model import Generator
    faces = sorted(os.listdir(os.path.join(data, 'test')))
    G = Generator(conv_dim, len(faces), repeat_num)
    G.load_state_dict(torch.load(ckpt, map_location='cpu'))
    with torch.no_grad():
        for src in faces:
            folder = os.path.join(data, 'test', src)
            names = sorted(os.listdir(folder))
            x = torch.stack([torch.from_numpy(np.asarray(Image.open(os.path.join(folder, n)).convert('RGB'),
                                                         dtype=np.float32) / 255.0).permute(2, 0, 1)
                             for n in names]) * 2 - 1
            for t, trg in enumerate(faces):
                if trg == src:
                    continue
                c = torch.zeros(len(names), len(faces))
                c[:, t] = 1
                y = ((G(x, c) + 1) / 2).clamp(0, 1)
                os.makedirs(os.path.join(out, '%s_to_%s' % (src, trg)), exist_ok=True)
                for n, img in zip(names, y):
                    # as torchvision's save_image rounds
                    a = img.mul(255).add(0.5).clamp(0, 255).permute(1, 2, 0).to(torch.uint8).numpy()
                    Image.fromarray(a).save(os.path.join(out, '%s_to_%s' % (src, trg), n))


if __name__ == '__main__':
    main()
