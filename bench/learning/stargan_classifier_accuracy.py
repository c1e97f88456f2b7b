"""Accuracy of StarGAN discriminators' domain classifiers on real glyphs (font_domains.py), iteration by iteration.

Loads every <iter>-D.ckpt of each run folder (the reference's and Transmute's share the format) into yunjey/stargan's
own Discriminator class (from a checkout) and classifies the real training and held-out glyphs of each face:
does D learn which face a real image is in? Chance is 1/4. Prints one line per run and checkpoint:
RUN ITER train_accuracy held_out_accuracy
Usage: python3 stargan_classifier_accuracy.py CHECKOUT DATA_DIR IMAGE_SIZE CONV_DIM REPEAT_NUM RUN_DIR...
"""
import os
import re
import sys

import numpy as np
import torch
from PIL import Image


def load_set(data, phase, faces):
    xs, labels = [], []
    for label, face in enumerate(faces):
        folder = os.path.join(data, phase, face)
        for n in sorted(os.listdir(folder)):
            a = np.asarray(Image.open(os.path.join(folder, n)).convert('RGB'), dtype=np.float32) / 255.0
            xs.append(torch.from_numpy(a).permute(2, 0, 1))
            labels.append(label)
    return torch.stack(xs) * 2 - 1, torch.tensor(labels)


def main():
    checkout, data = sys.argv[1], sys.argv[2]
    image_size, conv_dim, repeat_num = (int(v) for v in sys.argv[3:6])
    sys.path.insert(0, checkout)
    from model import Discriminator
    faces = sorted(os.listdir(os.path.join(data, 'train')))
    sets = [load_set(data, phase, faces) for phase in ('train', 'test')]
    D = Discriminator(image_size, conv_dim, len(faces), repeat_num)
    for run in sys.argv[6:]:
        iters = sorted(int(m.group(1)) for m in (re.match(r'(\d+)-D\.ckpt$', f) for f in os.listdir(run)) if m)
        for it in iters:
            D.load_state_dict(torch.load(os.path.join(run, '%d-D.ckpt' % it), map_location='cpu'))
            with torch.no_grad():
                acc = [(D(x)[1].argmax(1) == y).float().mean().item() for x, y in sets]
            print('%s %d %.3f %.3f' % (os.path.basename(run.rstrip('/')), it, acc[0], acc[1]))


if __name__ == '__main__':
    main()
