"""Scores a StarGAN trained on font faces (font_domains.py): does G(x, c) follow the target face c?

For each held-out character in each source face and each other target face, the translation (made by
`transmute translate --model stargan`, one output folder per target face) is compared with the true glyph of that
character in every face; the face it is closest to (mean L1) is its predicted face. Prints the share of
translations closest to their target face (chance: 1/4), the share closest to their own source face, and the mean
L1 between translations of one input to different targets (0 would mean G ignores the label).

Usage: python3 stargan_fonts_eval.py DATA_DIR TRANSLATED_DIR   (TRANSLATED_DIR/<source>_to_<target>/<char>.png)
"""
import itertools
import os
import sys

import numpy as np
from PIL import Image


def load(p):
    return np.asarray(Image.open(p).convert('RGB'), dtype=np.float64) / 255.0


def score(data, out):
    """Returns (share closest to the target face, share closest to the source face, count, mean L1 between one
    input's translations to different targets)."""
    faces = sorted(os.listdir(os.path.join(data, 'test')))
    chars = sorted(os.listdir(os.path.join(data, 'test', faces[0])))
    truth = {(f, c): load(os.path.join(data, 'test', f, c)) for f in faces for c in chars}
    hit = own = total = 0
    spread = []
    for src in faces:
        for c in chars:
            outs = {}
            for trg in faces:
                if trg == src:
                    continue
                y = load(os.path.join(out, '%s_to_%s' % (src, trg), c))
                outs[trg] = y
                d = {f: np.abs(y - truth[(f, c)]).mean() for f in faces}
                best = min(d, key=d.get)
                hit += best == trg
                own += best == src
                total += 1
            spread += [np.abs(a - b).mean() for a, b in itertools.combinations(outs.values(), 2)]
    return hit / total, own / total, total, float(np.mean(spread))


def main():
    target, source, total, spread = score(sys.argv[1], sys.argv[2])
    print('translations closest to their target face: %.3f (chance 0.25), to their source face: %.3f, '
          'of %d' % (target, source, total))
    print('mean L1 between one input\'s translations to different targets: %.4f' % spread)


if __name__ == '__main__':
    main()
