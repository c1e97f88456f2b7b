"""Scores and compares the runs of cycle_gan_compare.sh: held-out error per seed and per-epoch losses.

Held-out error of a G_A: mean L1 between G_A(held-out A) and the true B of the same characters, divided by the
better of two baselines (the input itself, and a blank white image), so 1.0 means "no better than doing
nothing"; lower is better. Losses: each loss_log.txt's values averaged per epoch, then over seeds; also written
to OUT_DIR/curves.csv for PlotCurves.java.

With two or more seeds, Welch's t of the two sets of held-out errors.

Usage: python3 compare.py OUT_DIR DATA_DIR SEED...
"""
import math
import os
import re
import statistics
import sys

import numpy as np
from PIL import Image

LOSSES = ['D_A', 'G_A', 'cycle_A', 'idt_A', 'D_B', 'G_B', 'cycle_B', 'idt_B']
LINE = re.compile(r'\(epoch: (\d+), iters: (\d+).*?\)\s*,?\s*(.*)')


def load(path):
    return np.asarray(Image.open(path).convert('RGB'), dtype=np.float64) / 255.0


def held_out_error(translated, data):
    fake_err, ident_err, blank_err = [], [], []
    for name in sorted(os.listdir(os.path.join(data, 'testB'))):
        b = load(os.path.join(data, 'testB', name))
        a = load(os.path.join(data, 'testA', name))
        f = load(os.path.join(translated, os.path.splitext(name)[0] + '.png'))
        fake_err.append(np.abs(f - b).mean())
        ident_err.append(np.abs(a - b).mean())
        blank_err.append(np.abs(1.0 - b).mean())
    return np.mean(fake_err) / min(np.mean(ident_err), np.mean(blank_err))


def welch(a, b):
    """Welch's t of two samples, its Welch-Satterthwaite degrees of freedom and the two-sided p-value."""
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    t = (statistics.mean(b) - statistics.mean(a)) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    # the t density integrated from 0 to |t| by Simpson's rule
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    n, x = 2000, abs(t)
    f = [c * (1 + (x * i / n) ** 2 / df) ** (-(df + 1) / 2) for i in range(n + 1)]
    half = x / n / 3 * (f[0] + f[-1] + 4 * sum(f[1:-1:2]) + 2 * sum(f[2:-1:2]))
    return t, df, 1 - 2 * half


def epoch_losses(log):
    per_epoch = {}
    for line in open(log):
        m = LINE.match(line.replace('[Rank 0] ', ''))
        if not m:
            continue
        values = dict(re.findall(r'(\w+): ([-\d.e]+)', m.group(3)))
        per_epoch.setdefault(int(m.group(1)), []).append([float(values[k]) for k in LOSSES])
    return {e: np.mean(v, axis=0) for e, v in per_epoch.items()}


def main():
    out, data, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
    scores = {'ref': [], 'ours': []}
    curves = {'ref': [], 'ours': []}
    for s in seeds:
        for impl in scores:
            scores[impl].append(held_out_error(os.path.join(out, 'translated', '%s_s%s' % (impl, s)), data))
            curves[impl].append(epoch_losses(os.path.join(out, 'runs', '%s_s%s' % (impl, s), 'loss_log.txt')))
    print('held-out error (lower is better; 1.0 = no better than the input or a blank page)')
    for impl, name in (('ref', 'reference'), ('ours', 'Transmute')):
        v = scores[impl]
        sd = statistics.stdev(v) if len(v) > 1 else float('nan')
        print('  %-10s %s  mean %.3f  sd %.3f' % (name, ' '.join('%.3f' % x for x in v), np.mean(v), sd))
    if len(seeds) > 1:
        print('  Welch\'s t (Transmute - reference) %.2f, df %.1f, two-sided p %.2f'
              % welch(scores['ref'], scores['ours']))
    print('\nper-epoch mean losses over %d seed(s): reference / Transmute' % len(seeds))
    print('epoch ' + ' '.join('%15s' % k for k in LOSSES))
    epochs = sorted(set.intersection(*[set(c) for impl in curves for c in curves[impl]]))
    rows = ['epoch,implementation,loss,value']
    for e in epochs:
        ref = np.mean([c[e] for c in curves['ref']], axis=0)
        ours = np.mean([c[e] for c in curves['ours']], axis=0)
        print('%5d ' % e + ' '.join('%7.3f/%-7.3f' % (r, o) for r, o in zip(ref, ours)))
        rows += ['%d,%s,%s,%.5f' % (e, name, k, v) for name, values in (('reference', ref), ('Transmute', ours))
                 for k, v in zip(LOSSES, values)]
    with open(os.path.join(out, 'curves.csv'), 'w') as f:
        f.write('\n'.join(rows) + '\n')


if __name__ == '__main__':
    main()
