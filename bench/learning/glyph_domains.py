"""Makes an unpaired two-domain glyph set for learning comparisons (no download: the machine's own fonts).

Domain A: characters drawn in one font; domain B: the same characters in another. Training folders trainA/trainB
hold the same training characters (CycleGAN samples B at random per A, so they are unpaired in use);
testA/testB hold held-out characters, paired by file name, for scoring G_A against the true B.

Usage: python3 bench/learning/glyph_domains.py OUT_DIR [--size 64] [--font_a PATH] [--font_b PATH] [--held_out 24]
"""
import argparse
import os
import random

from PIL import Image, ImageDraw, ImageFont

DEJAVU = '/usr/share/fonts/truetype/dejavu/'
CHARS = ''.join(chr(c) for c in list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + list(range(0x30, 0x3A))
                + list(range(0x391, 0x3AA)) + list(range(0x3B1, 0x3CA)) + list(range(0x410, 0x450)))


def draw(ch, font, size):
    img = Image.new('L', (size * 4, size * 4), 255)
    d = ImageDraw.Draw(img)
    box = d.textbbox((0, 0), ch, font=font)
    w, h = box[2] - box[0], box[3] - box[1]
    d.text(((size * 4 - w) / 2 - box[0], (size * 4 - h) / 2 - box[1]), ch, font=font, fill=0)
    return img.resize((size, size), Image.BICUBIC).convert('RGB')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('out')
    p.add_argument('--size', type=int, default=64)
    p.add_argument('--font_a', default=DEJAVU + 'DejaVuSans.ttf')
    p.add_argument('--font_b', default=DEJAVU + 'DejaVuSerif-Bold.ttf')
    p.add_argument('--held_out', type=int, default=24)
    a = p.parse_args()
    fa = ImageFont.truetype(a.font_a, a.size * 4 * 6 // 10)
    fb = ImageFont.truetype(a.font_b, a.size * 4 * 6 // 10)
    chars = sorted(set(CHARS))
    random.Random(7).shuffle(chars)
    held, train = chars[:a.held_out], chars[a.held_out:]
    for phase, subset in (('train', train), ('test', held)):
        for dom, font in (('A', fa), ('B', fb)):
            os.makedirs(os.path.join(a.out, phase + dom), exist_ok=True)
            for ch in subset:
                draw(ch, font, a.size).save(os.path.join(a.out, phase + dom, 'u%04x.png' % ord(ch)))
    print('%s: %d training and %d held-out characters, %dx%d' % (a.out, len(train), len(held), a.size, a.size))


if __name__ == '__main__':
    main()
