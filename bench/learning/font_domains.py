"""Makes a four-domain glyph set (one font face per domain) for StarGAN learning checks: harder than colour.

OUT/train/<face>/ holds the training characters drawn in each face (RaFD layout: one folder per domain, folder
order = label order); OUT/test/<face>/ the held-out characters, paired across faces by file name.
Usage: python3 bench/learning/font_domains.py OUT_DIR [--size 32] [--held_out 16]
"""
import argparse
import os
import random

from PIL import ImageFont

from glyph_domains import CHARS, DEJAVU, draw

FACES = {'mono': 'DejaVuSansMono.ttf', 'sans': 'DejaVuSans.ttf', 'serif': 'DejaVuSerif.ttf',
         'serifbold': 'DejaVuSerif-Bold.ttf'}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('out')
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--held_out', type=int, default=16)
    a = p.parse_args()
    chars = sorted(set(CHARS))
    random.Random(11).shuffle(chars)
    held, train = chars[:a.held_out], chars[a.held_out:]
    for face, file in FACES.items():
        font = ImageFont.truetype(DEJAVU + file, a.size * 4 * 6 // 10)
        for phase, subset in (('train', train), ('test', held)):
            os.makedirs(os.path.join(a.out, phase, face), exist_ok=True)
            for ch in subset:
                draw(ch, font, a.size).save(os.path.join(a.out, phase, face, 'u%04x.png' % ord(ch)))
    print('%s: %d faces, %d training and %d held-out characters each' % (a.out, len(FACES), len(train), len(held)))


if __name__ == '__main__':
    main()
