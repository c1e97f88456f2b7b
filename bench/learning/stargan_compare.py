"""Scores and compares the runs of stargan_compare.sh: losses per window of iterations, the domain classifier's
accuracy on real glyphs per saved D, and how the final G's translations follow their target face.

Losses: the values logged every 10 iterations (the reference's stdout, Transmute's loss_log.txt), averaged per
window of 100 iterations, then over seeds (also written to OUT_DIR/curves.csv, with the training-set accuracy,
for PlotCurves.java). Accuracy: OUT/accuracy.txt (stargan_classifier_accuracy.py).
Translations: stargan_fonts_eval.score for each run's OUT/translated/<run>.

Usage: python3 stargan_compare.py OUT_DIR DATA_DIR SEED...
"""
import itertools
import os
import re
import statistics
import sys

import numpy as np

from stargan_fonts_eval import load, score

LOSSES = ['D/loss_cls', 'D/loss_real', 'D/loss_fake', 'G/loss_cls', 'G/loss_rec']
WINDOW = 100
LOG_STEP = 10
PAIR = re.compile(r'([DG]/loss_\w+): ([-\d.e]+)')


def logged(path, marker):
    """The loss dictionaries of a log, one per logged iteration, in order."""
    rows = []
    for line in open(path):
        if marker in line:
            rows.append({k: float(v) for k, v in PAIR.findall(line)})
    return rows


def windows(rows):
    per = {}
    for n, row in enumerate(rows):
        per.setdefault(n * LOG_STEP // WINDOW, []).append([row.get(k, np.nan) for k in LOSSES])
    return {w: np.nanmean(v, axis=0) for w, v in per.items()}


def mean_sd(values):
    sd = statistics.stdev(values) if len(values) > 1 else float('nan')
    return '%s  mean %.3f sd %.3f' % (' '.join('%.3f' % v for v in values), np.mean(values), sd)


def true_face_distance(data):
    faces = sorted(os.listdir(os.path.join(data, 'test')))
    chars = sorted(os.listdir(os.path.join(data, 'test', faces[0])))
    return np.mean([np.abs(load(os.path.join(data, 'test', a, c)) - load(os.path.join(data, 'test', b, c))).mean()
                    for c in chars for a, b in itertools.combinations(faces, 2)])


def main():
    out, data, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
    impls = (('ref', 'reference'), ('ours', 'Transmute'))
    curves = {'ref': [windows(logged(os.path.join(out, 'ref_s%s.log' % s), 'Iteration [')) for s in seeds],
              'ours': [windows(logged(os.path.join(out, 'runs', 'ours_s%s' % s, 'loss_log.txt'), '(epoch'))
                       for s in seeds]}
    print('mean losses per %d iterations over %d seed(s): reference / Transmute' % (WINDOW, len(seeds)))
    print('iterations ' + ' '.join('%15s' % k for k in LOSSES))
    common = sorted(set.intersection(*[set(c) for impl in curves for c in curves[impl]]))
    rows = ['iteration,implementation,loss,value']
    for w in common:
        ref = np.mean([c[w] for c in curves['ref']], axis=0)
        ours = np.mean([c[w] for c in curves['ours']], axis=0)
        print('%10s ' % ('%d-%d' % (w * WINDOW + 1, (w + 1) * WINDOW))
              + ' '.join('%15s' % ('%.2f/%.2f' % (r, o)) for r, o in zip(ref, ours)))
        rows += ['%d,%s,%s,%.5f' % ((w + 1) * WINDOW, name, k, v) for name, values in (('reference', ref),
                 ('Transmute', ours)) for k, v in zip(LOSSES, values) if k != 'D/loss_fake']
    acc = {}
    for line in open(os.path.join(out, 'accuracy.txt')):
        run, it, train, held = line.split()
        acc.setdefault(run.split('_s')[0], {}).setdefault(int(it), []).append((float(train), float(held)))
    print('\nD\'s domain classifier on real glyphs (chance 0.25), mean over seeds: reference / Transmute')
    print('iteration   training set   held-out set')
    for it in sorted(acc['ref']):
        r, o = np.mean(acc['ref'][it], axis=0), np.mean(acc['ours'].get(it, [(np.nan, np.nan)]), axis=0)
        print('%9d %14s %14s' % (it, '%.3f/%.3f' % (r[0], o[0]), '%.3f/%.3f' % (r[1], o[1])))
        rows += ['%d,%s,D accuracy (real training glyphs),%.5f' % (it, name, v[0])
                 for name, v in (('reference', r), ('Transmute', o))]
    with open(os.path.join(out, 'curves.csv'), 'w') as f:
        f.write('\n'.join(rows) + '\n')
    print('\nfinal G on the held-out characters, one value per seed (true faces of one character are %.4f apart)'
          % true_face_distance(data))
    results = {impl: [score(data, os.path.join(out, 'translated', '%s_s%s' % (impl, s))) for s in seeds]
               for impl, _ in impls}
    for title, index in (('closest to the target face (chance 0.25)', 0), ('closest to the source face', 1),
                         ('L1 between translations to different targets', 3)):
        print('  ' + title)
        for impl, name in impls:
            print('    %-10s %s' % (name, mean_sd([r[index] for r in results[impl]])))


if __name__ == '__main__':
    main()
